// Benchmark (not a test): what the preload hints of dist/candor-preload.html save a first visit
// that waits for a chunk (a page with AI notices; a German page), on the bench's "mobile"
// profile (CPU 4x slower, 150 ms round trip, 1.6 Mbit/s down). Reports medians; asserts nothing.
//   npm run build && node bench/preload.mjs [--runs=N]
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.mjs';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 11);
const hints = readFileSync(join(DIST, 'candor-preload.html'), 'utf8');
const hint = (chunk) => hints.split('\n').find((l) => l.startsWith('<link') && l.includes(`/candor-${chunk}.js"`));
const page = (lang, config, head) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><script>window.t0 = performance.now()</script>${head}` +
  `<script type="application/json" id="candor-config">${JSON.stringify(config)}</script><script defer src="/candor/candor.js"></script></head>` +
  '<body><main><h1>Shop</h1><p>Products, prices and a basket.</p><div id="chat">Ask our assistant</div></main></body></html>';
const CASES = {
  'AI notices (en)': ['en', { policyUrl: '/privacy', ai: { chatSelector: '#chat' } }, 'ai'],
  'German page': ['de', { policyUrl: '/privacy' }, 'i18n-de'],
};
const pages = new Map();
for (const [name, [lang, config, chunk]] of Object.entries(CASES)) {
  pages.set(`${name}|without`, page(lang, config, ''));
  pages.set(`${name}|with`, page(lang, config, hint(chunk)));
}
const keys = [...pages.keys()];
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const html = pages.get(path.slice(1));
  if (html) return void res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(html);
  if (path.startsWith('/candor/')) {
    try {
      const body = gzipSync(readFileSync(join(DIST, path.slice(8))), { level: 9 });
      return void res.writeHead(200, { 'content-type': 'text/javascript', 'content-encoding': 'gzip', 'cache-control': 'public, max-age=31536000' }).end(body);
    } catch {}
  }
  res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://localhost:${server.address().port}`;
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
const times = new Map(keys.map((k) => [k, []]));
for (let run = 0; run < RUNS; run++) {
  for (const key of keys) {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
    const p = await context.newPage();
    const cdp = await context.newCDPSession(p);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await p.goto(`${origin}/${encodeURIComponent(key)}`);
    // Until the banner's Accept button is painted with its final layer (the AI section or the
    // translation is part of the first render).
    const ms = await p.evaluate(
      () =>
        new Promise((resolve) => {
          const tick = () => {
            const b = document.querySelector('[data-candor-host]')?.shadowRoot?.querySelector('[data-candor-action="accept"]');
            if (b && b.getBoundingClientRect().height > 0) return resolve(performance.now() - window.t0);
            requestAnimationFrame(tick);
          };
          tick();
        }),
    );
    times.get(key).push(ms);
    await context.close();
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`First visit, "mobile" profile, Chromium ${browser.version()}, median of ${RUNS}: first script → banner buttons painted (ms)`);
for (const name of Object.keys(CASES)) {
  const without = median(times.get(`${name}|without`));
  const withHint = median(times.get(`${name}|with`));
  console.log(`${name.padEnd(18)} without hint ${without.toFixed(0).padStart(5)}   with hint ${withHint.toFixed(0).padStart(5)}   saved ${(without - withHint).toFixed(0)}`);
}
await browser.close();
server.close();
