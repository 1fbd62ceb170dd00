import type { CandorContext, Disposer } from '../api/create-candor';

/**
 * EU AI Act Art. 50 notices on AI chat surfaces and labels on AI-generated content.
 * Issue #5 builds it; the site-wide AI section lives in the banner.
 */
export function startAi(_ctx: CandorContext): Disposer {
  return () => {};
}
