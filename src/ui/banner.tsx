import { h, Fragment } from 'preact';
import type { CandorContext } from '../api/create-candor';
import { doNotSell, openPreferences } from './actions';
import { PolicyLinks } from './links';
import { SignalNote } from './signal-note';
import { Layer } from './focus-not-obscured';

/**
 * The first layer: short text, the policy link and three buttons of identical element,
 * class and size (EDPB taskforce paras 8, 14; CNIL). It is a region, not a modal: the page
 * stays usable, and nothing here grants anything except the Accept button.
 *
 * In `opt-out` mode it is the CCPA notice at collection (regs §7012) instead: what is
 * collected, the policy link, and "Do Not Sell or Share My Personal Information" (§7013)
 * as prominent as OK and Customize.
 */
export class Banner extends Layer<{ ctx: CandorContext }> {
  override render({ ctx }: { ctx: CandorContext }) {
    const { layer, spacer } = this;
    const { config } = ctx;
    const { texts } = config;
    const optOut = config.mode === 'opt-out';
    const keep = () => ctx.decide({ ...ctx.store.consent.peek().categories }, 'banner');
    return (
      <>
        <div class="spacer" ref={spacer} aria-hidden="true" />
        <section class="layer banner" role="region" aria-labelledby="candor-banner-title" data-candor="banner" ref={layer}>
          <h2 class="title" id="candor-banner-title">
            {texts.bannerTitle}
          </h2>
          <p class="text">{optOut ? texts.optOutText : texts.bannerText}</p>
          <SignalNote ctx={ctx} />
          {ctx.aiSection && <ctx.aiSection ctx={ctx} />}
          <PolicyLinks config={config} />
          <div class="actions">
            {optOut ? (
              <>
                <button type="button" class="btn" data-candor-action="ok" onClick={keep}>
                  {texts.ok}
                </button>
                <button type="button" class="btn" data-candor-action="do-not-sell" onClick={() => doNotSell(ctx, 'banner')}>
                  {texts.doNotSell}
                </button>
              </>
            ) : (
              <>
                <button type="button" class="btn" data-candor-action="accept" onClick={() => ctx.acceptAll('banner')}>
                  {texts.acceptAll}
                </button>
                <button type="button" class="btn" data-candor-action="reject" onClick={() => ctx.rejectAll('banner')}>
                  {texts.rejectAll}
                </button>
              </>
            )}
            <button
              type="button"
              class="btn"
              data-candor-action="customize"
              onClick={(e) => openPreferences(ctx, e.currentTarget)}
            >
              {texts.customize}
            </button>
          </div>
        </section>
      </>
    );
  }
}
