import type { ConfigInput } from '../config/schema';
import type { ConsentSnapshot } from '../core/consent-store';

/** What a site owner writes in `window.CandorConfig`, `#candor-config` or `createCandor(config)`. */
export type CandorConfig = Omit<ConfigInput, 'googleConsentMode'> & {
  /** `false` turns Consent Mode off; an object configures it. */
  googleConsentMode?: boolean | ConfigInput['googleConsentMode'];
};
export type { ConsentSnapshot };

/** `detail` of `candor:change` and argument of `on('change')`. */
export interface ChangeDetail {
  granted: string[];
  revoked: string[];
  consent: ConsentSnapshot;
}

/** `detail` of `candor:ai-acknowledged`. */
export interface AiAcknowledgedDetail {
  at: number;
  consent: ConsentSnapshot;
}

export interface CandorEventMap {
  ready: ConsentSnapshot;
  consent: ConsentSnapshot;
  change: ChangeDetail;
  'ai-acknowledged': AiAcknowledgedDetail;
}

/** The public API: `window.Candor`, and what `createCandor(config)` returns (SPEC §6). */
export interface CandorApi {
  /** A copy of the current consent: changing it changes nothing. */
  getConsent(): ConsentSnapshot;
  /** True only for a configured category that is granted now. */
  hasConsent(category: string): boolean;
  /** Grants every category and saves the choice. */
  acceptAll(): void;
  /** Denies every non-required category and saves the choice. */
  rejectAll(): void;
  /** Sets the named categories; the others keep their value. Unknown names are reported and ignored. */
  setConsent(choices: Record<string, boolean>): void;
  /** Denies every non-required category, deletes their cookies and storage, and shows the banner again. */
  withdraw(): void;
  showBanner(): void;
  showPreferences(): void;
  /** Hides the banner and preference center without recording anything. */
  hide(): void;
  /** Records that the visitor saw the AI notice. */
  acknowledgeAi(): void;
  /** Subscribes to an event; returns the function that unsubscribes. `ready` calls late subscribers at once. */
  on<K extends keyof CandorEventMap>(event: K, fn: (detail: CandorEventMap[K]) => void): () => void;
  /** Calls `fn` now if the category is granted, else once, when it is. */
  whenGranted(category: string, fn: () => void): void;
  /** Removes Candor's UI, observers and listeners (for single-page apps and tests). */
  destroy(): void;
  readonly version: string;
}

declare global {
  interface Window {
    Candor?: CandorApi;
    CandorConfig?: CandorConfig;
  }
  interface DocumentEventMap {
    'candor:ready': CustomEvent<ConsentSnapshot>;
    'candor:consent': CustomEvent<ConsentSnapshot>;
    'candor:change': CustomEvent<ChangeDetail>;
    'candor:ai-acknowledged': CustomEvent<AiAcknowledgedDetail>;
  }
}
