import { scriptPolicy } from '../util/trusted-types';
import { exposeRuntime } from './runtime';
import type { ScriptInfo } from './fetch-chunk';
import type { ChunkName, Chunks } from './registry';

export type { ScriptInfo };

declare const __CANDOR_CHUNKS__: Record<string, string>;

/**
 * Loads `candor-<name>.js` from the directory of candor.js itself (never another origin or
 * path), pinned by the Subresource Integrity hash baked in at build time: a page that pins
 * candor.js with `integrity` thereby pins its chunks too. The chunk is a classic script (so
 * `script-src 'self'` allows it) that leaves its exports in `__candorChunk`; a script's
 * `load` event fires right after it ran, before any other script can run, so reading the
 * global there is race-free. Candor's own nonce and crossorigin setting are passed on: this
 * is Candor's own code, not page markup. On a page that enforces Trusted Types the URL goes
 * through Candor's own policy (src/util/trusted-types.ts).
 */
export function fetchChunk<N extends ChunkName>(name: N, win: Window, script: ScriptInfo): Promise<Chunks[N]> {
  return new Promise((resolve, reject) => {
    if (!script.src) return reject(new Error('the URL of candor.js is unknown'));
    exposeRuntime(win);
    const doc = win.document;
    const el = doc.createElement('script');
    const url = new URL(`candor-${name}.js`, script.src).href;
    // Under Trusted Types a plain string throws here: the promise rejects with the browser's
    // reason, and the caller reports it.
    el.src = scriptPolicy(win)?.createScriptURL(url) ?? url;
    el.integrity = __CANDOR_CHUNKS__[name] ?? '';
    if (script.crossOrigin !== null) el.crossOrigin = script.crossOrigin;
    if (script.nonce) el.nonce = script.nonce;
    el.onload = () => {
      const w = win as unknown as { __candorChunk?: Chunks[N] };
      const mod = w.__candorChunk;
      w.__candorChunk = undefined;
      el.remove();
      if (mod) resolve(mod);
      else reject(new Error(`candor-${name}.js did not load`));
    };
    el.onerror = () => {
      el.remove();
      reject(new Error(`candor-${name}.js could not be loaded`));
    };
    (doc.head ?? doc.documentElement).appendChild(el);
  });
}
