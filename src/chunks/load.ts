import { fetchChunk, type ScriptInfo } from './fetch-chunk';
import type { ChunkName, Chunks } from './registry';

/** Loads each chunk at most once per page view; every caller shares the same promise. */
export function createChunkLoader(win: Window, script: ScriptInfo) {
  const cache = new Map<ChunkName, Promise<unknown>>();
  return <N extends ChunkName>(name: N): Promise<Chunks[N]> => {
    let p = cache.get(name) as Promise<Chunks[N]> | undefined;
    if (!p) {
      p = fetchChunk(name, win, script);
      // A failed load may be retried on the next need (a flaky network, not a broken file).
      p.catch(() => cache.delete(name));
      cache.set(name, p);
    }
    return p;
  };
}
