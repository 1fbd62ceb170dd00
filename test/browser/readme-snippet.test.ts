import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentCookie, newPage, TestServer, ui } from './harness';

/**
 * README's "Paste this", exactly as written there (read from README.md, so the two cannot
 * drift apart), with `defer`: only the directory is changed to where the test server keeps
 * the contents of dist/.
 */
const README = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const snippet = /## Paste this\s+```html\n([\s\S]*?)```/.exec(README)?.[1] ?? '';

let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(() => server?.close());

describe('the README snippet', () => {
  it('is a config element and a deferred script tag', () => {
    expect(snippet).toContain('id="candor-config"');
    expect(snippet).toMatch(/<script src="\/candor\/candor\.js" defer><\/script>/);
  });

  it('on a blank page: banner, Accept all, reload, Candor.getConsent() shows the stored choice', async () => {
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
${snippet.replace('/candor/candor.js', '/dist/candor.js')}</head><body><h1>Shop</h1></body></html>`;
    const url = server.page('/readme-defer.html', html);
    const { page, context, pageErrors, console: lines } = await newPage();
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(new URL(r.url()).pathname);
    });
    await page.goto(url);
    await page.locator(ui.banner).waitFor();
    await page.locator(ui.action('accept')).click();
    await expect(page.locator(ui.banner).count()).resolves.toBe(0);
    const chosen = await page.evaluate(() => window.Candor!.getConsent());

    await page.reload();
    await page.waitForFunction(() => window.Candor !== undefined);
    const stored = await page.evaluate(() => window.Candor!.getConsent());
    expect(stored).toEqual(chosen);
    expect(stored).toMatchObject({ given: true, source: 'banner', categories: { necessary: true, preferences: true, analytics: true, marketing: true } });
    expect((await consentCookie(context))!.record).toMatchObject({ id: chosen.id, s: 'banner' });
    await expect(page.locator(ui.banner).count()).resolves.toBe(0);
    await expect(page.locator(ui.fab).isVisible()).resolves.toBe(true);
    expect(lines.filter((l) => l.text.startsWith('[candor]'))).toEqual([]);
    // every file Candor needed was there (the browser's own favicon request is not ours)
    expect(failed.filter((p) => p !== '/favicon.ico')).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
