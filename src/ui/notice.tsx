import type { CandorContext } from '../api/create-candor';
import { PolicyLinks } from './links';

/**
 * For sites whose categories are all required: no consent question, only a dismissable
 * notice with the policy link. Dismissing stores a record so it does not come back on
 * every page.
 */
export function Notice({ ctx }: { ctx: CandorContext }) {
  const { texts } = ctx.config;
  return (
    <section class="layer banner notice" role="region" aria-label={texts.privacySettings} data-candor="notice">
      <p class="text">{texts.noticeText}</p>
      <PolicyLinks config={ctx.config} />
      <div class="actions">
        <button type="button" class="btn" data-candor-action="ok" onClick={() => ctx.acceptAll('banner')}>
          {texts.ok}
        </button>
      </div>
    </section>
  );
}
