import type { TestProject } from 'vitest/node';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.mjs';
import { existsSync } from 'node:fs';

declare module 'vitest' {
  export interface ProvidedContext {
    wsEndpoint: string;
  }
}

/** One Chromium for the whole browser run; each test gets its own context (fresh cookies). */
export default async function setup(project: TestProject) {
  if (!existsSync('dist/candor.js')) throw new Error('dist/candor.js is missing: run `npm run build` first (npm test does).');
  const server = await chromium.launchServer({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
  project.provide('wsEndpoint', server.wsEndpoint());
  return async () => {
    await server.close();
  };
}
