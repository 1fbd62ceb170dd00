/** Chunk entry: the de texts and the code that applies them (see registry.ts). */
export { de as texts } from '../i18n/de';
export { applyTranslation } from '../i18n/localize';
