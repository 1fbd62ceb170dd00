import type { CandorContext } from '../api/create-candor';
import type { ConsentSource } from '../storage/record';

/**
 * "Do Not Sell or Share My Personal Information" (CCPA §1798.135(a)(1), regs §7026): one
 * action that turns off every tracking category at once, then says so in the live region.
 */
export function doNotSell(ctx: CandorContext, source: ConsentSource): void {
  const off = ctx.config.categories.filter((c) => c.tracking && !c.required).map((c) => [c.id, false]);
  // Said instead of "saved", anew on every opt-out.
  ctx.decide(Object.fromEntries(off), source, ctx.config.texts.optedOut);
}

/** Opens the preference center, remembering the element focus should return to (APG dialog pattern). */
export function openPreferences(ctx: CandorContext, from: Element | null): void {
  ctx.lastFocus.current = from;
  if (ctx.ui.view.peek() !== 'preferences') ctx.ui.previous.value = ctx.ui.view.peek();
  ctx.ui.view.value = 'preferences';
}
