import type { ReadonlySignal } from '@preact/signals-core';
import { useEffect, useState } from 'preact/hooks';

/**
 * Reads a signal and re-renders when it changes. Candor uses the framework-free signals
 * core plus this one hook instead of the @preact/signals adapter: the adapter patches
 * Preact's render options for automatic tracking, which costs ~2 KB gzip on every page
 * view, and the UI reads only a handful of signals.
 */
export function useSignalValue<T>(s: ReadonlySignal<T>): T {
  const [, rerender] = useState(0);
  useEffect(() => s.subscribe(() => rerender((n) => n + 1)), [s]);
  return s.value;
}
