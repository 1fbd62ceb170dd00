import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, sitePage, TestServer, ui } from './harness';

/**
 * The size budget (issue 8) is checked by `size-limit` in `npm test` against the files listed
 * in .size-limit.json. This test keeps that list honest: it loads a first visit of an English
 * page in Chromium and checks that the files Candor actually fetches are exactly the listed
 * ones (so a new lazy chunk cannot slip past the budget) and that their gzip total is within
 * it; then it opens the preference center and checks that exactly its chunk is added.
 */
const ROOT = join(import.meta.dirname, '../..');
const checks = JSON.parse(readFileSync(join(ROOT, '.size-limit.json'), 'utf8')) as { path: string | string[]; limit: string; gzip?: boolean }[];
const files = (check: { path: string | string[] }) => ([] as string[]).concat(check.path).map((p) => `/${p.replace(/^\.?\//, '')}`).sort();
const limitOf = (check: { limit: string }) => Number(/^(\d+) B$/.exec(check.limit)?.[1]);
const firstVisit = checks[0]!;
const withPreferences = checks[1]!;
const listed = files(firstVisit);
const limit = limitOf(firstVisit);

let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(() => server?.close());

describe('size budget: everything a first English visit loads', () => {
  it('is configured as a gzip budget of at most 28,000 bytes', () => {
    expect(firstVisit.gzip).toBe(true);
    expect(limit).toBeGreaterThan(0);
    expect(limit).toBeLessThanOrEqual(28_000);
  });

  it('fetches exactly the files .size-limit.json lists, and they fit the budget', async () => {
    const url = server.page('/size-budget.html', sitePage({ config: { policyUrl: '/privacy' }, lang: 'en' }));
    const { page, context, pageErrors } = await newPage({ locale: 'en-US' });
    const fetched = new Set<string>();
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname !== '/size-budget.html') fetched.add(u.pathname);
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    await expect(page.locator(ui.action('accept')).isVisible()).resolves.toBe(true);
    await page.waitForLoadState('networkidle');

    // What every first visit pays: the budget.
    expect([...fetched].sort()).toEqual(listed);
    const gzipBytes = listed.reduce((sum, p) => sum + gzipSync(readFileSync(join(ROOT, p)), { level: 9 }).length, 0);
    expect(gzipBytes).toBeLessThanOrEqual(limit);

    // A visitor who opens the preference center fetches exactly its chunk, within its own budget.
    await page.locator(ui.action('customize')).click();
    await page.locator(ui.preferences).waitFor();
    await page.waitForLoadState('networkidle');
    expect([...fetched].sort()).toEqual(files(withPreferences));
    const withPrefsBytes = files(withPreferences).reduce((sum, p) => sum + gzipSync(readFileSync(join(ROOT, p)), { level: 9 }).length, 0);
    expect(withPrefsBytes).toBeLessThanOrEqual(limitOf(withPreferences));
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
