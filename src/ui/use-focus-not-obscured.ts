import { type RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import type { CandorContext } from '../api/create-candor';

/**
 * WCAG 2.2 SC 2.4.11 (Focus Not Obscured): a non-modal banner must never hide the page
 * element that has keyboard focus. While the banner shows:
 * - `scroll-padding-bottom` on the page's root, so the browser scrolls a focused element
 *   above a bottom banner (set through CSSOM, which `style-src 'self'` allows);
 * - a spacer of the banner's height at the end of the page, so the last elements (the
 *   footer links) can be scrolled above it too.
 * The `center` layout leaves a free band above and below, so the browser's own
 * scroll-into-view clears it there.
 * Everything is restored when the banner goes.
 */
export function useFocusNotObscured(layer: RefObject<HTMLElement | null>, spacer: RefObject<HTMLElement | null>, ctx: CandorContext): void {
  useEffect(() => {
    const { doc, win } = ctx;
    const el = layer.current;
    const root = doc.documentElement;
    if (!el || !root) return;
    const prop = 'scroll-padding-bottom';
    const before = [root.style.getPropertyValue(prop), root.style.getPropertyPriority(prop)] as const;
    const update = () => {
      const r = el.getBoundingClientRect();
      // Only a banner in the lower part of the viewport reserves space at the bottom.
      const h = r.top > win.innerHeight / 3 ? Math.ceil(win.innerHeight - r.top) + 8 : 0;
      root.style.setProperty(prop, `${h}px`);
      spacer.current?.style.setProperty('height', `${h}px`);
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
    return () => {
      ro?.disconnect();
      win.removeEventListener('resize', update);
      root.style.setProperty(prop, before[0], before[1]);
    };
  }, []);
}
