import { h } from 'preact';
import type { CandorContext } from '../api/create-candor';
import { Watch } from './watch';
import { Banner } from './banner';
import { FloatingButton } from './floating-button';
import { Notice } from './notice';
import { LazyPreferences, prefetchPreferences } from './lazy-preferences';

// Scripts written right to left (WCAG 3.1.2 with `dir`): only reachable through `texts`.
const RTL = /^(ar|he|fa|ur)\b/;

/**
 * The live region, a component of its own: announcing a saved choice re-renders this one
 * element, not every layer (and, with the banner up, a re-render of the banner ran its
 * pending layout effect before the next frame, forcing a layout of the page).
 */
class Status extends Watch<{ ctx: CandorContext }> {
  override render({ ctx }: { ctx: CandorContext }) {
    return (
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">
        {this.read(ctx.ui.status)}
      </div>
    );
  }
}

/** The whole visitor-facing UI: one layer at a time, driven by `ctx.ui.view`. */
export class App extends Watch<{ ctx: CandorContext }> {
  private box: Element | null = null;
  override render({ ctx }: { ctx: CandorContext }) {
    const view = this.read(ctx.ui.view);
    const previous = this.read(ctx.ui.previous);
    const { config } = ctx;
    const prefs = view === 'preferences';
    // The layer that opened the preference center stays under it, so focus can return to
    // the very button that opened it (APG dialog pattern).
    const under = prefs ? previous : view;
    // What had focus in the widget before this render (the DOM is still the previous one here).
    const had = (this.box?.getRootNode() as ShadowRoot | undefined)?.activeElement;
    return (
      <div
        ref={(d) => {
          // Preact sets refs once the new DOM is in place, old layers removed. If a decision
          // removed the control that had focus (Accept or Reject in the banner, Save in a
          // preference center opened from it, OK in the notice), focus fell to <body> and a
          // keyboard user would start over at the top of the page (WCAG 2.4.3): it goes on to
          // the floating button, the way back to these choices.
          this.box = d;
          try {
            if (d && had?.isConnected === false && ctx.doc.activeElement === ctx.doc.body) d.querySelector<HTMLElement>('.fab')?.focus();
          } catch {
            /* a page's own activeElement that throws: focus stays where the browser put it */
          }
        }}
        class={`candor theme-${config.ui.theme} pos-${config.ui.position}`}
        onPointerOver={(e) => prefetchPreferences(ctx, e.target)}
        onFocusIn={(e) => prefetchPreferences(ctx, e.target)} lang={config.lang} dir={RTL.test(config.lang) ? 'rtl' : 'ltr'}>
        {(under === 'none' || under === 'preferences') && config.policyUrl && <FloatingButton ctx={ctx} />}
        {under === 'banner' && <Banner ctx={ctx} />}
        {under === 'notice' && <Notice ctx={ctx} />}
        {prefs && <LazyPreferences ctx={ctx} />}
        <Status ctx={ctx} />
      </div>
    );
  }
}
