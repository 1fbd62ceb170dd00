import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, TestServer, ui } from './harness';
import { analyticsRuns, candorErrors, cookieNames, settled, storageKeys } from './demo-helpers';

// AiMarketing's privacy policy: consent where the law requires it, AI-generated content.
const PAGE = '/demo/sites/aimarketing/index.html';
let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(() => server?.close());

/** A visitor who accepted all and picked a language, which the page then stored. */
async function acceptedWithLanguage() {
  const opened = await newPage();
  const { page } = opened;
  await page.goto(server.url(PAGE));
  await page.locator(ui.action('accept')).click();
  await expect.poll(() => analyticsRuns(page)).toBe(1);
  await page.locator('#ui-lang').selectOption('lv');
  expect(await storageKeys(page)).toEqual(['am_ui_lang']);
  return opened;
}

describe('AiMarketing demo site', () => {
  it('labels AI-generated and AI-modified posts, and leaves posts a person wrote alone', async () => {
    const { page, context, console: lines } = await newPage();
    await page.goto(server.url(PAGE));
    const labels = page.locator('article [data-candor="ai-label"]');
    await labels.first().waitFor();
    await expect(labels.count()).resolves.toBe(2);
    await expect(page.locator('article[data-ai-generated=""] [data-candor="ai-label"]').getAttribute('aria-label')).resolves.toBe('AI-generated');
    await expect(page.locator('article[data-ai-generated="assisted"] [data-candor="ai-label"]').getAttribute('aria-label')).resolves.toBe('AI-modified');
    // The banner's first layer also says the site uses AI content.
    await expect(page.locator(`${ui.banner} [data-candor="ai-section"]`).innerText()).resolves.toContain('labelled where it appears');
    expect(candorErrors(lines)).toEqual([]);
    await context.close();
  });

  it('nothing optional before consent; Reject all keeps analytics and the language and time zone memory off', async () => {
    const { page, context } = await newPage();
    await page.goto(server.url(PAGE));
    await page.locator(ui.banner).waitFor();
    await settled(page);
    expect(await analyticsRuns(page)).toBe(0);
    expect(await cookieNames(context)).toEqual([]);
    await page.locator(ui.action('reject')).click();
    await page.locator('#ui-lang').selectOption('lv');
    await expect(page.locator('#ui-lang-status').innerText()).resolves.toContain('this visit only');
    await page.locator('#ui-tz').selectOption('Europe/London');
    await expect(page.locator('#ui-tz-status').innerText()).resolves.toContain('this visit only');
    expect(await storageKeys(page)).toEqual([]);
    await page.reload();
    await settled(page);
    expect(await analyticsRuns(page)).toBe(0);
    expect(await cookieNames(context)).toEqual(['candor_consent']);
    await context.close();
  });

  it('with consent the language and time zone are remembered and analytics runs; withdrawal deletes them all', async () => {
    const { page, context } = await acceptedWithLanguage();
    await page.locator('#ui-tz').selectOption('Europe/London');
    expect(await storageKeys(page)).toEqual(['am_ui_lang', 'am_ui_tz']);
    expect((await cookieNames(context)).filter((n) => n.startsWith('_pk_'))).toHaveLength(2);
    await page.reload();
    await expect(page.locator('#ui-lang').inputValue()).resolves.toBe('lv');
    await expect(page.locator('#ui-tz').inputValue()).resolves.toBe('Europe/London');

    await page.evaluate(() => window.Candor!.withdraw());
    // Removal code is the cleanup chunk, fetched on the first withdrawal.
    await expect.poll(() => storageKeys(page)).toEqual([]);
    await expect.poll(() => cookieNames(context)).toEqual(['candor_consent']);
    await page.locator(ui.banner).waitFor();
    await context.close();
  });

  it('the footer link withdraws in one click, as Accept all took one: everything optional deleted, and not asked again', async () => {
    const { page, context } = await acceptedWithLanguage();
    await page.locator('footer [data-candor-reject-all]').click();
    await expect.poll(() => storageKeys(page)).toEqual([]);
    await expect.poll(() => cookieNames(context)).toEqual(['candor_consent']);
    expect(await page.evaluate(() => window.Candor!.getConsent().categories)).toMatchObject({ preferences: false, analytics: false });
    await page.reload();
    await settled(page);
    expect(await page.locator(ui.banner).count()).toBe(0);
    expect(await analyticsRuns(page)).toBe(0);
    await context.close();
  });
});
