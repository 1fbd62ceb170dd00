import * as z from 'zod/mini';
import { type ConfigInput, configSchema } from './schema';

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

/** Deep copy of JSON-like data, so pruning never touches the page's own objects. */
function clone(v: unknown, depth = 0): unknown {
  if (depth > 20) return undefined;
  if (Array.isArray(v)) return v.map((x) => clone(x, depth + 1));
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = clone(v[k], depth + 1);
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
  const report = (line: string) => {
    if (!errors.includes(line)) errors.push(line);
  };
  if (input === undefined || input === null) return { value: {}, errors };
  if (!isPlainObject(input)) return { value: {}, errors: ['(config): must be an object'] };
  let work: Record<string, unknown>;
  try {
    work = clone(input) as Record<string, unknown>;
  } catch {
    return { value: {}, errors: ['(config): could not be read'] };
  }
  // zod reports every issue in one pass; pruning what it reported cannot make the rest
  // invalid (all fields are optional), so the second pass normally succeeds.
  for (let pass = 0; pass < 5; pass++) {
    const result = z.safeParse(configSchema, work);
    if (result.success) {
      const dup = duplicateCategoryErrors(result.data);
      errors.push(...dup.errors);
      if (dup.errors.length === 0) return { value: result.data, errors };
      work = dup.value as Record<string, unknown>;
      continue;
    }
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          report(`${formatPath([...issue.path, key])}: unknown key`);
          prune(work, [...issue.path, key]);
        }
        continue;
      }
      report(`${formatPath(issue.path)}: ${issue.message}`);
      prune(work, issue.path);
    }
    dropPruned(work);
  }
  // Unreachable for any input we know of; fail closed rather than loop.
  return { value: {}, errors: errors.length ? errors : ['(config): could not be validated'] };
}

function duplicateCategoryErrors(value: ConfigInput): { value: ConfigInput; errors: string[] } {
  const errors: string[] = [];
  const seen = new Set<string>();
  const categories = value.categories?.filter((c, i) => {
    if (seen.has(c.id)) {
      errors.push(`categories[${i}].id: "${c.id}" is listed twice`);
      return false;
    }
    seen.add(c.id);
    return true;
  });
  return { value: categories ? { ...value, categories } : value, errors };
}
