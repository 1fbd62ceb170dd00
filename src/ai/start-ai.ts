import { effect } from '@preact/signals-core';
import { type ComponentChild, h, render } from 'preact';
import aiCss from '../../styles/ai.css?inline';
import theme from '../../styles/theme.css?inline';
import type { CandorContext, Disposer } from '../api/create-candor';
import { LANGUAGE_TIMEOUT_MS } from '../i18n/load';
import { besideSurface, besideWidth, type ContentKind, contentKind, placeInside } from './placement';
import { ChatNotice, ContentLabel } from './views';

/** The host element of a chat surface's notice (light DOM; the notice is in its shadow root). */
export const NOTICE_TAG = 'candor-ai-notice';
/** The host element of an AI-content label. */
export const LABEL_TAG = 'candor-ai-label';

// The banner's theme (its rules are for `.candor`: here the notices' own root class, so that a
// page's or a test's `.candor` still finds only the widget), then the notices' own rules.
const css = theme.replace(/\.candor(?![\w-])/g, '.t') + aiCss;
// Insertions of one host per frame. A chat that resets its innerHTML on every message (or a
// streaming answer on every token) removes the notice each time and gets it back each time; a
// page that removes it synchronously whenever it returns gets it back this often per frame,
// and again at the next frame: bounded work, and never a notice lost for good.
const MOVES_PER_FRAME = 3;
// Frames to keep checking positions after a trigger, and after the last movement seen: a CSS
// transition or animation that starts a frame late is followed too.
const SETTLE_FRAMES = 10;
// What every host's own box is, pinned (see `startAi`). `visibility: inherit` because `all:
// initial` would make it visible inside a panel hidden with `visibility: hidden`; in a grid
// panel it is a row of its own across every column, not one cell.
const HOST = 'all:initial;flex:none;visibility:inherit;grid-column:1/-1;';

interface Placed {
  host: HTMLElement;
  root: ShadowRoot;
  /** a chat notice (else a content label) */
  chat: boolean;
  kind?: ContentKind;
  /** insertions in the current frame (see MOVES_PER_FRAME) */
  moves: number;
  /** the margins that move an anchored host onto its anchor (see `track`) */
  mx: number;
  my: number;
  /** the host's inline style as last written */
  css?: string;
  /** an in-flow label inside its content: it moves with it, so scrolling needs no check */
  flow?: boolean;
}

/**
 * EU AI Act Art. 50 notices on AI chat surfaces and labels on AI-generated content (SPEC §5).
 *
 * A notice is the first child of its chat surface, so it moves, resizes, scrolls and hides
 * with the surface in the page's own layout and takes its own space, never the input's. A
 * surface that cannot hold children (an `<iframe>`, a launcher `<button>`, a shadow host) gets
 * it as its previous sibling: in flow when the surface is, and when the surface floats (fixed,
 * absolute, sticky: most chat widgets) right next to its box (`besideSurface`), never over it.
 *
 * A label is the first child of its content, floated to the top inline-end corner beside the
 * headline: a float takes no block space, so nothing painted moves (zero layout shift even when
 * Candor runs after first paint). In a flex or grid container a float would be one of its items
 * (a column, a cell), and an image cannot hold a child: there the label is absolutely
 * positioned over the content's top inline-end corner, which takes no space either. Inside a
 * scrolling box an absolutely positioned label would neither scroll nor clip with it, so there
 * it is a line of its own right before the content.
 *
 * Anchored hosts sit at their static position (where layout puts them, so they follow the
 * page's flow by themselves) plus margins that `track` corrects whenever the anchor moves:
 * after DOM and attribute changes, resizes (ResizeObserver: the surface, the content, the
 * page; the window), scrolls and transitions, checked once per frame, and for a few frames
 * after the last movement. A sibling host also copies its surface's `display`, `visibility`
 * and `opacity`: a closed chat hides its notice.
 *
 * Each notice and label is its own small shadow root, so page CSS cannot restyle its content
 * and its CSS cannot leak; the host's own box is pinned through CSSOM with `!important`
 * (inline declarations beat every page rule, and CSSOM is allowed under `style-src 'self'`).
 * Surfaces and content present when the script runs, parsed later, or added by page code are
 * all found by one MutationObserver, whose callbacks run as microtasks, before the browser's
 * next rendering step. The notices do not depend on the cookie banner: a cookie choice never
 * hides them.
 */
export function startAi(ctx: CandorContext): Disposer {
  const { config, doc, win, store } = ctx;
  const { ai, lang } = config;
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
  let frame = 0;
  let frames = 0;
  let starved = false;
  // false until the texts are ready (below), null once stopped
  let ready: boolean | null = false;

  // `config.texts` and `config.lang` are read at each draw: a translation replaces them
  // (src/i18n/localize.ts).
  const draw = (p: Placed, child: ComponentChild) =>
    render(h('div', { class: `t theme-${config.ui.theme}`, lang: config.lang }, child), p.root);
  const drawChat = (p: Placed) =>
    draw(
      p,
      h(ChatNotice, {
        ai,
        texts: config.texts,
        acknowledged,
        onAcknowledge: () => {
          ctx.acknowledgeAi();
          // The OK button is gone now: keep keyboard focus on the notice instead of the page top.
          p.root.querySelector<HTMLElement>('[data-candor="ai-notice"]')?.focus();
        },
      }),
    );

  // Written only when it changes: no style invalidation and no mutation record while still.
  const style = (p: Placed, text: string) => {
    text = text.replace(/;/g, '!important;');
    if (text !== p.css) p.host.style.cssText = p.css = text;
  };

  // Something other than scrolling happened since the last frame (DOM, class, style, size):
  // every host is checked then; after a scroll only those placed by coordinates.
  let changed = true;
  const schedule = (e?: unknown) => {
    if ((e as Event | undefined)?.type !== 'scroll') changed = true;
    if (!chats.size && !labels.size) return;
    frames = SETTLE_FRAMES;
    frame ||= win.requestAnimationFrame(tick);
  };

  /** True when a scrolling box lies between `el` and the box an absolutely positioned child of it is placed in. */
  const scrolls = (el: Element) => {
    for (let e = el.parentElement; e && e !== doc.body; e = e.parentElement) {
      const s = win.getComputedStyle(e);
      if (s.position !== 'static') return false;
      if (/auto|scroll/.test(s.overflow)) return true;
    }
    return false;
  };
  const layered = (el: Element) => /flex|grid/.test(win.getComputedStyle(el).display);

  const place = (el: Element, p: Placed) => {
    const parent = p.host.parentNode;
    if (parent && (parent === el || parent === el.parentNode)) return;
    if (p.moves >= MOVES_PER_FRAME) {
      starved = true;
      return schedule();
    }
    const inside = placeInside(el.tagName, el.shadowRoot !== null) && (p.chat || !layered(el) || !scrolls(el));
    if (!inside && !el.parentNode) return;
    p.moves++;
    if (inside) el.prepend(p.host);
    else el.before(p.host);
    schedule();
  };

  /**
   * Gives a host the state of its surface (a sibling) and its place (an anchored one); true
   * when it had to move it. Reads first; writes only what changed.
   */
  const track = (el: Element, p: Placed): boolean => {
    const host = p.host;
    const inside = host.parentNode === el;
    if (!host.isConnected || (inside && p.chat)) return false;
    const s = win.getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const { clientWidth: vw, clientHeight: vh } = doc.documentElement;
    // A sibling does not inherit its surface's display or visibility: it copies them.
    const hidden = !inside && ((s.display !== 'contents' && !el.getClientRects().length) || s.visibility !== 'visible');
    const mode = hidden
      ? ''
      : p.chat
        ? /fixed|absolute|sticky/.test(s.position) && s.position
        : (!inside || layered(el)) && !scrolls(el) && 'over';
    // A label floats only inside block content, in flow (see ContentLabel).
    host.toggleAttribute('data-flat', !!mode || !inside);
    p.flow = inside && !mode;
    const text = (x: number, y: number) =>
      `${HOST}display:${hidden ? 'none' : 'block'};opacity:${inside ? 1 : s.opacity};` +
      (mode
        ? `position:${mode === 'fixed' ? 'fixed;inset:0 auto auto 0' : 'absolute'};z-index:${s.zIndex};width:${p.chat ? `${besideWidth(r.width, vw)}px` : 'auto'};margin:${y}px 0 0 ${x}px;`
        : '');
    style(p, text(p.mx, p.my));
    let [x, y] = [0, 0];
    if (mode) {
      const b = host.getBoundingClientRect();
      [x, y] = p.chat ? besideSurface(r, b.width, b.height, vw, vh) : [s.direction === 'rtl' ? r.left : r.right - b.width, r.top];
      // The margins move the host from its static position (or the fixed origin) onto the anchor.
      x += p.mx - b.left;
      y += p.my - b.top;
    }
    if (Math.abs(x - p.mx) + Math.abs(y - p.my) < 0.5) return false;
    style(p, text((p.mx = x), (p.my = y)));
    return true;
  };

  const tick = () => {
    frame = 0;
    try {
      for (const p of [...chats.values(), ...labels.values()]) p.moves = 0;
      if (starved) {
        starved = false;
        scan();
      }
      const all = changed;
      changed = false;
      // A page with many labelled articles would otherwise have each looked at (computed
      // styles up the ancestors) in every frame of a scroll.
      for (const placed of [chats, labels]) for (const [el, p] of placed) if ((all || !p.flow) && track(el, p)) frames = SETTLE_FRAMES;
    } catch (e) {
      console.error('[candor] AI notices:', e);
    }
    if (frames-- > 0) frame ||= win.requestAnimationFrame(tick);
  };

  const sync = (selector: string | undefined, placed: Map<Element, Placed>, chat: boolean) => {
    for (const [el, p] of placed) {
      if (el.isConnected) continue;
      render(null, p.root);
      p.host.remove();
      placed.delete(el);
      resized?.unobserve(el);
    }
    if (!selector) return;
    for (const el of doc.querySelectorAll(selector)) {
      if (el.localName === NOTICE_TAG || el.localName === LABEL_TAG) continue;
      let p = placed.get(el);
      if (!p) {
        const host = doc.createElement(chat ? NOTICE_TAG : LABEL_TAG);
        placed.set(el, (p = { host, root: host.attachShadow({ mode: 'open' }), chat, moves: 0, mx: 0, my: 0 }));
        style(p, `${HOST}display:block;`);
        if (sheet) p.root.adoptedStyleSheets = [sheet];
        else {
          // Browsers without constructable stylesheets (Safari < 16.4).
          const tag = doc.createElement('style');
          tag.textContent = css;
          p.root.appendChild(tag);
        }
        resized?.observe(el);
        // Rendered before it is inserted, so it never shows empty.
        if (chat) drawChat(p);
      }
      const kind = contentKind(el.getAttribute('data-ai-generated'));
      if (!chat && kind !== p.kind) draw(p, h(ContentLabel, { kind: (p.kind = kind), texts: config.texts }));
      place(el, p);
    }
  };

  function scan() {
    if (!ready) return;
    try {
      // `data-ai-notice` marks a chat surface without any config (COMPLIANCE AI-1).
      sync(ai!.chatSelector ? `${ai!.chatSelector},[data-ai-notice]` : '[data-ai-notice]', chats, true);
      sync(ai!.contentSelector, labels, false);
    } catch (e) {
      // A broken selector or a hostile page never breaks the page or the rest of Candor.
      console.error('[candor] AI notices:', e);
    }
  }

  const stopEffect = effect(() => {
    const now = store.consent.value.aiAcknowledgedAt !== null;
    if (now === acknowledged) return;
    acknowledged = now;
    chats.forEach(drawChat);
    // The compact notice is smaller: an anchored one is placed again.
    schedule();
  });

  const observers: { disconnect(): void }[] = [];
  let resized: ResizeObserver | undefined;
  try {
    const o = new win.MutationObserver(() => {
      scan();
      schedule();
    });
    o.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-ai-generated'] });
    // A class or style change may open, close or move a surface: check positions (not the DOM).
    const a = new win.MutationObserver(schedule);
    a.observe(doc.documentElement, { subtree: true, attributes: true, attributeFilter: ['class', 'style', 'hidden', 'open'] });
    observers.push(o, a);
    resized = new win.ResizeObserver(schedule);
    resized.observe(doc.documentElement);
    observers.push(resized);
  } catch {
    /* no observer: what is on the page now is still labelled */
  }
  const events = ['resize', 'scroll', 'transitionend', 'animationend'];
  for (const t of events) win.addEventListener(t, schedule, true);

  // The notices speak the page's language (WCAG 3.1.2), so like the banner they wait for its
  // translation. mountUi asked for it first (src/i18n/load.ts prepareTexts), so its handler has
  // applied it to `config.texts` (or, LANGUAGE_TIMEOUT_MS after an earlier start than this one,
  // fallen back to English) by the time this one runs.
  const go = () => {
    if (ready === false) {
      ready = true;
      scan();
    }
  };
  win.setTimeout(go, LANGUAGE_TIMEOUT_MS);
  if (/^(de|fr|nl|es|it)$/.test(lang)) ctx.loadChunk(`i18n-${lang}` as 'i18n-de').then(go, go);
  else go();

  return () => {
    ready = null;
    for (const o of observers) o.disconnect();
    for (const t of events) win.removeEventListener(t, schedule, true);
    win.cancelAnimationFrame(frame);
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
