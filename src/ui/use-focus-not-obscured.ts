import { type RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import type { CandorContext } from '../api/create-candor';

/**
 * WCAG 2.2 SC 2.4.11 (Focus Not Obscured): a non-modal banner must never hide the page
 * element that has keyboard focus. While the banner shows, in every layout:
 * - `scroll-padding-bottom` on the page's root from the banner's top edge down, so the
 *   browser scrolls a focused element above the banner (set through CSSOM, which
 *   `style-src 'self'` allows);
 * - a spacer of that height at the end of the page, so the last elements (the footer links)
 *   can be scrolled above it too;
 * - on `focusin`, a page element the banner still covers is scrolled above it: browsers do
 *   not scroll an element that is already on screen, such as one behind a centred banner.
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
      const h = Math.ceil(win.innerHeight - el.getBoundingClientRect().top) + 8;
      root.style.setProperty(prop, `${h}px`);
      spacer.current?.style.setProperty('height', `${h}px`);
    };
    const onFocus = (e: FocusEvent) => {
      const f = (e.target as Element).getBoundingClientRect();
      const b = el.getBoundingClientRect();
      // A page element below the banner's top edge (or within 8px of it, where its focus ring
      // would be) goes above it; the browser then finds it in view and leaves it there. Focus
      // inside the widget shows here as its `display: contents` host, which has no box.
      if (f.bottom > b.top - 8) win.scrollBy(0, f.bottom - b.top + 8);
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
