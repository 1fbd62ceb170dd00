import type { Win } from '../util/win';

/** The public event names (SPEC §6). */
export const EVENT_NAMES = ['ready', 'consent', 'change', 'ai-acknowledged'] as const;
export type CandorEventName = (typeof EVENT_NAMES)[number];

export type Listener = (detail: unknown) => void;

export interface Emitter {
  on(name: CandorEventName, fn: Listener): () => void;
  /** Calls listeners, then dispatches `candor:<name>` on the document. */
  emit(name: CandorEventName, detail: unknown): void;
  clear(): void;
}

/**
 * Reports an error from page code without letting it stop Candor's own work: the page
 * still sees it in the console and in `window.onerror`, as if the listener had thrown
 * on its own.
 */
export function reportError(win: Win | undefined, error: unknown): void {
  try {
    if (win && typeof win.reportError === 'function') win.reportError(error);
    else setTimeout(() => {
      throw error;
    });
  } catch {
    // nothing more can be done without breaking the caller
  }
}

function freeze(o: unknown): void {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) freeze(v);
  }
}

/**
 * Listeners for `Candor.on()` and DOM CustomEvents for code that loads before Candor.
 * A listener that throws never stops the others, or Candor.
 */
export function createEmitter(doc: Document | undefined, win: Win | undefined): Emitter {
  const listeners = new Map<CandorEventName, Set<Listener>>();
  return {
    on(name, fn) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      // Wrapped so the same function registered twice gets two independent subscriptions.
      const entry: Listener = (d) => fn(d);
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    emit(name, detail) {
      // One detail for every listener and the DOM event: frozen, so no listener can change
      // what the next one hears (or what enforcement still has to do with it).
      freeze(detail);
      for (const fn of [...(listeners.get(name) ?? [])]) {
        try {
          fn(detail);
        } catch (e) {
          reportError(win, e);
        }
      }
      try {
        const Ctor = win?.CustomEvent ?? CustomEvent;
        doc?.dispatchEvent(new Ctor(`candor:${name}`, { detail }));
      } catch {
        // a page that broke CustomEvent still has the on() listeners
      }
    },
    clear() {
      listeners.clear();
    },
  };
}

