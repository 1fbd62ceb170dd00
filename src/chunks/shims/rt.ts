import type { Runtime } from '../runtime';

/** Inside a chunk: the runtime candor.js exposed before loading it (see runtime.ts). */
export const rt = (globalThis as unknown as { __candorRt: Runtime }).__candorRt;
