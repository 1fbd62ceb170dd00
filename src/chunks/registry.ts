import type { startAi } from '../ai/start-ai';
import type { AiSection } from '../ui/ai-section';
import type { Preferences } from '../ui/preferences';
import type { Texts } from '../i18n/en';
import type { applyTranslation } from '../i18n/localize';
import type { compilePatterns } from '../enforce/patterns';
import type { deleteCookies, deleteStorageKeys, openStorage } from '../enforce/delete-storage';
import type { removalPatterns } from '../config/default-categories';

/**
 * The parts of Candor that most page views never run, loaded only when needed (SPEC §1:
 * "it may load its own lazy chunks … from its own directory and nowhere else"):
 * - `i18n-<lang>`: a built-in language other than English, only on pages in that language
 *   (the banner waits for it, so it never flashes English);
 * - `ai`: the Art. 50 notices and labels, only on pages whose config has `ai`;
 * - `cleanup`: cookie and storage removal, only when a category is withdrawn;
 * - `prefs`: the preference center, only when a visitor opens it (prefetched when the pointer
 *   or focus reaches a control that opens it).
 */
/** A built-in language other than English: its texts and the code that applies them. */
export interface LanguageChunk {
  /** (in candor-i18n-<lang>.js, the strings in the order of the English keys: see scripts/i18n-values.mjs) */
  texts: Partial<Texts> | readonly string[];
  applyTranslation: typeof applyTranslation;
}

export interface Chunks {
  'i18n-de': LanguageChunk;
  'i18n-fr': LanguageChunk;
  'i18n-nl': LanguageChunk;
  'i18n-es': LanguageChunk;
  'i18n-it': LanguageChunk;
  prefs: { Preferences: typeof Preferences; css: string };
  ai: { startAi: typeof startAi; AiSection: typeof AiSection };
  cleanup: {
    removalPatterns: typeof removalPatterns;
    compilePatterns: typeof compilePatterns;
    deleteCookies: typeof deleteCookies;
    deleteStorageKeys: typeof deleteStorageKeys;
    openStorage: typeof openStorage;
  };
}
export type ChunkName = keyof Chunks;
