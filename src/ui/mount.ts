import { h, render } from 'preact';
import type { Win } from '../util/win';
import widgetCss from '../../styles/candor.css?inline';
import theme from '../../styles/theme.css?inline';
import type { CandorContext, Disposer } from '../api/create-candor';
import { prepareTexts } from '../i18n/load';
import { App } from './app';

const css = theme + widgetCss;

/** The tag of the element that hosts Candor's shadow root. */
export const HOST_TAG = 'candor-widget';

function whenBodyReady(doc: Document, fn: () => void): Disposer {
  if (doc.body) {
    fn();
    return () => {};
  }
  const onReady = () => {
    if (!doc.body) return;
    doc.removeEventListener('DOMContentLoaded', onReady);
    fn();
  };
  doc.addEventListener('DOMContentLoaded', onReady);
  return () => doc.removeEventListener('DOMContentLoaded', onReady);
}

/**
 * Applies the widget's CSS inside its shadow root. Constructable stylesheets are CSSOM, not
 * markup, so they need no `style-src 'unsafe-inline'` under a strict CSP.
 */
export function adoptStyles(win: Win, root: ShadowRoot, text: string): void {
  try {
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(text);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    // Browsers without constructable stylesheets (Safari < 16.4) get a <style> element.
    const style = root.ownerDocument.createElement('style');
    style.textContent = text;
    root.appendChild(style);
  }
}

/**
 * Renders the UI into an open shadow root on a host element of its own, so host-page CSS
 * cannot restyle it and its CSS cannot leak out. The host takes no space: `display:
 * contents`, set through CSSOM with `!important` so no page rule can give it a box.
 *
 * The host is the last child of `<html>`, after `<body>`: a `transform`, `filter`,
 * `will-change: transform` or `contain: paint` on `<body>` makes body the containing block
 * of `position: fixed` descendants, which would pin the banner and the floating button to
 * the end of a long page instead of the viewport (CSS Transforms 1 §2; CSS Containment 2
 * §3.3). Custom properties set on `:root` still inherit into it (README, "Theming").
 */
export function mountUi(ctx: CandorContext): Disposer {
  const { doc, win } = ctx;
  let host: HTMLElement | null = null;
  let root: ShadowRoot | null = null;
  let stop: Disposer = () => {};
  let stopped = false;
  let watch: MutationObserver | undefined;
  // A page that removes the host (an app shell or a framework re-rendering the document)
  // would take the UI, and the way back to the preference center (GDPR Art. 7(3)), with it:
  // the host is put back. A page that keeps removing it wins after a few rounds, so the two
  // never loop. (Replacing `document.body` no longer touches it: it sits beside body.)
  let returns = 9;
  const keep = () => {
    if (host && !host.isConnected && returns-- > 0) doc.documentElement.appendChild(host);
  };
  // WCAG 2.2 SC 2.4.11 (Focus Not Obscured): a focused element must not be entirely hidden by
  // author content. One that lies wholly under the floating button where it sits at home (a
  // small link, another widget's launcher, in the page, a shadow root or an iframe, in the
  // same corner) sends the button to the other side of the screen, still on screen and in the
  // tab order, until another element takes focus. `aside` is a class of its own: Preact
  // writes `class` only when the rendered one changes. A page element whose box or shadow root
  // throws when read leaves the button where it is: the throw must not reach the page (from
  // this listener, the blur's timeout or the button's render, a Preact commit).
  const onFocus = (e?: Event) => {
    try {
      place(e);
    } catch {
      /* the button stays where it is */
    }
  };
  const place = (e?: Event) => {
    const w = root?.querySelector('.fab-wrap');
    // What has focus: inside a page's own shadow root too; an iframe when focus went into one
    // (the window's blur, below: no focusin reaches this page then). Not always an element: a
    // page may dispatch its own focusin on the document.
    let t = (e ? e.composedPath()[0] : doc.activeElement) as Partial<Element> | null | undefined;
    // (a few levels at most: a page's own `shadowRoot` getter could make this a cycle)
    for (let i = 0; !e && i < 32 && t?.shadowRoot?.activeElement; i++) t = t.shadowRoot.activeElement;
    // Focus inside Candor (the button itself, pressed) leaves it where it is: moved from under
    // the pointer pressing it, it would miss the click.
    if (!w || !t?.getBoundingClientRect || root!.contains(t as Node)) return;
    const f = t.getBoundingClientRect();
    // Measured at home, whichever side it is on now.
    w.classList.remove('aside');
    const b = w.getBoundingClientRect();
    w.classList.toggle('aside', f.width > 0 && f.left >= b.left && f.right <= b.right && f.top >= b.top && f.bottom <= b.bottom);
  };
  const onBlur = () => win.setTimeout(onFocus);
  // Focus taken before the button appeared (autofocus, a page script, focus given back after
  // a choice) sends no focusin: looked at when the button renders. With nothing focused, no
  // layout is forced.
  ctx.placeFab = () => {
    try {
      const a = doc.activeElement;
      if (a && a !== doc.body && a !== doc.documentElement) onFocus();
    } catch {
      /* a page's own activeElement that throws: nothing known to keep clear */
    }
  };
  const show = () => {
    // Runs on DOMContentLoaded or in a later task, where nothing would catch a throw: a page
    // that broke `customElements` or `attachShadow` gets no UI and one console line, never an
    // uncaught error (nothing is granted without the UI).
    try {
      // A page may have defined its own <candor-widget> (before or after Candor loads): its
      // class would run on Candor's host. A plain <div> host is never upgraded.
      host = doc.createElement(win.customElements?.get(HOST_TAG) ? 'div' : HOST_TAG);
      host.setAttribute('data-candor-host', '');
      host.style.setProperty('all', 'initial', 'important');
      host.style.setProperty('display', 'contents', 'important');
      root = host.attachShadow({ mode: 'open' });
      adoptStyles(win, root, css);
      doc.documentElement.appendChild(host);
      render(h(App, { ctx }), root);
      doc.addEventListener('focusin', onFocus, true);
      win.addEventListener('blur', onBlur);
      watch = new win.MutationObserver(keep);
      watch.observe(doc.documentElement, { childList: true });
    } catch (e) {
      console.error('[candor] could not start a feature:', e);
    }
  };
  // A non-English page waits for its language file, so the banner never flashes English, and
  // a page with AI waits for the AI chunk, whose section belongs in the first layer (SPEC §5);
  // a plain English page renders at once.
  const texts = prepareTexts(ctx);
  // Without a valid policy link no layer may show (SPEC §7): nothing to mount. (The texts
  // still load above: the AI notices speak the page's language too.)
  if (ctx.config.policyUrl === undefined) return () => {};
  const ai = ctx.config.ai?.notice
    ? ctx.loadChunk('ai').then(
        (m) => {
          ctx.aiSection = m.AiSection;
        },
        () => {},
      )
    : undefined;
  const pending = texts || ai ? Promise.all([texts, ai]) : undefined;
  const start = () => {
    if (!stopped) stop = whenBodyReady(doc, show);
  };
  if (pending) void pending.then(start);
  else if (ctx.ui.view.peek() !== 'none') {
    // The banner is rendered in a task of its own (user-blocking where `scheduler.postTask`
    // exists, else a plain timeout): script start, enforcement and the browser's own layout
    // at the end of parsing were one task with the banner's render and layout, 65–130 ms on
    // the slow-phone profile (a long task, which delays any input). Split, the halves stay
    // around or under 50 ms there, and in the bench the banner is painted no later.
    const w = win as { scheduler?: { postTask(fn: () => void, options: { priority: string }): Promise<void> }; Scheduler?: new () => object };
    let timer = 0;
    try {
      // Only the browser's own: `scheduler` is a common global name (a page's own object).
      if (!w.Scheduler || !(w.scheduler instanceof w.Scheduler)) throw 0;
      // (a rejected task never ran: start it anyway)
      w.scheduler.postTask(start, { priority: 'user-blocking' }).catch(() => start());
    } catch {
      timer = win.setTimeout(start, 0);
    }
    // (a queued postTask is not cancelled: `start` checks `stopped`)
    stop = () => win.clearTimeout(timer);
  }
  else {
    // Nothing to ask (a return visit): the floating button can wait for the next task, so
    // the page gets the main thread back as soon as consent is enforced.
    const timer = win.setTimeout(start, 0);
    stop = () => win.clearTimeout(timer);
  }
  return () => {
    stopped = true;
    stop();
    doc.removeEventListener('focusin', onFocus, true);
    win.removeEventListener('blur', onBlur);
    watch?.disconnect();
    if (root) render(null, root);
    host?.remove();
  };
}
