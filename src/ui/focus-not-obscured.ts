import { Component, createRef } from 'preact';
import type { CandorContext, Disposer } from '../api/create-candor';

/**
 * WCAG 2.2 SC 2.4.11 (Focus Not Obscured): a non-modal banner must never hide the page
 * element that has keyboard focus. While the banner shows:
 * - on `focusin`, in every layout, a page element that is off screen, or on screen but
 *   behind the banner, is scrolled to just above it. Browsers do not scroll an element that
 *   is already on screen (one behind a centred banner), and may centre one that is not right
 *   under it; whichever runs first, the other then finds the element in view. An element on
 *   screen beside, above or below the banner is left where it is (a click there focuses it);
 * - a spacer from the banner's top edge down, at the end of the page, so the last elements
 *   (the footer links) can be scrolled above it too;
 * - for the bottom layouts, `scroll-padding-bottom` on the page's root, so the page's own
 *   `scrollIntoView()` calls also stop above the banner (set through CSSOM, which
 *   `style-src 'self'` allows). Not for `center`: the browser would scroll an element
 *   clicked in the free band below the banner out of that band.
 * Everything is restored when the banner goes.
 */
function keepFocusVisible(ctx: CandorContext, el: HTMLElement, spacer: HTMLElement | null): Disposer {
  const { doc, win } = ctx;
  // (the widget's host is a child of <html>: it is there)
  const root = doc.documentElement;
  const prop = 'scroll-padding-bottom';
  const before = [root.style.getPropertyValue(prop), root.style.getPropertyPriority(prop)] as const;
  // Inside the layer too: when it scrolls, its buttons stay at its bottom edge (candor.css),
  // and a link scrolled into view must stop above them, not under them.
  const actions = el.querySelector<HTMLElement>(':scope > .actions');
  const update = () => {
    if (actions) el.style.setProperty('scroll-padding-bottom', `${actions.offsetHeight}px`);
    const h = `${Math.ceil(win.innerHeight - el.getBoundingClientRect().top) + 8}px`;
    if (ctx.config.ui.position !== 'center') root.style.setProperty(prop, h);
    spacer?.style.setProperty('height', h);
  };
  const onFocus = (e: FocusEvent) => {
    // (not always an element: a page may dispatch its own focusin on the document; nor always
    // one that can be measured: a page's own getBoundingClientRect may throw)
    const t = e.target as Partial<Element> | null;
    let f: DOMRect;
    try {
      f = t!.getBoundingClientRect!();
    } catch {
      return;
    }
    const b = el.getBoundingClientRect();
    // 8px between the element and the banner's top edge, for its focus ring.
    const top = b.top - 8;
    // Focus inside the widget shows here as its `display: contents` host, which has no box
    // (0,0,0,0): it counts as beside the banner.
    if (f.right <= b.left || f.left >= b.right || (f.top >= 0 && f.bottom <= top) || (f.top >= b.bottom && f.bottom <= win.innerHeight)) return;
    win.scrollBy(0, f.bottom - top);
  };
  let ro: ResizeObserver | undefined;
  try {
    ro = new win.ResizeObserver(update);
    ro.observe(el);
  } catch {
    /* no ResizeObserver: the resize listener below still keeps it right */
  }
  update();
  win.addEventListener('resize', update);
  doc.addEventListener('focusin', onFocus);
  return () => {
    ro?.disconnect();
    win.removeEventListener('resize', update);
    doc.removeEventListener('focusin', onFocus);
    root.style.setProperty(prop, before[0], before[1]);
  };
}

/**
 * A first layer (the banner, the notice): `layer` and `spacer` are its refs. What it does for
 * focus starts once it is painted (after the next frame, as Preact's effects do), so its
 * measuring never forces a layout inside the render that put it up.
 */
export abstract class Layer<P extends { ctx: CandorContext }> extends Component<P> {
  layer = createRef<HTMLElement>();
  spacer = createRef<HTMLDivElement>();
  private stop: Disposer = () => {};

  override componentDidMount(): void {
    const { win } = this.props.ctx;
    let off: Disposer | undefined;
    const start = () => {
      win.clearTimeout(timer);
      win.cancelAnimationFrame(frame);
      timer = win.setTimeout(() => this.layer.current && (off = keepFocusVisible(this.props.ctx, this.layer.current, this.spacer.current)));
    };
    // (a hidden tab has no frames: the timeout starts it)
    let timer = win.setTimeout(start, 100);
    let frame = win.requestAnimationFrame(start);
    this.stop = () => {
      win.clearTimeout(timer);
      win.cancelAnimationFrame(frame);
      off?.();
    };
  }

  override componentWillUnmount(): void {
    this.stop();
  }
}
