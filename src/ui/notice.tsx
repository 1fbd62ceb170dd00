import { h, Fragment } from 'preact';
import type { CandorContext } from '../api/create-candor';
import { PolicyLinks } from './links';
import { Layer } from './focus-not-obscured';

/**
 * For sites whose categories are all required: no consent question, only a dismissable
 * notice with the policy link. Dismissing stores a record so it does not come back on
 * every page.
 */
export class Notice extends Layer<{ ctx: CandorContext }> {
  override render({ ctx }: { ctx: CandorContext }) {
    const { layer, spacer } = this;
    const { texts } = ctx.config;
    return (
      <>
        <div class="spacer" ref={spacer} aria-hidden="true" />
        <section class="layer banner notice" role="region" aria-label={texts.privacySettings} data-candor="notice" ref={layer}>
          <p class="text">{texts.noticeText}</p>
          {ctx.aiSection && <ctx.aiSection ctx={ctx} />}
          <PolicyLinks config={ctx.config} />
          <div class="actions">
            <button type="button" class="btn" data-candor-action="ok" onClick={() => ctx.acceptAll('banner')}>
              {texts.ok}
            </button>
          </div>
        </section>
      </>
    );
  }
}
