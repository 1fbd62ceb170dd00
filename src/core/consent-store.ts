import { batch, computed, type ReadonlySignal, signal } from '@preact/signals-core';
import type { Category } from '../config/resolve';
import type { PrivacySignal } from '../signals/privacy-signals';
import { type ConsentRecord, type ConsentSource, DAY } from '../storage/record';

/** What `Candor.getConsent()` returns (SPEC §6). */
export interface ConsentSnapshot {
  id: string | null;
  given: boolean;
  categories: Record<string, boolean>;
  revision: string;
  source: string | null;
  givenAt: number | null;
  expiresAt: number | null;
  aiAcknowledgedAt: number | null;
}

/** The effect of one decision, for events and enforcement. */
export interface Decision {
  record: ConsentRecord;
  /** categories that went from denied to granted */
  granted: string[];
  /** categories that went from granted to denied */
  revoked: string[];
}

export interface ConsentStoreOptions {
  categories: readonly Category[];
  revision: string;
  mode: 'opt-in' | 'opt-out';
  maxAgeDays: number;
  /**
   * The opt-out preference signal in force, if any. A function is called only when the signal
   * can change a category's state before any choice (opt-out mode, a category granted by
   * default): reading it is the page's first use of `navigator`, ~0.1 ms that a return visit's
   * gated scripts need not wait for in opt-in mode.
   */
  signal: PrivacySignal | (() => PrivacySignal);
  /** config had errors: grant nothing beyond required categories automatically */
  degraded: boolean;
  /** The hash of what the visitor saw; a function is called only when a choice is recorded. */
  textsHash: string | (() => string);
  /**
   * A stored record to start from, as `restore()` would apply it, without the decision
   * restore() works out (a return visit's start does not need it: ~0.1 ms less there).
   */
  initial?: ConsentRecord | null;
  now: () => number;
  newId: () => string;
}

export interface ConsentStore {
  /** The visitor's consent as page code sees it; recomputed only when the record or a limit() changes. */
  readonly consent: ReadonlySignal<ConsentSnapshot>;
  /** The current valid record (possibly an AI acknowledgement only), or null. */
  readonly record: ReadonlySignal<ConsentRecord | null>;
  /** Whether a category is granted right now. Unknown categories are never granted. */
  has(category: string): boolean;
  /** Replaces the state with a record already checked for currency (or null for none). */
  restore(record: ConsentRecord | null): Decision | null;
  /** Records a choice. Categories not named keep their current value; required ones stay on. */
  decide(choices: Readonly<Record<string, boolean>>, source: ConsentSource): Decision;
  /** Records that the visitor acknowledged the AI notice. */
  acknowledgeAi(): ConsentRecord;
  /**
   * Narrows what is granted, in memory only, to what `allowed` still allows (another tab's
   * record that this one cannot apply: see create-candor.ts). The record stays as it is: no
   * choice is made up. Lasts until the next restore() or decide(). Never grants.
   */
  limit(allowed: (category: string) => boolean): Pick<Decision, 'granted' | 'revoked'> | null;
  /** True while a limit() is in force. */
  limited(): boolean;
}

/**
 * The consent state machine: signals, named actions, no DOM and no cookies (STYLE habit 1).
 * Time and ids come in as functions so tests control them.
 */
export function createConsentStore(opts: ConsentStoreOptions): ConsentStore {
  const { categories, revision, now, newId } = opts;
  const maxAgeMs = opts.maxAgeDays * DAY;

  // Before any choice (SPEC §6): required on; opt-out mode and objection-right categories
  // on, unless a privacy signal keeps a tracking category off; in a broken config, nothing.
  // (read once, when first needed)
  let signalInForce: PrivacySignal | undefined;
  const signalOn = () => (signalInForce === undefined ? (signalInForce = typeof opts.signal === 'function' ? opts.signal() : opts.signal) : signalInForce);
  const baseline: Record<string, boolean> = {};
  for (const c of categories) {
    const auto = !opts.degraded && (opts.mode === 'opt-out' || c.defaultGranted) && !(c.tracking && signalOn());
    baseline[c.id] = c.required || auto;
  }

  const record = signal<ConsentRecord | null>(opts.initial ?? null);
  // What limit() still allows, or null: ANDed into every category but the required ones.
  const ceiling = signal<Record<string, boolean> | null>(null);

  const effective = (rec: ConsentRecord | null, cap: Record<string, boolean> | null): Record<string, boolean> => {
    const out: Record<string, boolean> = {};
    for (const c of categories) {
      // Own keys only: an inherited `Object.prototype.analytics = true` is not a stored choice.
      const stored = rec?.givenAt != null && Object.hasOwn(rec.categories, c.id) ? rec.categories[c.id] : undefined;
      out[c.id] = c.required || ((stored ?? baseline[c.id] ?? false) && (!cap || cap[c.id] === true));
    }
    return out;
  };

  const consent = computed<ConsentSnapshot>(() => {
    const rec = record.value;
    const cap = ceiling.value;
    const given = rec?.givenAt != null;
    return {
      id: rec?.id ?? null,
      given,
      categories: effective(rec, cap),
      revision,
      source: given ? rec!.source : null,
      givenAt: given ? rec!.givenAt : null,
      expiresAt: given ? rec!.expiresAt : null,
      aiAcknowledgedAt: rec?.aiAcknowledgedAt ?? null,
    };
  });

  const diff = (before: Record<string, boolean>, after: Record<string, boolean>) => {
    const granted: string[] = [];
    const revoked: string[] = [];
    for (const c of categories) {
      if (!before[c.id] && after[c.id]) granted.push(c.id);
      if (before[c.id] && !after[c.id]) revoked.push(c.id);
    }
    return { granted, revoked };
  };

  const commit = (next: ConsentRecord): Decision => {
    const before = consent.peek().categories;
    batch(() => {
      ceiling.value = null;
      record.value = next;
    });
    return { record: next, ...diff(before, consent.peek().categories) };
  };

  return {
    consent,
    record,
    has: (id) => Object.hasOwn(consent.value.categories, id) && consent.value.categories[id] === true,
    restore(rec) {
      const before = consent.peek().categories;
      batch(() => {
        ceiling.value = null;
        record.value = rec;
      });
      return rec ? { record: rec, ...diff(before, consent.peek().categories) } : null;
    },
    limit(allowed) {
      const before = consent.peek().categories;
      const cap: Record<string, boolean> = {};
      for (const c of categories) cap[c.id] = ceiling.peek()?.[c.id] !== false && allowed(c.id);
      ceiling.value = cap;
      const d = diff(before, consent.peek().categories);
      return d.revoked.length ? d : null;
    },
    limited: () => ceiling.peek() !== null,
    decide(choices, source) {
      const current = consent.peek().categories;
      const chosen: Record<string, boolean> = {};
      for (const c of categories) {
        const wanted = Object.hasOwn(choices, c.id) ? choices[c.id] === true : current[c.id];
        chosen[c.id] = c.required || wanted === true;
      }
      const prev = record.peek();
      const at = now();
      return commit({
        id: prev?.id ?? newId(),
        revision,
        givenAt: at,
        expiresAt: at + maxAgeMs,
        categories: chosen,
        source,
        textsHash: typeof opts.textsHash === 'function' ? opts.textsHash() : opts.textsHash,
        aiAcknowledgedAt: prev?.aiAcknowledgedAt ?? null,
      });
    },
    acknowledgeAi() {
      const prev = record.peek();
      const at = now();
      const next: ConsentRecord = prev
        ? { ...prev, aiAcknowledgedAt: at }
        : {
            id: newId(),
            revision,
            givenAt: null,
            expiresAt: at + maxAgeMs,
            categories: {},
            source: null,
            textsHash: '',
            aiAcknowledgedAt: at,
          };
      record.value = next;
      return next;
    },
  };
}
