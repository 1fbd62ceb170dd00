import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { cookieNames, newPage } from './harness';

/** Helpers shared by the demo-site tests (test/browser/demo-*.test.ts). */

/** Init scripts that make the browser send a privacy signal, as privacy-signals.test.ts does. */
export const DNT = `Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1', configurable: true });`;
export const GPC = `Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });`;

/** A fresh context whose pages run `script` before anything else. */
export async function newPageWith(script: string) {
  const p = await newPage();
  await p.context.addInitScript(script);
  return p;
}

export { cookieNames };

/** localStorage keys of the page, sorted. */
export const storageKeys = (page: Page) => page.evaluate(() => Object.keys(localStorage).sort());

/** How often the demo's stand-in analytics / ads scripts ran on this page view. */
export const analyticsRuns = (page: Page) => page.evaluate(() => (window as unknown as { demoAnalytics?: { runs: number } }).demoAnalytics?.runs ?? 0);
export const adsRuns = (page: Page) => page.evaluate(() => (window as unknown as { demoAds?: { runs: number } }).demoAds?.runs ?? 0);

/** The Google Consent Mode commands Candor queued, as `[command, state]`. */
export const consentCommands = (page: Page) =>
  page.evaluate(() =>
    ((window as unknown as { dataLayer?: IArguments[] }).dataLayer ?? [])
      .filter((a) => a[0] === 'consent')
      .map((a) => [a[1] as string, a[2] as Record<string, string>] as const),
  );

/** Candor's own `[candor]` console errors: a demo config must produce none. */
export const candorErrors = (lines: { type: string; text: string }[]) => lines.filter((l) => l.type === 'error' && l.text.includes('[candor]'));

/** Opens the demo chat widget in `box` and returns the locator of Candor's notice inside its panel. */
export async function openChat(page: Page, box: string) {
  await page.locator(`${box} .chat-open`).click();
  const notice = page.locator(`${box} .ai-chat > candor-ai-notice [data-candor="ai-notice"]`);
  await notice.waitFor();
  return notice;
}

/** Waits until the page's load event and a settle for gated scripts inserted by Candor. */
export async function settled(page: Page) {
  await page.waitForLoadState('load');
  await page.waitForTimeout(150);
}

/** Asserts every cookie present is one the config declares essential (the policy's promise). */
export async function expectOnlyEssential(context: BrowserContext, essential: string[]) {
  const names = await cookieNames(context);
  expect(names.filter((n) => !essential.includes(n))).toEqual([]);
}
