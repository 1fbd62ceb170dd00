import type { TextKey, Texts } from '../i18n/en';
import { pickLanguage, textsFor } from '../i18n';
import { DEFAULT_CATEGORY_IDS, TRACKING_CATEGORY_IDS } from './default-categories';
import type { CandorConfig } from '../api/types';
import { CONSENT_KEYS, type ConfigInput, type ConsentModeKey } from './schema';

export interface CookieInfo {
  name: string;
  duration: string;
  description?: string;
}

export interface Service {
  name: string;
  provider?: string;
  purpose?: string;
  privacyUrl?: string;
  cookies: CookieInfo[];
}

/** A consent category with every default filled in. */
export interface Category {
  id: string;
  label: string;
  description: string;
  /** Always granted; the visitor cannot switch it off. */
  required: boolean;
  /** Kept off by Do Not Track and Global Privacy Control. */
  tracking: boolean;
  /** Granted before any choice even in opt-in mode (an objection right, like `ai.optOut`). */
  defaultGranted: boolean;
  cookies: string[];
  storage: string[];
  services: Service[];
}

export interface AiConfig {
  notice: boolean;
  title?: string;
  text?: string;
  providers: string[];
  chatSelector?: string;
  contentSelector: string;
  learnMoreUrl?: string;
  humanReview?: string;
  optOut: boolean;
}

export interface GoogleConsentModeConfig {
  enabled: boolean;
  waitForUpdate?: number;
  region?: string[];
  adsDataRedaction: boolean;
  urlPassthrough: boolean;
  /** category id → the Consent Mode keys it grants */
  map: Record<string, ConsentModeKey[]>;
}

/** The one typed config value everything inside Candor trusts. */
export interface ResolvedConfig {
  policyUrl?: string;
  cookiePolicyUrl?: string;
  imprintUrl?: string;
  revision: string;
  consentMaxAgeDays: number;
  lang: string;
  texts: Texts;
  mode: 'opt-in' | 'opt-out';
  respectDoNotTrack: boolean;
  respectGlobalPrivacyControl: boolean;
  categories: Category[];
  ai?: AiConfig;
  googleConsentMode: GoogleConsentModeConfig;
  consentLogUrl?: string;
  cookieName: string;
  cookieDomain?: string;
  ui: { position: 'bottom' | 'bottom-left' | 'bottom-right' | 'center'; theme: 'light' | 'dark' | 'auto'; floatingButton: boolean };
  /** True when the config had errors: Candor then grants nothing automatically. */
  degraded: boolean;
}

/** SPEC §4 default map of categories to Google Consent Mode keys. */
export const DEFAULT_CONSENT_MODE_MAP: Record<string, ConsentModeKey[]> = {
  analytics: ['analytics_storage'],
  marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
  preferences: ['functionality_storage', 'personalization_storage'],
};

/** What the page tells Candor about its language. */
export interface LanguageHints {
  htmlLang?: string | null;
  navigatorLanguages?: readonly string[];
}

/** Fills in every default. Pure: the language hints are passed in. */
export function resolveConfig(input: ConfigInput | CandorConfig, hints: LanguageHints = {}, degraded = false): ResolvedConfig {
  // Own keys only (issue 7): every `x.key ?? default` below must not read a property a page
  // put on Object.prototype (`required`, `mode`, …). parseConfig already returns objects
  // without a prototype; direct callers may not.
  input = own(input);
  const lang = pickLanguage(input.lang ?? 'auto', hints, Object.keys(input.texts ?? {}));
  const texts = textsFor(lang, input.texts);
  const t = (key: TextKey) => texts[key];

  const listed: NonNullable<ConfigInput['categories']> = input.categories ?? DEFAULT_CATEGORY_IDS.map((id) => ({ id }));
  const categories: Category[] = listed.map((raw) => {
    const c = own(raw);
    // A list, not a map: a category named "constructor" is not a known one.
    const known = DEFAULT_CATEGORY_IDS.indexOf(c.id) >= 0;
    return {
      id: c.id,
      label: c.label ?? (known ? t(`${c.id}Label` as TextKey) : c.id),
      description: c.description ?? (known ? t(`${c.id}Description` as TextKey) : ''),
      required: c.required ?? c.id === 'necessary',
      tracking: c.tracking ?? TRACKING_CATEGORY_IDS.indexOf(c.id) >= 0,
      defaultGranted: false,
      // The owner's patterns; a known category's vendor patterns are added at removal time
      // (removalPatterns in default-categories.ts, part of the cleanup chunk).
      cookies: unique(c.cookies ?? []),
      storage: unique(c.storage ?? []),
      services: (c.services ?? []).map((s) => ({ ...s, cookies: s.cookies ?? [] })),
    };
  });

  let ai: AiConfig | undefined;
  if (input.ai) {
    input.ai = own(input.ai);
    // The validated keys as written (title, text, chatSelector, humanReview), then defaults.
    ai = {
      ...input.ai,
      notice: input.ai.notice ?? true,
      providers: input.ai.providers ?? [],
      contentSelector: input.ai.contentSelector ?? '[data-ai-generated]',
      learnMoreUrl: input.ai.learnMoreUrl ?? input.policyUrl,
      optOut: input.ai.optOut ?? false,
    };
    if (ai.optOut && !categories.some((c) => c.id === 'ai')) {
      categories.push({
        id: 'ai',
        label: t('aiLabel'),
        description: t('aiDescription'),
        required: false,
        tracking: false,
        // An objection right (opt-out): on until the visitor switches it off.
        defaultGranted: true,
        cookies: [],
        storage: [],
        services: [],
      });
    }
  }

  // parseConfig turns `true`/`false` into `{ enabled }`; a direct caller may still pass a boolean.
  const gcm = input.googleConsentMode as ConfigInput['googleConsentMode'] | boolean | undefined;
  const gcmOptions = own(typeof gcm === 'boolean' ? { enabled: gcm } : gcm);
  const ui = own(input.ui);
  // The validated keys as written (policyUrl, cookiePolicyUrl, imprintUrl, consentLogUrl,
  // cookieDomain), then every default: one spread instead of a copy of each.
  return {
    ...input,
    revision: String(input.revision ?? '1'),
    consentMaxAgeDays: input.consentMaxAgeDays ?? 182,
    lang,
    texts,
    mode: input.mode ?? 'opt-in',
    respectDoNotTrack: input.respectDoNotTrack ?? true,
    respectGlobalPrivacyControl: input.respectGlobalPrivacyControl ?? true,
    categories,
    ai,
    googleConsentMode: {
      ...gcmOptions,
      enabled: gcmOptions.enabled ?? true,
      adsDataRedaction: gcmOptions.adsDataRedaction ?? false,
      urlPassthrough: gcmOptions.urlPassthrough ?? false,
      map: { ...DEFAULT_CONSENT_MODE_MAP, ...gcmOptions.map },
    },
    cookieName: input.cookieName ?? 'candor_consent',
    ui: {
      position: ui.position ?? 'bottom',
      theme: ui.theme ?? 'auto',
      floatingButton: ui.floatingButton ?? true,
    },
    degraded,
  };
}

/** A shallow copy without a prototype, so absent keys read as undefined. */
function own<T extends object>(o: T): T;
function own<T extends object>(o: T | undefined): Partial<T>;
function own<T extends object>(o: T | undefined): Partial<T> {
  return { __proto__: null, ...o } as unknown as Partial<T>;
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

export { CONSENT_KEYS };
