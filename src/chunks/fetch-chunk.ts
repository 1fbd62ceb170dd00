import type { ChunkName, Chunks } from './registry';

/**
 * Loads a chunk as an ES module: for the ESM build (the bundler splits it) and for unit
 * tests. The script-tag build replaces this file with fetch-chunk-script.ts (vite.config.ts).
 */
export function fetchChunk<N extends ChunkName>(name: N, _win: Window, _script: ScriptInfo): Promise<Chunks[N]> {
  const importers: { [K in ChunkName]: () => Promise<Chunks[K]> } = {
    ai: () => import('./ai'),
    prefs: () => import('./prefs'),
    'i18n-de': () => import('./i18n-de'),
    'i18n-fr': () => import('./i18n-fr'),
    'i18n-nl': () => import('./i18n-nl'),
    'i18n-es': () => import('./i18n-es'),
    'i18n-it': () => import('./i18n-it'),
    cleanup: () => import('./cleanup'),
  };
  return importers[name]() as Promise<Chunks[N]>;
}

/** What Candor knows about its own `<script>` tag, read while it ran. */
export interface ScriptInfo {
  src: string | null;
  nonce: string;
  crossOrigin: string | null;
}
