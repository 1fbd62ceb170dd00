import { h } from 'preact';
import type { CandorContext } from '../api/create-candor';
import { openPreferences } from './actions';
import { honored } from './signal-note';
import { Watch } from './watch';

/**
 * The always-present way back to the preference center, so withdrawing is as easy as
 * consenting (GDPR 7(3); EDPB taskforce paras 32-35). When Global Privacy Control is in
 * force and honoured, the words "Opt-out preference signal honored" stay visible beside it,
 * since no banner shows to such visitors (CCPA regs §7025(c)(6)).
 */
export class FloatingButton extends Watch<{ ctx: CandorContext }> {
  // (after every render too: the Global Privacy Control note can appear later, beside the
  // button or alone, and no focusin comes then either)
  override componentDidMount(): void {
    super.componentDidMount();
    this.props.ctx.placeFab?.();
  }

  override componentDidUpdate(): void {
    this.props.ctx.placeFab?.();
  }

  override render({ ctx }: { ctx: CandorContext }) {
    const { texts, ui } = ctx.config;
    // Whether the signal is honoured follows every choice (the API, another tab) while it shows.
    // Without a signal there is nothing to follow: a choice does not render this again.
    if (ctx.signal) this.read(ctx.store.consent);
    const gpc = honored(ctx) === 'gpc';
    // With `ui.floatingButton: false` the words still show while GPC is honoured: the law
    // requires them, and no banner shows to such visitors.
    if (!ui.floatingButton && !gpc) return null;
    return (
      <div class="fab-wrap">
        {ui.floatingButton && <button
          type="button"
          class="fab"
          aria-label={texts.privacySettings}
          aria-describedby={gpc ? 'candor-fab-signal' : undefined}
          title={texts.privacySettings}
          data-candor="floating-button"
          onClick={(e) => openPreferences(ctx, e.currentTarget)}
        >
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
            <path
              fill="currentColor"
              d="M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5zm-1 14.4-4-4 1.4-1.4 2.6 2.6 4.6-4.6 1.4 1.4z"
            />
          </svg>
        </button>}
        {gpc && (
          <p class="fab-signal" id="candor-fab-signal" data-candor="fab-signal">
            {texts.gpcHonored}
          </p>
        )}
      </div>
    );
  }
}
