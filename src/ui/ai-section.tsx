import { h } from 'preact';
import type { CandorContext } from '../api/create-candor';
import { AiLinks } from '../ai/views';

/**
 * The site-wide AI section of the banner's first layer (SPEC §5): which AI features the site
 * uses, the providers and a link. Shown in addition to the per-surface notices, never
 * instead: the Commission's Art. 50 guidelines (para 38) call a site-wide line alone
 * insufficient, so this only summarises what each surface discloses in place.
 */
export function AiSection({ ctx }: { ctx: CandorContext }) {
  const ai = ctx.config.ai;
  if (!ai?.notice) return null;
  const { texts } = ctx.config;
  const has = (selector: string) => {
    try {
      return ctx.doc.querySelector(selector) !== null;
    } catch {
      /* the schema checked the selector; a page without a DOM simply lists nothing */
      return false;
    }
  };
  const features = [(ai.chatSelector || has('[data-ai-notice]')) && texts.aiFeatureChat, has(ai.contentSelector) && texts.aiFeatureContent].filter(Boolean);
  return (
    <div class="ai-section" data-candor="ai-section">
      <h3 class="ai-title">{ai.title ?? texts.aiBannerTitle}</h3>
      <p class="text">{ai.text ?? texts.aiBannerText}</p>
      {features.length > 0 && (
        <ul class="text">
          {features.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      )}
      {ai.providers.length > 0 && (
        <p class="text">
          {texts.aiProviders} {ai.providers.join(', ')}
        </p>
      )}
      <AiLinks ai={ai} texts={texts} class="links" />
    </div>
  );
}
