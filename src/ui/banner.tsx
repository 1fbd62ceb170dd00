import type { CandorContext } from '../api/create-candor';
import { AiSection } from './ai-section';
import { PolicyLinks } from './links';

/**
 * The first layer: short text, the policy link and three buttons of identical element,
 * class and size (EDPB taskforce paras 8, 14; CNIL). It is a region, not a modal: the page
 * stays usable, and nothing here grants anything except the Accept button.
 */
export function Banner({ ctx }: { ctx: CandorContext }) {
  const { texts } = ctx.config;
  const openPreferences = () => {
    ctx.lastFocus.current = null;
    ctx.ui.previous.value = 'banner';
    ctx.ui.view.value = 'preferences';
  };
  return (
    <section class="layer banner" role="region" aria-label={texts.bannerTitle} data-candor="banner">
      <h2 class="title" id="candor-banner-title">
        {texts.bannerTitle}
      </h2>
      <p class="text">{texts.bannerText}</p>
      {ctx.signal === 'gpc' && <p class="signal">{texts.gpcHonored}</p>}
      <AiSection ctx={ctx} />
      <PolicyLinks config={ctx.config} />
      <div class="actions">
        <button type="button" class="btn" data-candor-action="accept" onClick={() => ctx.acceptAll('banner')}>
          {texts.acceptAll}
        </button>
        <button type="button" class="btn" data-candor-action="reject" onClick={() => ctx.rejectAll('banner')}>
          {texts.rejectAll}
        </button>
        <button type="button" class="btn" data-candor-action="customize" onClick={openPreferences}>
          {texts.customize}
        </button>
      </div>
    </section>
  );
}
