import type { CandorContext } from '../api/create-candor';
import { isSafeUrl } from '../util/url';

/**
 * The site-wide AI section of the banner's first layer (SPEC §5): which AI features the site
 * uses, the providers and a link. Shown in addition to the per-surface notices, never instead.
 */
export function AiSection({ ctx }: { ctx: CandorContext }) {
  const ai = ctx.config.ai;
  if (!ai?.notice) return null;
  const { texts } = ctx.config;
  return (
    <div class="ai-section" data-candor="ai-section">
      <h3 class="ai-title">{ai.title ?? texts.aiBannerTitle}</h3>
      <p class="text">{ai.text ?? texts.aiBannerText}</p>
      {ai.providers.length > 0 && (
        <p class="text">
          {texts.aiProviders} {ai.providers.join(', ')}
        </p>
      )}
      {isSafeUrl(ai.learnMoreUrl) && (
        <p class="links">
          <a href={ai.learnMoreUrl} target="_blank" rel="noopener">
            {texts.aiLearnMore}
          </a>
        </p>
      )}
    </div>
  );
}
