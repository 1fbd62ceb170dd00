import type { CandorContext, Disposer } from '../api/create-candor';

/**
 * Enforcement of the visitor's choice: script/frame gating, cookie and storage removal,
 * Google Consent Mode and vendor APIs. Issue #4 builds it on `ctx.onDecision`.
 */
export function startEnforcement(_ctx: CandorContext): Disposer {
  return () => {};
}
