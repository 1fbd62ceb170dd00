/** Chunk entry: the preference center and its styles (see registry.ts). */
export { default as css } from '../../styles/preferences.css?inline';
export { Preferences } from '../ui/preferences';
