/** A browser's opt-out preference signal, as Candor honours it. */
export type PrivacySignal = 'gpc' | 'dnt' | null;

type Bag = Record<string, unknown>;

function read(obj: unknown, key: string): unknown {
  try {
    return obj ? (obj as Bag)[key] : undefined;
  } catch {
    // A getter that throws is treated as no signal for that key; the other readers still run.
    return undefined;
  }
}

/**
 * Global Privacy Control: `navigator.globalPrivacyControl === true` (GPC spec; CCPA regs
 * §7025). Only a real boolean `true` counts.
 */
export function hasGpc(nav: unknown): boolean {
  return read(nav, 'globalPrivacyControl') === true;
}

/**
 * Do Not Track: `navigator.doNotTrack`, `window.doNotTrack` (IE11, old Edge) or
 * `navigator.msDoNotTrack` (IE9–10) equal to "1" or "yes" (old Firefox). "0", "no",
 * "unspecified" and null mean no signal (W3C TPE; COMPLIANCE S-1).
 */
export function hasDnt(nav: unknown, win: unknown): boolean {
  return [read(nav, 'doNotTrack'), read(win, 'doNotTrack'), read(nav, 'msDoNotTrack')].some(
    (v) => v === '1' || v === 'yes' || v === 1,
  );
}

/** The signal to honour, GPC first (its legal effect is the stronger, and it must be shown as honoured). */
export function readPrivacySignal(
  nav: unknown,
  win: unknown,
  respect: { gpc: boolean; dnt: boolean },
): PrivacySignal {
  if (respect.gpc && hasGpc(nav)) return 'gpc';
  if (respect.dnt && hasDnt(nav, win)) return 'dnt';
  return null;
}
