import { clone, parseConfig } from './parse';
import { isPlainObject } from './schema';
import { type LanguageHints, type ResolvedConfig, resolveConfig } from './resolve';

/** The places a script-tag install can put config (SPEC §2), already read from the page. */
export interface ConfigSources {
  /** `window.CandorConfig` */
  global?: unknown;
  /** text of `<script type="application/json" id="candor-config">` */
  json?: string | null;
  /** `data-*` attributes of Candor's own `<script>` tag */
  dataset?: Record<string, string | undefined>;
}

/** A validated config and every problem found while reading it. */
export interface ConfigResult {
  config: ResolvedConfig;
  errors: string[];
}

/**
 * Later wins, key by key; nested objects merge, arrays and scalars replace. Inputs are copies
 * (see `clone`). The result has no prototype, so a `__proto__` key is an own key, validated
 * (and refused) like any other, and an absent key never reads as an inherited one.
 */
export function mergeConfig(...layers: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const layer of layers) {
    if (!isPlainObject(layer)) continue;
    for (const key of Object.keys(layer)) {
      const next = layer[key];
      const prev = out[key];
      out[key] = isPlainObject(prev) && isPlainObject(next) ? mergeConfig(prev, next) : next;
    }
  }
  return out;
}


/** The `data-*` attributes of Candor's tag that configure it (SPEC §2), by `dataset` name. */
export const DATA_KEYS = ['policyUrl', 'revision', 'lang', 'theme', 'position', 'aiNotice'] as const;

/** Maps the script tag's `data-*` attributes (SPEC §2) onto config keys. */
export function configFromDataset(data: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (data.policyUrl !== undefined) out.policyUrl = data.policyUrl;
  if (data.revision !== undefined) out.revision = data.revision;
  if (data.lang !== undefined) out.lang = data.lang;
  const ui: Record<string, unknown> = {};
  if (data.theme !== undefined) ui.theme = data.theme;
  if (data.position !== undefined) ui.position = data.position;
  if (Object.keys(ui).length) out.ui = ui;
  // Compared, not looked up in a map: `data-ai-notice="constructor"` must not find Object (issue 7).
  const notice = data.aiNotice;
  if (notice !== undefined) out.ai = { notice: notice === 'true' || (notice !== 'false' && notice) };
  return out;
}

/**
 * Reads, merges, validates and resolves config from every source. Never throws: problems
 * come back as lines for the single `[candor]` console.error.
 */
export function readConfig(sources: ConfigSources, hints: LanguageHints = {}): ConfigResult {
  try {
    return readAll(sources, hints);
  } catch {
    // Only a hostile object gets here (a revoked Proxy as window.CandorConfig): fail closed.
    return { config: resolveConfig({}, hints, true), errors: ['(config): could not be read'] };
  }
}

function readAll(sources: ConfigSources, hints: LanguageHints): ConfigResult {
  const errors: string[] = [];
  let fromJson: unknown;
  if (sources.json != null && sources.json.trim() !== '') {
    try {
      fromJson = JSON.parse(sources.json);
      if (!isPlainObject(fromJson)) {
        errors.push('#candor-config: must contain a JSON object');
        fromJson = undefined;
      }
    } catch (e) {
      errors.push(`#candor-config: is not valid JSON (${(e as Error).message})`);
    }
  }
  if (sources.global !== undefined && !isPlainObject(sources.global)) {
    errors.push('window.CandorConfig: must be an object');
  }
  let global: unknown;
  try {
    // Copied first: the page's object may have getters that throw, or change later.
    global = clone(sources.global, errors, ['window.CandorConfig']);
  } catch {
    errors.push('window.CandorConfig: could not be read');
  }
  const merged = mergeConfig(global, fromJson, configFromDataset(sources.dataset ?? {}));
  const parsed = parseConfig(merged);
  errors.push(...parsed.errors);
  if (parsed.value.policyUrl === undefined && !errors.some((e) => e.startsWith('policyUrl:') || e.startsWith('(config):'))) {
    errors.push('policyUrl: is required (the address of your privacy policy)');
  }
  return { config: resolveConfig(parsed.value, hints, errors.length > 0), errors };
}
