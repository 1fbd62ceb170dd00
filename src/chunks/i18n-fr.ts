/** Chunk entry: the fr texts and the code that applies them (see registry.ts). */
export { fr as texts } from '../i18n/fr';
export { applyTranslation } from '../i18n/localize';
