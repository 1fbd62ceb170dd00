/** Chunk entry: the nl texts and the code that applies them (see registry.ts). */
export { nl as texts } from '../i18n/nl';
export { applyTranslation } from '../i18n/localize';
