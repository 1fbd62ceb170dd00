import { en } from '../i18n/en';
import { ID, isLangCode, isToken, WORD } from '../util/chars';
import { isSafeUrl } from '../util/url';

/*
 * The one place untrusted configuration is checked (STYLE: "validate once at the edge").
 * Every field is optional here; defaults are filled in by `resolveConfig`, so an error
 * message always names what the site owner wrote, never a default.
 *
 * A check is a function that reports what is wrong with a value, by path, and changes
 * nothing. (zod/mini did this before: every check Candor needed was a custom one, so zod was
 * ~3 KB gzip of every page view, and building its schemas a visible share of a return visit.)
 */

/**
 * One problem: where, and why. A `message` of null means `path` ends in a key that is not
 * allowed there (an unknown key); parse.ts words that line.
 */
export interface Issue {
  path: PropertyKey[];
  message: string | null;
}
/** Reports the problems of `v` (found at `path`) into `issues`. `T` is what passes. */
export type Check<T = unknown> = ((v: unknown, path: PropertyKey[], issues: Issue[]) => void) & { readonly __type?: T };

// Checked without regular expressions (src/util/chars.ts): the config is read on every page view.
/** /^[a-z][a-z0-9_-]*$/ (a category id, as the error messages spell it) */
const isId = (v: string, max = Infinity) => isToken(v, ID, 1, max, 'az');
const ID_RULE = 'must match /^[a-z][a-z0-9_-]*$/';

/** A non-null object that is not an array (config objects; class instances are copied by their own keys). */
export const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What was expected, in the site owner's terms. */
const TYPE_NAMES: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', object: 'an object', array: 'a list' };
const typeMessage = (expected: string, v: unknown) => {
  const got = Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v;
  return `must be ${TYPE_NAMES[expected]}, not ${TYPE_NAMES[got] ?? got}`;
};

/** A value that passes `ok`, else one issue: `message`, or for a value of the wrong kind, what kind was expected. */
const custom = <T>(ok: (v: unknown) => boolean, message: string, expected?: string): Check<T> =>
  (v, path, issues) => {
    if (!ok(v)) issues.push({ path, message: expected && typeof v !== expected ? typeMessage(expected, v) : message });
  };
const str = (ok: (v: string) => boolean, message: string) => custom<string>((v) => typeof v === 'string' && ok(v), message, 'string');
const maxLen = (max: number) => (v: string) => v.length <= max;
const text = (max = 2000) => str(maxLen(max), `must be at most ${max} characters`);
const nonEmpty = (max = 200) => str((v) => v.length > 0 && v.length <= max, `must be 1 to ${max} characters`);
const matching = (re: RegExp, message = `must match ${re}`) => str((v) => re.test(v), message);
const oneOf = <const T extends string>(values: readonly T[]) =>
  custom<T>((v) => (values as readonly unknown[]).includes(v), `must be one of ${values.map((v) => `"${v}"`).join(', ')}`);
const wholeNumber = (min: number, max: number, message = `must be a whole number from ${min} to ${max}`) =>
  custom<number>((v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max, message);
const bool = (): Check<boolean> => (v, path, issues) => {
  if (typeof v !== 'boolean') issues.push({ path, message: typeMessage('boolean', v) });
};

type Factories = Record<string, () => Check>;
type Out<F extends Factories, K extends keyof F> = ReturnType<F[K]> extends Check<infer T> ? T : never;
type Shape<F extends Factories, R extends keyof F> = { [K in Exclude<keyof F, R>]?: Out<F, K> } & { [K in R]: Out<F, K> };

/**
 * An object checked key by key: `checkOf(k)` is the check for the value at `k`, or null when
 * `k` is not allowed (`refused` is then the message at `k`; null: an unknown key). With
 * `optional`, an undefined value is left alone, and each of `required` must be there.
 */
const entries = <T>(checkOf: (k: string) => Check | null, refused: string | null, optional?: boolean, required: readonly string[] = []): Check<T> =>
  (v, path, issues) => {
    if (!isPlainObject(v)) return void issues.push({ path, message: typeMessage('object', v) });
    for (const k of Object.keys(v)) {
      const check = checkOf(k);
      if (!check) issues.push({ path: [...path, k], message: refused });
      else if (!optional || v[k] !== undefined) check(v[k], [...path, k], issues);
    }
    for (const k of required) if (v[k] === undefined) issues.push({ path: [...path, k], message: 'is required' });
  };

/** A list whose entries pass `item`, and (with `atLeastOne`, its message) that has some. By index, never with the list's own methods. */
const list = <T>(item: Check<T>, atLeastOne?: string): Check<T[]> =>
  (v, path, issues) => {
    if (!Array.isArray(v)) return void issues.push({ path, message: typeMessage('array', v) });
    for (let i = 0; i < v.length; i++) item(v[i], [...path, i], issues);
    if (atLeastOne && v.length === 0) issues.push({ path, message: atLeastOne });
  };

/** An object whose keys pass `keyOk` and whose values pass `value`. */
const recordOf = <T>(keyOk: (k: string) => boolean, message: string, value: Check<T>) =>
  entries<Record<string, T>>((k) => (keyOk(k) ? value : null), message);

/**
 * A strict object of optional fields. Each field's check is made the first time a value has
 * that key, not up front: a page view makes only what its config uses. A key it does not
 * know is reported by its own path.
 */
const shape = <F extends Factories, R extends keyof F & string = never>(fields: F, required: readonly R[] = []) => {
  // No prototype: a key a page put on Object.prototype (`required`) is not a made check.
  const made: Record<string, Check> = Object.create(null);
  return entries<Shape<F, R>>(
    (k) => (Object.hasOwn(fields, k) ? (made[k] ??= fields[k]!()) : null),
    null,
    true,
    required,
  );
};

// Factories, not constants: a check is made only for a field the config actually has.
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
  id: () => str((v) => isId(v, 40), ID_RULE),
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
    null,
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
// so problems inside the options object keep their path.
const googleConsentModeOptions = () => shape({
  enabled: () => bool(),
  waitForUpdate: () => wholeNumber(0, 60000),
  region: () => list(matching(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be an ISO 3166 code such as "DE" or "US-CA"')),
  adsDataRedaction: () => bool(),
  urlPassthrough: () => bool(),
  map: () => recordOf((k) => isId(k), ID_RULE, list(oneOf(CONSENT_KEYS))),
});

/**
 * Everything a site owner may configure (SPEC §2), as one check factory per field: a page
 * view makes only the checks of the fields its config has.
 */
const FIELDS = {
  policyUrl: url,
  cookiePolicyUrl: url,
  imprintUrl: url,
  revision: () => (
    custom<string | number>(
      (v) => (typeof v === 'string' && isToken(v, `${WORD}..--`, 1, 40)) || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0),
      'must be a whole number or 1 to 40 letters, digits, ".", "_" or "-"',
    )
  ),
  consentMaxAgeDays: () => wholeNumber(1, 395, 'must be a whole number of days from 1 to 395 (13 months)'),
  lang: () => str((v) => v === 'auto' || isLangCode(v), 'must be "auto" or a language code such as "de"'),
  texts: () => recordOf(isLangCode, 'must be a language code such as "de"', textsForLang()),
  mode: () => oneOf(['opt-in', 'opt-out'] as const),
  respectDoNotTrack: () => bool(),
  respectGlobalPrivacyControl: () => bool(),
  categories: () => list(category(), 'must list at least one category'),
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
export type ConfigInput = { [K in keyof Fields]?: Out<Fields, K> };

/**
 * The config check: a strict object whose fields' checks are made as the config uses them
 * (see `shape`), so a key Candor does not know is reported by its own path.
 */
export const configSchema = (): Check<ConfigInput> => shape(FIELDS);
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
