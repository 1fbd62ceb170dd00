/** Chunk entry: cookie and storage removal on withdrawal (see registry.ts). */
export { deleteCookies, deleteStorageKeys, openStorage } from '../enforce/delete-storage';
export { compilePatterns } from '../enforce/patterns';
export { removalPatterns } from '../config/default-categories';
