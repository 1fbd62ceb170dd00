/** A window with its constructors (`CustomEvent`, `BroadcastChannel`, …), which DOM typings keep on `globalThis` only. */
export type Win = Window & typeof globalThis;
