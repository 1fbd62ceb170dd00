// `node bench/code-cache.mjs`: checks what the bench's "later page views" row stands on.
// For Candor and vanilla-cookieconsent, in one browser context each, as bench/run.mjs does:
// a first visit, Accept, then the return visit (`?return`, the script's second load) and a
// later page view (`?return&later`, the third), each traced. Prints, per load, whether
// Chromium wrote the script's code cache (`v8.produceCache`) and the main-thread compile
// event's data, which on a load served from the code cache says `consumedCacheSize`.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.mjs';
import { page as buildPage, WIDGETS } from './widgets.mjs';
const ROOT = join(import.meta.dirname, '..');
const dirs = { '/w/candor/': join(ROOT, 'dist'), '/w/vcc/': join(ROOT, 'node_modules/vanilla-cookieconsent/dist') };
const server = createServer((req, res) => {
  const p = new URL(req.url, 'http://x').pathname;
  const m = /^\/(candor|vcc)\/basic\.html$/.exec(p);
  if (m) return void res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(buildPage(m[1], 'basic'));
  const d = Object.keys(dirs).find((k) => p.startsWith(k));
  let body; try { body = gzipSync(readFileSync(join(dirs[d], p.slice(d.length)))); } catch { return void res.writeHead(404).end(); }
  res.writeHead(200, { 'content-type': p.endsWith('.css') ? 'text/css' : 'text/javascript', 'cache-control': 'public, max-age=31536000', 'content-encoding': 'gzip' }).end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://localhost:${server.address().port}`;
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
for (const id of ['candor', 'vcc']) {
  const context = await browser.newContext(); const page = await context.newPage();
  await page.goto(`${origin}/${id}/basic.html`); await page.waitForTimeout(300);
  await page.evaluate(WIDGETS[id].acceptAll); await page.waitForTimeout(300);
  for (const q of ['?return', '?return&later']) {
    await browser.startTracing(page, { categories: ['v8', 'devtools.timeline', 'disabled-by-default-v8.compile', 'loading'] });
    await page.goto(`${origin}/${id}/basic.html${q}`); await page.waitForTimeout(300);
    const { traceEvents: ev } = JSON.parse((await browser.stopTracing()).toString());
    const names = {};
    for (const e of ev) if (/[Cc]ache|[Dd]eserial|consume/.test(e.name) && /candor|cookieconsent/.test(JSON.stringify(e.args ?? {}))) names[e.name] = (names[e.name] ?? 0) + 1;
    const compile = ev.find((e) => e.name === 'v8.compile' && /candor\.js|cookieconsent/.test(e.args?.data?.url ?? ''))?.args.data ?? {};
    console.log(`${id.padEnd(6)} ${q.padEnd(14)} code cache written: ${names['v8.produceCache'] ? 'yes' : 'no '}  read: ${compile.consumedCacheSize ? `${compile.consumedCacheSize} B${compile.cacheRejected ? ' (rejected)' : ''}` : 'no'}`);
  }
  await context.close();
}
await browser.close(); server.close();
