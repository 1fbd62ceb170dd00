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
// A text that passes `ok`: one schema, not a string schema plus a refinement (each zod schema
// built is an object with a dozen closures, and `.check()` builds the schema a second time).
// Anything not a text gets the message a string schema would give.
const str = (ok: (v: string) => boolean, message: string) =>
  z.custom<string>((v) => typeof v === 'string' && ok(v), { error: (iss) => (typeof iss.input === 'string' ? message : typeError('string')(iss)) });
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
/**
 * Params that give a schema its checks as it is built: `.check()` would build the schema a
 * second time (zod clones it), and a page view builds these on every load. zod reads a
 * definition's `checks` when it constructs a schema (core `$ZodType`); tests pin it.
 */
const withChecks = (error: (iss: { input?: unknown }) => string | undefined, ...checks: z.core.$ZodCheck<never>[]) => ({ error, checks }) as never;
const typeError = (expected: string) => (iss: { input?: unknown }) => messages({ code: 'invalid_type', expected, input: iss.input });

type Factories = Record<string, () => z.ZodMiniType>;
type Out<F extends Factories, K extends keyof F> = z.output<ReturnType<F[K]>>;
type Shape<F extends Factories, R extends keyof F> = { [K in Exclude<keyof F, R>]?: Out<F, K> } & { [K in R]: Out<F, K> };

/**
 * An object checked key by key: `schemaOf(k)` is the schema for the value at `k`, or null
 * when `k` is not allowed (`refused(k)` is then its issue). Issues keep their path. With
 * `optional`, an undefined value is left alone, as a zod object's optional field would be,
 * and each of `required` must be there.
 */
const entries = <T>(schemaOf: (k: string) => z.ZodMiniType | null, refused: (k: string) => object, optional?: boolean, required: readonly string[] = []) =>
  z.custom<T>(isPlainObject, withChecks(typeError('object'),
    z.superRefine((value, ctx) => {
      const obj = value as Record<string, unknown>;
      const issue = (iss: object) => ctx.issues.push(iss as never);
      for (const k of Object.keys(obj)) {
        const v = obj[k];
        const schema = schemaOf(k);
        if (!schema) issue({ ...refused(k), input: v });
        else if (!optional || v !== undefined) nested(ctx, schema, v, k);
      }
      for (const k of required) if (obj[k] === undefined) issue({ code: 'custom', message: 'is required', path: [k], input: undefined });
    }),
  ));

/** Checks `v` (at `k` of the value being checked) with `schema`; its issues keep their path. */
function nested(ctx: { issues: unknown[] }, schema: z.ZodMiniType, v: unknown, k: PropertyKey): void {
  for (const iss of z.safeParse(schema, v, { error: messages }).error?.issues ?? []) ctx.issues.push({ ...iss, path: [k, ...iss.path] });
}

/**
 * A list whose entries pass `item`, as a check (zod's array schema is ~1 KB of every page
 * view's bundle for the same thing). By index, never with the list's own methods.
 */
const list = <T extends z.ZodMiniType>(item: T, ...checks: z.core.$ZodCheck<never>[]) =>
  z.custom<z.output<T>[]>(
    Array.isArray,
    withChecks(
      typeError('array'),
      z.superRefine((arr: unknown[], ctx) => {
        for (let i = 0; i < arr.length; i++) nested(ctx, item, arr[i], i);
      }),
      ...checks,
    ),
  );
const bool = () => z.custom<boolean>((v) => typeof v === 'boolean', { error: typeError('boolean') });

/** An object whose keys pass `keyOk` and whose values pass `value`. */
const recordOf = <T extends z.ZodMiniType>(keyOk: (k: string) => boolean, message: string, value: T) =>
  entries<Record<string, z.output<T>>>((k) => (keyOk(k) ? value : null), (k) => ({ code: 'custom', message, path: [k] }));

/**
 * A strict object of optional fields. Each field's schema is built the first time a value
 * has that key, not up front: a page view builds only what its config uses (a zod schema is
 * a few objects and closures, and building all of them was the largest part of reading a
 * small config on a return visit). A key it does not know is reported by its own path.
 */
const shape = <F extends Factories, R extends keyof F & string = never>(fields: F, required: readonly R[] = []) => {
  // No prototype: a key a page put on Object.prototype (`required`) is not a built schema.
  const built: Record<string, z.ZodMiniType> = Object.create(null);
  return entries<Shape<F, R>>(
    (k) => (Object.hasOwn(fields, k) ? (built[k] ??= fields[k]!()) : null),
    (k) => ({ code: 'unrecognized_keys', keys: [k], path: [] }),
    true,
    required,
  );
};

// Factories, not constants: a schema is built only for a field the config actually has.
const url = () => str(isSafeUrl, 'must be an http(s) URL or a root-relative path (starting with "/")');
const mailtoOrUrl = () => str(
  (v) => isSafeUrl(v) || /^mailto:[^\s<>"]+$/i.test(v),
  'must be a mailto: address, an http(s) URL or a root-relative path',
);
const pattern = () => str((v) => v.length <= 300 && isValidPattern(v), 'must be a name, a "prefix*" or a "/regex/" that compiles');
const selector = () => str(isValidSelector, 'must be a valid CSS selector');

const cookieInfo = () => shape({
  name: () => nonEmpty(),
  duration: () => nonEmpty(),
  description: () => text(),
}, ['name', 'duration']);

const service = () => shape({
  name: () => nonEmpty(),
  provider: () => text(200),
  purpose: () => text(),
  privacyUrl: url,
  cookies: () => list(cookieInfo()),
}, ['name']);

const category = () => shape({
  id: () => str((v) => ID_RE.test(v) && v.length <= 40, `must match ${ID_RE}`),
  label: () => nonEmpty(),
  description: () => text(),
  required: () => bool(),
  tracking: () => bool(),
  cookies: () => list(pattern()),
  storage: () => list(pattern()),
  services: () => list(service()),
}, ['id']);

// One language's texts: known keys only, each a text of at most TEXT_MAX characters.
const TEXT_MAX = 4000;
const textsForLang = () => {
  const value = text(TEXT_MAX);
  return entries<Partial<Record<keyof typeof en, string>>>(
    (k) => (Object.hasOwn(en, k) ? value : null),
    (k) => ({ code: 'unrecognized_keys', keys: [k], path: [] }),
    true,
  );
};

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
const googleConsentModeOptions = () => shape({
  enabled: () => bool(),
  waitForUpdate: () => wholeNumber(0, 60000),
  region: () => list(matching(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be an ISO 3166 code such as "DE" or "US-CA"')),
  adsDataRedaction: () => bool(),
  urlPassthrough: () => bool(),
  map: () => recordOf((k) => ID_RE.test(k), `must match ${ID_RE}`, list(oneOf(CONSENT_KEYS))),
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
  respectDoNotTrack: () => bool(),
  respectGlobalPrivacyControl: () => bool(),
  categories: () => list(category(), z.refine((v: unknown[]) => v.length > 0, 'must list at least one category')),
  ai: () => (
    shape({
      notice: () => bool(),
      title: () => nonEmpty(),
      text: () => text(),
      providers: () => list(nonEmpty(100)),
      chatSelector: selector,
      contentSelector: selector,
      learnMoreUrl: url,
      humanReview: mailtoOrUrl,
      optOut: () => bool(),
    })
  ),
  googleConsentMode: googleConsentModeOptions,
  consentLogUrl: url,
  cookieName: () => matching(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "_" or "-"'),
  cookieDomain: () => matching(/^\.?([a-z0-9-]+\.)+[a-z0-9-]+$/i, 'must be a domain name such as "example.com"'),
  ui: () => (
    shape({
      position: () => oneOf(['bottom', 'bottom-left', 'bottom-right', 'center'] as const),
      theme: () => oneOf(['light', 'dark', 'auto'] as const),
      floatingButton: () => bool(),
    })
  ),
};

type Fields = typeof FIELDS;

/** What a site owner writes: every field optional, validated by {@link configSchema}. */
export type ConfigInput = { [K in keyof Fields]?: z.output<ReturnType<Fields[K]>> };

/**
 * The config schema: a strict object whose fields' schemas are built as the config uses
 * them (see `shape`), so a key Candor does not know is reported by its own path.
 */
export const configSchema = (): z.ZodMiniType<ConfigInput> => shape(FIELDS);
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
