import type { startAi } from '../ai/start-ai';
import type { compilePatterns } from '../enforce/patterns';
import type { deleteCookies, deleteStorageKeys } from '../enforce/delete-storage';

/**
 * The parts of Candor that most page views never run, loaded only when needed (SPEC §1:
 * "it may load its own lazy chunks … from its own directory and nowhere else"):
 * - `ai`: the Art. 50 notices and labels, only on pages whose config has `ai`;
 * - `cleanup`: cookie and storage removal, only when a category is withdrawn.
 */
export interface Chunks {
  ai: { startAi: typeof startAi };
  cleanup: { compilePatterns: typeof compilePatterns; deleteCookies: typeof deleteCookies; deleteStorageKeys: typeof deleteStorageKeys };
}
export type ChunkName = keyof Chunks;
