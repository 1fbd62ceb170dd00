import type { CandorContext } from '../api/create-candor';
import { useSignalValue } from './use-signal';
import { Banner } from './banner';
import { FloatingButton } from './floating-button';
import { Notice } from './notice';
import { Preferences } from './preferences';

/** The whole visitor-facing UI: one layer at a time, driven by `ctx.ui.view`. */
export function App({ ctx }: { ctx: CandorContext }) {
  const view = useSignalValue(ctx.ui.view);
  const status = useSignalValue(ctx.ui.status);
  const { config } = ctx;
  const theme = config.ui.theme;
  return (
    <div class={`candor theme-${theme} pos-${config.ui.position}`} lang={config.lang} dir={config.lang === 'ar' || config.lang === 'he' ? 'rtl' : 'ltr'}>
      {/* Kept mounted while the preference center is open, so focus can return to it. */}
      {(view === 'none' || view === 'preferences') && config.ui.floatingButton && config.policyUrl && <FloatingButton ctx={ctx} />}
      {view === 'banner' && <Banner ctx={ctx} />}
      {view === 'notice' && <Notice ctx={ctx} />}
      {view === 'preferences' && <Preferences ctx={ctx} />}
      <div class="sr-only" role="status" aria-live="polite">
        {status}
      </div>
    </div>
  );
}
