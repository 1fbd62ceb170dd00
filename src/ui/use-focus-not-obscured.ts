import { type RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import type { CandorContext } from '../api/create-candor';

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
export function useFocusNotObscured(layer: RefObject<HTMLElement | null>, spacer: RefObject<HTMLElement | null>, ctx: CandorContext): void {
  useEffect(() => {
    const { doc, win } = ctx;
    const el = layer.current;
    // (the widget's host is a child of <html>: it is there)
    const root = doc.documentElement;
    if (!el) return;
    const prop = 'scroll-padding-bottom';
    const before = [root.style.getPropertyValue(prop), root.style.getPropertyPriority(prop)] as const;
    const update = () => {
      const h = `${Math.ceil(win.innerHeight - el.getBoundingClientRect().top) + 8}px`;
      if (ctx.config.ui.position !== 'center') root.style.setProperty(prop, h);
      spacer.current?.style.setProperty('height', h);
    };
    const onFocus = (e: FocusEvent) => {
      const f = (e.target as Element).getBoundingClientRect();
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
  }, []);
}
