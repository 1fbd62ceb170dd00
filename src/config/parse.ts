import { type ConfigInput, configSchema, type Issue, isPlainObject } from './schema';

/** The outcome of checking untrusted config: the valid parts, and every problem by path. */
export interface ParseResult {
  /** What survived validation: invalid values are removed, never guessed. */
  value: ConfigInput;
  /** One line per problem, e.g. `categories[2].id: must match /^[a-z][a-z0-9_-]*$/`. */
  errors: string[];
}

type Path = readonly PropertyKey[];

/** `['categories', 2, 'id']` → `categories[2].id` */
export function formatPath(path: Path): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : (out && '.') + String(key);
  return out || '(config)';
}

/**
 * The most containers' entries one copy walks (a large real config has a few hundred).
 * Counted before an array or object is walked, so a million-entry list or shared
 * references that double at each level (`o = { a: o1, b: o1 }`, exponential to walk) cost
 * at most this much work, however the page built them (issue 7).
 */
export const MAX_VALUES = 10_000;

/**
 * A value left out: of a copy (its problem was reported at its own path), or of a list
 * once a check reported it (see `prune`).
 */
const DROP = Symbol();

/**
 * Deep copy of JSON-like data, so pruning never touches the page's own objects. A getter
 * that throws is reported by its path and skipped, never rethrown into the page.
 *
 * Objects come out without a prototype: a page that put `mode`, `required` or `analytics`
 * on `Object.prototype` must not have them read as config (every `c.required ?? …` default
 * would see inherited properties). Only own keys count.
 *
 * Bounded work (issue 7): an object that contains itself is reported once, at the path
 * where it comes round again (`ui: is circular`), and left out; a copy that gets
 * too large or too deep is reported once, where it does, and nothing more is copied.
 * A left-out value drops its whole list (an array with a gap would move the indexes of the
 * rest); in an object only its key goes. `seen` holds the objects above this one.
 */
export function clone(
  v: unknown,
  errors: string[],
  path: PropertyKey[] = [],
  walk = { left: MAX_VALUES },
  seen: unknown[] = [],
): unknown {
  const list = Array.isArray(v);
  if (!list && !isPlainObject(v)) return v;
  // `indexOf`, not `includes`: a page's broken `Array.prototype.includes` must not make
  // every object circular.
  const circular = seen.indexOf(v) >= 0;
  // A list is copied by index, its `length` read once: a page can give an array its own
  // `keys` or an enumerable `__proto__`, and neither may add an entry to the copy or set
  // its prototype (the validated config is this copy).
  const keys = list ? [] : Object.keys(v);
  const size = list ? Number(v.length) : keys.length;
  if (walk.left >= 0 && (circular || seen.length > 20 || (walk.left -= size) < 0)) {
    errors.push(`${formatPath(path)}: is ${circular ? 'circular' : ((walk.left = -1), 'too large or too deep')}`);
  }
  if (circular || walk.left < 0) return DROP;
  // No prototype, so `__proto__` is a plain own key here and assignment is enough.
  const out: Record<PropertyKey, unknown> = list ? [] : Object.create(null);
  const above = [...seen, v];
  for (let i = 0; i < size; i++) {
    const k = list ? i : keys[i]!;
    try {
      const x = clone(v[k as never], errors, [...path, k], walk, above);
      if (x !== DROP) out[k] = x;
      else if (list) return DROP;
    } catch (e) {
      // An array whose entry throws is lost whole, reported at its own key.
      if (list) throw e;
      errors.push(`${formatPath([...path, k])}: could not be read`);
    }
  }
  return out;
}

/**
 * Removes the value an issue points at. A broken category is dropped whole: a category
 * half-understood could grant or delete the wrong things, so it is safer gone.
 */
function prune(root: Record<string, unknown>, path: Path): void {
  const cut = path[0] === 'categories' && typeof path[1] === 'number' ? path.slice(0, 2) : path;
  if (cut.length === 0) return;
  let parent: unknown = root;
  for (const key of cut.slice(0, -1)) {
    parent = (parent as Record<PropertyKey, unknown>)?.[key as string];
    if (parent === undefined || parent === null) return;
  }
  const last = cut[cut.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') parent[last] = DROP;
  else if (isPlainObject(parent)) delete parent[last as string];
}

function dropPruned(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== DROP).map(dropPruned);
  if (isPlainObject(v)) {
    for (const k of Object.keys(v)) v[k] = dropPruned(v[k]);
  }
  return v;
}

/**
 * Validates untrusted config and keeps its valid parts. Never throws: whatever the input,
 * the result is a value the schema accepts plus a list of every problem found.
 */
export function parseConfig(input: unknown): ParseResult {
  const errors: string[] = [];
  try {
    return parseInto(input, errors);
  } catch {
    // A hostile object (revoked Proxy, exotic getters) or a page that broke a built-in the
    // checks use: fail closed.
    return { value: {}, errors: [...errors, '(config): could not be validated on this page'] };
  }
}

function parseInto(input: unknown, errors: string[]): ParseResult {
  const work = clone(input, errors);
  // Nothing, or too large to copy at all (reported): nothing of it is used.
  if (!isPlainObject(work)) return { value: {}, errors: input == null || work === DROP ? errors : ['(config): must be an object'] };
  if (typeof work.googleConsentMode === 'boolean') work.googleConsentMode = { __proto__: null, enabled: work.googleConsentMode };

  // Duplicate ids are found on the list as written, so the index in the message is the owner's.
  const duplicates: number[] = [];
  const duplicateLines: string[] = [];
  if (Array.isArray(work.categories)) {
    const seen = new Set<unknown>();
    work.categories.forEach((c, i) => {
      const id = isPlainObject(c) ? c.id : undefined;
      if (typeof id !== 'string') return;
      if (seen.has(id)) {
        duplicateLines.push(`categories[${i}].id: "${id}" is listed twice`);
        duplicates.push(i);
      }
      seen.add(id);
    });
  }

  // Every issue is reported in one pass; pruning what was reported cannot make the rest
  // invalid (all fields are optional), so the second pass normally succeeds.
  const check = configSchema();
  // A value that must fail (an unknown key), checked first. A page that broke a built-in the
  // checks rely on (a replaced `Array.prototype.push` keeps no issue, a replaced array
  // iterator walks no key) would otherwise have everything pass: it fails closed instead.
  const probe: Issue[] = [];
  check({ __proto__: null, '': 0 }, [], probe);
  if (!probe.length) throw new Error('validation is switched off');
  for (let pass = 0; pass < 5; pass++) {
    const issues: Issue[] = [];
    check(work, [], issues);
    // The checks change nothing, so what passed is `work` itself: the copy made above, whose
    // objects have no prototype (an absent optional key reads as undefined, never as a
    // polluted Object.prototype property).
    // Each line once, deduplicated by a Set at the end: checking each new line against all
    // earlier ones made thousands of invalid entries cost quadratic time (issue 7).
    if (!issues.length && duplicates.length === 0) return { value: work as ConfigInput, errors: [...new Set(errors)] };
    for (const i of duplicates.splice(0)) prune(work, ['categories', i]);
    for (const { path, message } of issues) {
      errors.push(`${formatPath(path)}: ${message ?? (path[0] === 'texts' ? 'is not a text key (see the README for the list)' : 'unknown key')}`);
      prune(work, path);
    }
    for (const line of duplicateLines.splice(0)) errors.push(line);
    dropPruned(work);
  }
  // Unreachable for any input we know of; fail closed rather than loop.
  return { value: {}, errors: errors.length ? [...new Set(errors)] : ['(config): could not be validated'] };
}
