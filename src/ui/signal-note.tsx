import { h } from 'preact';
import type { CandorContext } from '../api/create-candor';

/**
 * Says which privacy signal Candor honours. For GPC the exact words "Opt-out preference
 * signal honored" (CCPA regs §7025(c)(6)); for Do Not Track a plain sentence.
 */
export function SignalNote({ ctx }: { ctx: CandorContext }) {
  const { texts } = ctx.config;
  const signal = honored(ctx);
  if (!signal) return null;
  return (
    <p class="signal" data-candor="signal">
      {signal === 'gpc' ? texts.gpcHonored : texts.dntHonored}
    </p>
  );
}

/**
 * The signal in force, if it is honoured now: every tracking category it keeps off is off.
 * A visitor who opted in explicitly despite it (SPEC §4) is not told it is honoured.
 */
export function honored({ signal, config, store }: CandorContext): CandorContext['signal'] {
  return signal && config.categories.every((c) => !c.tracking || c.required || !store.has(c.id)) ? signal : null;
}
