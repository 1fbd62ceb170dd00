import { h } from 'preact';
import type { AiConfig } from '../config/resolve';
import type { Texts } from '../i18n/en';
import { isSafeUrl } from '../util/url';
import { contactHref, type ContentKind } from './placement';

/** What a chat notice shows. */
export interface ChatNoticeProps {
  ai: AiConfig;
  texts: Texts;
  /** The visitor pressed OK (now or on an earlier visit): show the compact form. */
  acknowledged: boolean;
  onAcknowledge: () => void;
}

/**
 * The notice on an AI chat surface (EU AI Act Art. 50(1) and (5); Commission Guidelines paras
 * 37–38, 142): plain words, the providers, "Learn more" and the human-review contact, readable
 * with no hover or click. Acknowledging never removes it (COMPLIANCE AI-4): it only drops the
 * OK button and tightens into one paragraph that still says everything.
 */
export function ChatNotice({ ai, texts, acknowledged, onAcknowledge }: ChatNoticeProps) {
  return (
    <div class={`n${acknowledged ? ' compact' : ''}`} role="note" tabIndex={-1} data-candor="ai-notice">
      <p class="lead">
        <span class="badge" aria-hidden="true">
          {texts.aiBadge}
        </span>
        {texts.aiChatNotice}
      </p>
      {ai.providers.length > 0 && (
        <p>
          {texts.aiProviders} {ai.providers.join(', ')}
        </p>
      )}
      <AiLinks ai={ai} texts={texts} />
      {!acknowledged && (
        <button type="button" class="ok" data-candor-action="ai-ok" onClick={onAcknowledge}>
          {texts.ok}
        </button>
      )}
    </div>
  );
}

/**
 * "Learn more" and the human-review contact, shared by the chat notices and the banner's AI
 * section. Both URLs were checked by the schema and are checked again here, where they
 * become `href`s; a mailto: opens the mail client, a page opens in a new tab.
 */
export function AiLinks({ ai, texts, class: className }: { ai: AiConfig; texts: Texts; class?: string }) {
  const contact = contactHref(ai.humanReview);
  return (
    <p class={className}>
      {isSafeUrl(ai.learnMoreUrl) && (
        <a href={ai.learnMoreUrl} target="_blank" rel="noopener">
          {texts.aiLearnMore}
        </a>
      )}
      {contact && (
        <a href={contact} target={/^mailto:/i.test(contact) ? undefined : '_blank'} rel="noopener">
          {texts.aiHumanReview}
        </a>
      )}
    </p>
  );
}

/**
 * The label at the top of AI-generated content: a capitalised "AI" badge (in every language,
 * as the EU icon) plus "AI-generated" or "AI-modified" (Code of Practice on AI-generated
 * content, 10 June 2026, Section 2, Measure 1.1; COMPLIANCE AI-6). The
 * badge is hidden from assistive technology so the name is read once, not "AI AI-generated".
 *
 * Inside block content it floats to the top inline-end corner, beside the headline (Code of
 * Practice, Sub-measure 1.2.2(f): "at the top of the text, near the headline"). A float takes
 * no block space and its empty host lets margins collapse through, so nothing already painted
 * moves: zero layout shift even when Candor runs after first paint (`defer`, `async`, end of
 * `<body>`). Where a float would be a flex or grid item, or the content cannot hold it, the
 * host is positioned over the content's corner or is a line of its own (`data-flat`, set by
 * start-ai.ts), and the label does not float.
 */
export function ContentLabel({ kind, texts }: { kind: ContentKind; texts: Texts }) {
  const name = kind === 'assisted' ? texts.aiAssisted : texts.aiGenerated;
  return (
    <p class="l" role="note" aria-label={name} data-candor="ai-label" data-kind={kind}>
      <span class="badge" aria-hidden="true">
        {texts.aiBadge}
      </span>
      {name}
    </p>
  );
}
