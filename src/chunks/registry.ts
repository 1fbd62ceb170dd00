import type { startAi } from '../ai/start-ai';
import type { AiSection } from '../ui/ai-section';
import type { Preferences } from '../ui/preferences';
import type { compilePatterns } from '../enforce/patterns';
import type { deleteCookies, deleteStorageKeys } from '../enforce/delete-storage';
import type { removalPatterns } from '../config/default-categories';

/**
 * The parts of Candor that most page views never run, loaded only when needed (SPEC §1:
 * "it may load its own lazy chunks … from its own directory and nowhere else"):
 * - `ai`: the Art. 50 notices and labels, only on pages whose config has `ai`;
 * - `cleanup`: cookie and storage removal, only when a category is withdrawn;
 * - `prefs`: the preference center, only when a visitor opens it (prefetched when the pointer
 *   or focus reaches a control that opens it).
 */
export interface Chunks {
  prefs: { Preferences: typeof Preferences; css: string };
  ai: { startAi: typeof startAi; AiSection: typeof AiSection };
  cleanup: { removalPatterns: typeof removalPatterns; compilePatterns: typeof compilePatterns; deleteCookies: typeof deleteCookies; deleteStorageKeys: typeof deleteStorageKeys };
}
export type ChunkName = keyof Chunks;
