import { type RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import type { CandorContext } from '../api/create-candor';

/**
 * WCAG 2.2 SC 2.4.11 (Focus Not Obscured): a non-modal banner must never hide the page
 * element that has keyboard focus. While the banner shows, in every layout:
 * - on `focusin`, a page element that is off screen, or on screen but behind the banner, is
 *   scrolled to just above the banner. Browsers do not scroll an element that is already on
 *   screen (one behind a centred banner), and may centre one that is not right under it.
 *   Whichever runs first, the other then finds the element in view;
 * - a spacer from the banner's top edge down, at the end of the page, so the last elements
 *   (the footer links) can be scrolled above it too.
 * An element on screen beside, above or below the banner is left where it is: a click there
 * focuses too, and scrolling between mousedown and mouseup would make the click miss.
 * (No `scroll-padding`: the browser scrolls a clicked element out of the padded band.)
 */
export function useFocusNotObscured(layer: RefObject<HTMLElement | null>, spacer: RefObject<HTMLElement | null>, ctx: CandorContext): void {
  useEffect(() => {
    const { doc, win } = ctx;
    const el = layer.current;
    if (!el) return;
    const update = () => spacer.current?.style.setProperty('height', `${Math.ceil(win.innerHeight - el.getBoundingClientRect().top) + 8}px`);
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
    };
  }, []);
}
