// `npm run screenshots:demo`: photographs the demo in Chromium for the README: the OmniOps
// page (banner + AI chat notice) and the configurator (form, live preview, snippet).
import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

const ROOT = normalize(join(import.meta.dirname, '..'));
const OUT = join(ROOT, 'docs/screenshots');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const file = normalize(join(ROOT, path));
  if (!file.startsWith(ROOT) || !(path.startsWith('/demo/') || path.startsWith('/dist/'))) return res.writeHead(204).end();
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://localhost:${server.address().port}`;

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1, colorScheme: 'light' });
  const page = await ctx.newPage();
  await page.goto(`${base}/demo/sites/omniops/index.html`);
  await page.locator('[data-candor="banner"]').waitFor();
  await page.locator('#support .chat-open').click();
  await page.locator('#support candor-ai-notice [data-candor="ai-notice"]').waitFor();
  await page.locator('#try').scrollIntoViewIfNeeded();
  // The heading just above the fold's top, so the whole chat notice shows above the banner.
  await page.evaluate(() => window.scrollBy(0, -16));
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(OUT, 'demo.png') });

  await page.goto(`${base}/demo/configurator.html`);
  await page.frameLocator('#preview').locator('[data-candor="banner"]').waitFor();
  await page.locator('#ai-on').check();
  await page.locator('#chatSelector').fill('#chat');
  await page.locator('#providers').fill('OpenAI, Mistral AI');
  await page.locator('#policyUrl').fill('javascript:alert(1)');
  await page.locator('[data-path="policyUrl"] .field-error').waitFor();
  await page.locator('#policyUrl').blur();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(OUT, 'configurator.png') });
  await ctx.close();
} finally {
  await browser.close();
  server.close();
}
console.log(`wrote ${OUT}/demo.png and ${OUT}/configurator.png`);
