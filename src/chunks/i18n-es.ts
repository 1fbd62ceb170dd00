/** Chunk entry: the es texts and the code that applies them (see registry.ts). */
export { es as texts } from '../i18n/es';
export { applyTranslation } from '../i18n/localize';
