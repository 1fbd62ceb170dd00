import { h, render } from 'preact';
import type { Win } from '../util/win';
import css from '../../styles/candor.css?inline';
import type { CandorContext, Disposer } from '../api/create-candor';
import { prepareTexts } from '../i18n/load';
import { App } from './app';

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
function adoptStyles(win: Win, root: ShadowRoot): void {
  try {
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // Browsers without constructable stylesheets (Safari < 16.4) get a <style> element.
    const style = root.ownerDocument.createElement('style');
    style.textContent = css;
    root.appendChild(style);
  }
}

/**
 * Renders the UI into an open shadow root on a host element of its own, so host-page CSS
 * cannot restyle it and its CSS cannot leak out. The host takes no space: `display:
 * contents`, set through CSSOM with `!important` so no page rule can give it a box.
 */
export function mountUi(ctx: CandorContext): Disposer {
  const { doc, win } = ctx;
  let host: HTMLElement | null = null;
  let root: ShadowRoot | null = null;
  let stop: Disposer = () => {};
  let stopped = false;
  const src = ctx.script.src;
  const show = () => {
    host = doc.createElement(HOST_TAG);
    host.style.setProperty('all', 'initial', 'important');
    host.style.setProperty('display', 'contents', 'important');
    root = host.attachShadow({ mode: 'open' });
    adoptStyles(win, root);
    doc.body.appendChild(host);
    render(h(App, { ctx }), root);
  };
  // A non-English page waits for its language file, so the banner never flashes English;
  // English renders at once.
  const pending = prepareTexts(win, ctx.config, src);
  if (!pending) stop = whenBodyReady(doc, show);
  else
    void pending.then(() => {
      if (!stopped) stop = whenBodyReady(doc, show);
    });
  return () => {
    stopped = true;
    stop();
    if (root) render(null, root);
    host?.remove();
  };
}
