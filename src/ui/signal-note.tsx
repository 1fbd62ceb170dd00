import { h } from 'preact';
import type { CandorContext } from '../api/create-candor';

/**
 * Says which privacy signal Candor honoured. For GPC the exact words "Opt-out preference
 * signal honored" (CCPA regs §7025(c)(6)); for Do Not Track a plain sentence.
 */
export function SignalNote({ ctx }: { ctx: CandorContext }) {
  const { texts } = ctx.config;
  if (!ctx.signal) return null;
  return (
    <p class="signal" data-candor="signal">
      {ctx.signal === 'gpc' ? texts.gpcHonored : texts.dntHonored}
    </p>
  );
}
