import * as z from 'zod/mini';
import { type ConfigInput, configSchema, messages } from './schema';

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
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(config)';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Sets an own property, even one named `__proto__`, so it is validated (and refused) like any other key. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Deep copy of JSON-like data, so pruning never touches the page's own objects. A getter
 * that throws is reported by its path and skipped, never rethrown into the page.
 *
 * Objects come out without a prototype: a page that put `mode`, `required` or `analytics`
 * on `Object.prototype` must not have them read as config (zod's `key in input` and every
 * `c.required ?? …` default would see inherited properties). Only own keys count.
 */
export function clone(v: unknown, errors: string[], path: PropertyKey[] = [], depth = 0): unknown {
  if (depth > 20) return undefined;
  if (Array.isArray(v)) return v.map((x, i) => clone(x, errors, [...path, i], depth + 1));
  if (isPlainObject(v)) {
    // No prototype, so `__proto__` is a plain own key here and assignment is enough.
    const out: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(v)) {
      try {
        out[k] = clone(v[k], errors, [...path, k], depth + 1);
      } catch {
        errors.push(`${formatPath([...path, k])}: could not be read`);
      }
    }
    return out;
  }
  return v;
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
  if (Array.isArray(parent) && typeof last === 'number') parent[last] = PRUNED;
  else if (isPlainObject(parent)) delete parent[last as string];
}

const PRUNED = Symbol('pruned');

function dropPruned(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== PRUNED).map(dropPruned);
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
    // A hostile object (revoked Proxy, exotic getters) or a page that added enumerable
    // properties to Object.prototype (zod's schema code walks objects with for…in): fail closed.
    return { value: {}, errors: [...errors, '(config): could not be validated on this page'] };
  }
}

function parseInto(input: unknown, errors: string[]): ParseResult {
  const report = (line: string) => {
    if (!errors.includes(line)) errors.push(line);
  };
  if (input === undefined || input === null) return { value: {}, errors };
  if (!isPlainObject(input)) return { value: {}, errors: ['(config): must be an object'] };
  const work = clone(input, errors) as Record<string, unknown>;
  if (typeof work.googleConsentMode === 'boolean') work.googleConsentMode = { enabled: work.googleConsentMode };

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

  // zod reports every issue in one pass; pruning what it reported cannot make the rest
  // invalid (all fields are optional), so the second pass normally succeeds.
  const schema = configSchema(Object.keys(work));
  for (let pass = 0; pass < 5; pass++) {
    const result = z.safeParse(schema, work, { error: messages });
    // zod builds its output on plain `{}`: copied again so that an absent optional key reads
    // as undefined, never as a polluted Object.prototype property.
    if (result.success && duplicates.length === 0) return { value: clone(result.data, errors) as ConfigInput, errors };
    for (const i of duplicates.splice(0)) prune(work, ['categories', i]);
    for (const issue of result.error?.issues ?? []) {
      if (issue.code === 'unrecognized_keys') {
        const isText = issue.path[0] === 'texts';
        for (const key of issue.keys) {
          report(`${formatPath([...issue.path, key])}: ${isText ? 'is not a text key (see the README for the list)' : 'unknown key'}`);
          prune(work, [...issue.path, key]);
        }
        continue;
      }
      report(`${formatPath(issue.path)}: ${issue.message}`);
      prune(work, issue.path);
    }
    for (const line of duplicateLines.splice(0)) report(line);
    dropPruned(work);
  }
  // Unreachable for any input we know of; fail closed rather than loop.
  return { value: {}, errors: errors.length ? errors : ['(config): could not be validated'] };
}
