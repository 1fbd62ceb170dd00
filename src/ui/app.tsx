import { h } from 'preact';
import type { CandorContext } from '../api/create-candor';
import { useSignalValue } from './use-signal';
import { Banner } from './banner';
import { FloatingButton } from './floating-button';
import { Notice } from './notice';
import { LazyPreferences, prefetchPreferences } from './lazy-preferences';

// Scripts written right to left (WCAG 3.1.2 with `dir`): only reachable through `texts`.
const RTL = /^(ar|he|fa|ur)\b/;

/** The whole visitor-facing UI: one layer at a time, driven by `ctx.ui.view`. */
export function App({ ctx }: { ctx: CandorContext }) {
  const view = useSignalValue(ctx.ui.view);
  const previous = useSignalValue(ctx.ui.previous);
  const status = useSignalValue(ctx.ui.status);
  const { config } = ctx;
  const prefs = view === 'preferences';
  // The layer that opened the preference center stays under it, so focus can return to
  // the very button that opened it (APG dialog pattern).
  const under = prefs ? previous : view;
  return (
    <div
      class={`candor theme-${config.ui.theme} pos-${config.ui.position}`}
      onPointerOver={(e) => prefetchPreferences(ctx, e.target)}
      onFocusIn={(e) => prefetchPreferences(ctx, e.target)} lang={config.lang} dir={RTL.test(config.lang) ? 'rtl' : 'ltr'}>
      {(under === 'none' || under === 'preferences') && config.ui.floatingButton && config.policyUrl && <FloatingButton ctx={ctx} />}
      {under === 'banner' && <Banner ctx={ctx} />}
      {under === 'notice' && <Notice ctx={ctx} />}
      {prefs && <LazyPreferences ctx={ctx} />}
      <div class="sr-only" role="status" aria-live="polite">
        {status}
      </div>
    </div>
  );
}
