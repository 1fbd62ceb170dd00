import { rt } from './rt';

/** Inside a chunk: the link check from candor.js (src/util/url.ts), not a second copy. */
export const { isSafeUrl } = rt;
