import * as z from 'zod/mini';
import { en } from '../i18n/en';
import { isSafeUrl } from '../util/url';

/*
 * The one place untrusted configuration is checked (STYLE: "validate once at the edge").
 * Every field is optional here; defaults are filled in by `resolveConfig`, so an error
 * message always names what the site owner wrote, never a default.
 */

const ID_RE = /^[a-z][a-z0-9_-]*$/;
const LANG_RE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

// Checks are written as refinements with their own messages: each zod check kind used adds
// its code to every page view's bundle, and one `refine` serves them all.
const str = (ok: (v: string) => boolean, message: string) => z.string().check(z.refine(ok, message));
const maxLen = (max: number) => (v: string) => v.length <= max;
const text = (max = 2000) => str(maxLen(max), `must be at most ${max} characters`);
const nonEmpty = (max = 200) => str((v) => v.length > 0 && v.length <= max, `must be 1 to ${max} characters`);
const matching = (re: RegExp, message = `must match ${re}`) => str((v) => re.test(v), message);
const oneOf = <const T extends string>(values: readonly T[]) =>
  z.custom<T>((v) => (values as readonly unknown[]).includes(v), `must be one of ${values.map((v) => `"${v}"`).join(', ')}`);
// Numbers and records are checked with `custom` too: zod's number and record schemas would
// add ~800 bytes gzip to every page view for five fields.
const wholeNumber = (min: number, max: number, message = `must be a whole number from ${min} to ${max}`) =>
  z.custom<number>((v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max, message);
/** A non-null object that is not an array (config objects; class instances are copied by their own keys). */
export const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** zod/mini ships no messages; these say what was expected, in the site owner's terms. */
const TYPE_NAMES: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', object: 'an object', array: 'a list' };
export const messages = (iss: { code?: string; expected?: string; input?: unknown }) => {
  if (iss.code !== 'invalid_type') return undefined;
  const got = Array.isArray(iss.input) ? 'a list' : iss.input === null ? 'null' : typeof iss.input;
  return `must be ${TYPE_NAMES[iss.expected ?? ''] ?? iss.expected}, not ${TYPE_NAMES[got] ?? got}`;
};

/** An object whose keys pass `keyOk` and whose values pass `value`; problems keep their path. */
const recordOf = <T extends z.ZodMiniType>(keyOk: (k: string) => boolean, keyMessage: string, value: T) =>
  z.custom<Record<string, z.output<T>>>(isPlainObject, 'must be an object').check(
    z.superRefine((obj, ctx) => {
      for (const k of Object.keys(obj)) {
        const result = keyOk(k) ? z.safeParse(value, obj[k], { error: messages }) : null;
        if (!result) ctx.issues.push({ code: 'custom', message: keyMessage, path: [k], input: k } as never);
        else if (!result.success) for (const iss of result.error.issues) ctx.issues.push({ ...iss, path: [k, ...iss.path] } as never);
      }
    }),
  );

// Factories, not constants: a schema is built only for a field the config actually has.
const url = () => str(isSafeUrl, 'must be an http(s) URL or a root-relative path (starting with "/")');
const mailtoOrUrl = () => str(
  (v) => isSafeUrl(v) || /^mailto:[^\s<>"]+$/i.test(v),
  'must be a mailto: address, an http(s) URL or a root-relative path',
);
const pattern = () => str((v) => v.length <= 300 && isValidPattern(v), 'must be a name, a "prefix*" or a "/regex/" that compiles');
const selector = () => str(isValidSelector, 'must be a valid CSS selector');

const cookieInfo = () => z.strictObject({
  name: nonEmpty(),
  duration: nonEmpty(),
  description: z.optional(text()),
});

const service = () => z.strictObject({
  name: nonEmpty(),
  provider: z.optional(text(200)),
  purpose: z.optional(text()),
  privacyUrl: z.optional(url()),
  cookies: z.optional(z.array(cookieInfo())),
});

const category = () => z.strictObject({
  id: str((v) => ID_RE.test(v) && v.length <= 40, `must match ${ID_RE}`),
  label: z.optional(nonEmpty()),
  description: z.optional(text()),
  required: z.optional(z.boolean()),
  tracking: z.optional(z.boolean()),
  cookies: z.optional(z.array(pattern())),
  storage: z.optional(z.array(pattern())),
  services: z.optional(z.array(service())),
});

// One language's texts: known keys only, each a text. Checked by hand rather than as a
// strict object of ~60 optional strings: that is ~240 schema objects built on every page
// view before anything is enforced (the CPU profile showed zod's `init`). The issues have
// the shape a strict object gives, so an unknown key is reported by its own path.
const TEXT_MAX = 4000;
const textsForLang = () => z.custom<Partial<Record<keyof typeof en, string>>>(isPlainObject, 'must be an object').check(
  z.superRefine((obj, ctx) => {
    for (const k of Object.keys(obj)) {
      const v = obj[k as keyof typeof obj] as unknown;
      const issue = !Object.hasOwn(en, k)
        ? { code: 'unrecognized_keys', keys: [k], path: [] }
        : v === undefined || (typeof v === 'string' && v.length <= TEXT_MAX)
          ? null
          : { code: 'custom', path: [k], message: typeof v === 'string' ? `must be at most ${TEXT_MAX} characters` : messages({ code: 'invalid_type', expected: 'string', input: v }) };
      if (issue) ctx.issues.push({ ...issue, input: v } as never);
    }
  }),
);

const CONSENT_KEYS = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
] as const;

// `googleConsentMode: true|false` is rewritten to `{ enabled }` before validation (parse.ts),
// so problems inside the options object keep their path (a zod union would hide it).
const googleConsentModeOptions = () => z.strictObject({
  enabled: z.optional(z.boolean()),
  waitForUpdate: z.optional(wholeNumber(0, 60000)),
  region: z.optional(z.array(matching(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be an ISO 3166 code such as "DE" or "US-CA"'))),
  adsDataRedaction: z.optional(z.boolean()),
  urlPassthrough: z.optional(z.boolean()),
  map: z.optional(recordOf((k) => ID_RE.test(k), `must match ${ID_RE}`, z.array(oneOf(CONSENT_KEYS)))),
});

/**
 * Everything a site owner may configure (SPEC §2), as one schema factory per field: a page
 * view builds only the schemas of the fields its config has (a zod schema is a few objects
 * and closures each, and building them all was a visible share of a return visit's CPU).
 */
const FIELDS = {
  policyUrl: url,
  cookiePolicyUrl: url,
  imprintUrl: url,
  revision: () => (
    z.custom<string | number>(
      (v) => (typeof v === 'string' && /^[\w.-]{1,40}$/.test(v)) || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0),
      'must be a whole number or 1 to 40 letters, digits, ".", "_" or "-"',
    )
  ),
  consentMaxAgeDays: () => wholeNumber(1, 395, 'must be a whole number of days from 1 to 395 (13 months)'),
  lang: () => str((v) => v === 'auto' || LANG_RE.test(v), 'must be "auto" or a language code such as "de"'),
  texts: () => recordOf((k) => LANG_RE.test(k), 'must be a language code such as "de"', textsForLang()),
  mode: () => oneOf(['opt-in', 'opt-out'] as const),
  respectDoNotTrack: () => z.boolean(),
  respectGlobalPrivacyControl: () => z.boolean(),
  categories: () => z.array(category()).check(z.refine((v) => v.length > 0, 'must list at least one category')),
  ai: () => (
    z.strictObject({
      notice: z.optional(z.boolean()),
      title: z.optional(nonEmpty()),
      text: z.optional(text()),
      providers: z.optional(z.array(nonEmpty(100))),
      chatSelector: z.optional(selector()),
      contentSelector: z.optional(selector()),
      learnMoreUrl: z.optional(url()),
      humanReview: z.optional(mailtoOrUrl()),
      optOut: z.optional(z.boolean()),
    })
  ),
  googleConsentMode: googleConsentModeOptions,
  consentLogUrl: url,
  cookieName: () => matching(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "_" or "-"'),
  cookieDomain: () => matching(/^\.?([a-z0-9-]+\.)+[a-z0-9-]+$/i, 'must be a domain name such as "example.com"'),
  ui: () => (
    z.strictObject({
      position: z.optional(oneOf(['bottom', 'bottom-left', 'bottom-right', 'center'] as const)),
      theme: z.optional(oneOf(['light', 'dark', 'auto'] as const)),
      floatingButton: z.optional(z.boolean()),
    })
  ),
};

type Fields = typeof FIELDS;

/** What a site owner writes: every field optional, validated by {@link configSchema}. */
export type ConfigInput = { [K in keyof Fields]?: z.output<ReturnType<Fields[K]>> };

/**
 * The config schema for an input with these keys: only their fields' schemas are built.
 * It is a strict object, so a key Candor does not know is reported by its own path.
 */
export function configSchema(keys: readonly string[] = Object.keys(FIELDS)): z.ZodMiniType<ConfigInput> {
  const shape: Record<string, z.ZodMiniOptional> = {};
  for (const k of keys) if (Object.hasOwn(FIELDS, k)) shape[k] = z.optional(FIELDS[k as keyof Fields]());
  return z.strictObject(shape) as unknown as z.ZodMiniType<ConfigInput>;
}
export type ConsentModeKey = (typeof CONSENT_KEYS)[number];
export { CONSENT_KEYS };

/** A cookie/storage name pattern: exact, `prefix*` or `/regex/` (flags i allowed). */
export function isValidPattern(p: string): boolean {
  if (p.length > 2 && p[0] === '/' && /\/i?$/.test(p)) {
    try {
      new RegExp(p.slice(1, p.lastIndexOf('/')));
      return true;
    } catch {
      return false;
    }
  }
  return !/[\s;,=]/.test(p);
}

function isValidSelector(s: string): boolean {
  if (!s.trim()) return false;
  // Without a DOM (SSR, tests in node) the selector cannot be checked here; the DOM part
  // guards its own querySelectorAll.
  if (typeof document === 'undefined') return true;
  try {
    document.createDocumentFragment().querySelector(s);
    return true;
  } catch {
    return false;
  }
}
