/** Chunk entry: the it texts and the code that applies them (see registry.ts). */
export { it as texts } from '../i18n/it';
export { applyTranslation } from '../i18n/localize';
