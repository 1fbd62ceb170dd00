import { effect } from '@preact/signals-core';
import { type ComponentChild, h, render } from 'preact';
import css from '../../styles/ai.css?inline';
import type { CandorContext, Disposer } from '../api/create-candor';
import { type ContentKind, contentKind, placeInside } from './placement';
import { ChatNotice, ContentLabel } from './views';

/** The host element of a chat surface's notice (light DOM; the notice is in its shadow root). */
export const NOTICE_TAG = 'candor-ai-notice';
/** The host element of an AI-content label. */
export const LABEL_TAG = 'candor-ai-label';

interface Placed {
  host: HTMLElement;
  root: ShadowRoot;
  kind?: ContentKind;
  /** insertions so far; a page that keeps removing the host is not fought forever */
  moves: number;
}

/**
 * EU AI Act Art. 50 notices on AI chat surfaces and labels on AI-generated content (SPEC §5).
 *
 * Placement is in the page's own layout, never an overlay: a notice is the first child of its
 * chat surface (or, for a surface that cannot hold children, its previous sibling), so it
 * moves, resizes, scrolls and hides with the surface and takes its own space, which means it
 * cannot drift off the surface or cover the chat's input, and needs no scroll or resize
 * listeners. Each notice and label is its own small shadow root, so page CSS cannot restyle
 * it and its CSS cannot leak; the host's own box is pinned through CSSOM with `!important`
 * (inline declarations beat every page rule, and CSSOM is allowed under `style-src 'self'`).
 *
 * Surfaces and content present when the script runs, parsed later, or added by page code are
 * all found by one MutationObserver. Its callbacks run as microtasks, before the browser's
 * next rendering step, so a label is in place before its content is first painted; content
 * painted before Candor ran gets a floated label that moves nothing (see ContentLabel). The notices do not depend on the cookie banner: a cookie choice never hides them.
 */
export function startAi(ctx: CandorContext): Disposer {
  const { config, doc, win, store } = ctx;
  const { ai, texts } = config;
  if (!ai) return () => {};

  let sheet: CSSStyleSheet | undefined;
  try {
    sheet = new win.CSSStyleSheet();
    sheet.replaceSync(css);
  } catch {
    sheet = undefined;
  }
  const chats = new Map<Element, Placed>();
  const labels = new Map<Element, Placed>();
  let acknowledged = store.consent.peek().aiAcknowledgedAt !== null;

  const draw = (p: Placed, child: ComponentChild) =>
    render(h('div', { class: `t theme-${config.ui.theme}`, lang: config.lang }, child), p.root);
  const drawChat = (p: Placed) =>
    draw(
      p,
      h(ChatNotice, {
        ai,
        texts,
        acknowledged,
        onAcknowledge: () => {
          ctx.acknowledgeAi();
          // The OK button is gone now: keep keyboard focus on the notice instead of the page top.
          p.root.querySelector<HTMLElement>('[data-candor="ai-notice"]')?.focus();
        },
      }),
    );

  const makeHost = (tag: string): Placed => {
    const host = doc.createElement(tag);
    for (const [prop, value] of [
      ['all', 'initial'],
      ['display', 'block'],
      ['flex', 'none'],
    ]) {
      host.style.setProperty(prop!, value!, 'important');
    }
    const root = host.attachShadow({ mode: 'open' });
    if (sheet) root.adoptedStyleSheets = [sheet];
    else {
      // Browsers without constructable stylesheets (Safari < 16.4).
      const style = doc.createElement('style');
      style.textContent = css;
      root.appendChild(style);
    }
    return { host, root, moves: 0 };
  };

  const place = (target: Element, p: Placed) => {
    const inside = placeInside(target.tagName, target.shadowRoot !== null);
    const parent = inside ? target : target.parentNode;
    if (!parent || p.host.parentNode === parent || p.moves++ > 20) return;
    if (inside) target.prepend(p.host);
    else target.before(p.host);
  };

  const sync = (selector: string | undefined, placed: Map<Element, Placed>, tag: string, update: (p: Placed, el: Element) => void) => {
    for (const [el, p] of placed) {
      if (el.isConnected) continue;
      render(null, p.root);
      p.host.remove();
      placed.delete(el);
    }
    if (!selector) return;
    for (const el of doc.querySelectorAll(selector)) {
      if (el.localName === NOTICE_TAG || el.localName === LABEL_TAG) continue;
      let p = placed.get(el);
      if (!p) placed.set(el, (p = makeHost(tag)));
      // Rendered before it is inserted, so it never shows empty.
      update(p, el);
      place(el, p);
    }
  };

  const scan = () => {
    try {
      sync(ai.chatSelector, chats, NOTICE_TAG, (p) => p.moves || drawChat(p));
      sync(ai.contentSelector, labels, LABEL_TAG, (p, el) => {
        const kind = contentKind(el.getAttribute('data-ai-generated'));
        if (kind !== p.kind) draw(p, h(ContentLabel, { kind: (p.kind = kind), texts, inside: placeInside(el.tagName, el.shadowRoot !== null) }));
      });
    } catch (e) {
      // A broken selector or a hostile page never breaks the page or the rest of Candor.
      console.error('[candor] AI notices:', e);
    }
  };

  const stopEffect = effect(() => {
    const now = store.consent.value.aiAcknowledgedAt !== null;
    if (now === acknowledged) return;
    acknowledged = now;
    chats.forEach(drawChat);
  });

  let observer: MutationObserver | undefined;
  try {
    observer = new win.MutationObserver(scan);
    observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-ai-generated'] });
  } catch {
    /* no observer: what is on the page now is still labelled */
  }
  scan();

  return () => {
    observer?.disconnect();
    stopEffect();
    for (const placed of [chats, labels]) {
      for (const p of placed.values()) {
        render(null, p.root);
        p.host.remove();
      }
      placed.clear();
    }
  };
}
