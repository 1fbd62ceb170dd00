// Benchmark (not a test): how long `Candor.withdraw()` takes in Chromium with many cookies
// and patterns (issue 4: 500 cookies, 100 patterns, target under 10 ms). Reports medians;
// asserts nothing, because wall time depends on the machine.
//   npm run build && node bench/withdrawal.mjs
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.mjs';

const RUNS = 9;
const COOKIES = 500;
const patterns = [
  ...Array.from({ length: 40 }, (_, i) => `exact_${i}`),
  ...Array.from({ length: 40 }, (_, i) => `pre${i}_*`),
  ...Array.from({ length: 20 }, (_, i) => `/^re${i}_[a-z]+$/`),
];
const config = {
  policyUrl: '/privacy',
  categories: [{ id: 'necessary' }, { id: 'analytics' }, { id: 'marketing' }, { id: 'stats', cookies: patterns, storage: patterns }],
};
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script type="application/json" id="candor-config">${JSON.stringify(config)}</script>
<script src="/dist/candor.js"></script></head><body><main>bench</main></body></html>`;

// candor.js and its lazy chunks (the cleanup chunk does the removal).
const dist = async (name) => readFile(new URL(`../dist/${name}`, import.meta.url)).catch(() => null);
const server = createServer(async (req, res) => {
  const file = /^\/dist\/(candor[\w-]*\.js)$/.exec(req.url ?? '')?.[1];
  const body = file ? await dist(file) : null;
  if (body) res.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
  else if (req.url?.startsWith('/a/b/')) res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  else res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://www.shop.example.test:${server.address().port}/a/b/page.html`;

const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(matching) {
  const times = [];
  let present = 0;
  let deleted = 0;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto(url);
    const r = await p.evaluate(
      async ({ n, matching }) => {
        window.Candor.acceptAll();
        // The removal code is the cleanup chunk; opening the preference center with something
        // granted prefetches it. Wait for it, so the network is not what is measured.
        window.Candor.showPreferences();
        const loaded = () => performance.getEntriesByType('resource').some((e) => e.name.includes('candor-cleanup.js'));
        for (let i = 0; i < 500 && !loaded(); i++) await new Promise((r) => setTimeout(r, 10));
        await new Promise((r) => setTimeout(r, 50));
        window.Candor.hide();
        // Half the names match a pattern (exact, prefix or regex), half do not.
        for (let i = 0; i < n; i++) {
          const hit = matching && i % 2 === 0;
          const name = hit ? [`exact_${i % 40}`, `pre${i % 40}_x${i}`, `re${i % 20}_abc`][i % 3] : `keep_${i}`;
          const domain = i % 3 === 0 ? '; domain=example.test' : i % 3 === 1 ? '; domain=shop.example.test' : '';
          document.cookie = `${name}=${i}${domain}; path=/`;
        }
        const count = () => document.cookie.split(';').length;
        const matchingLeft = () => document.cookie.split('; ').filter((c) => /^(exact_|pre\d|re\d)/.test(c)).length;
        const before = count();
        // From withdraw() until no matching cookie is left (removal runs once the chunk's
        // promise resolves, a microtask later): saving the record plus the removal.
        const t0 = performance.now();
        window.Candor.withdraw();
        while (matchingLeft() > 0 && performance.now() - t0 < 3000) await Promise.resolve().then(() => new Promise((r) => setTimeout(r, 0)));
        const ms = performance.now() - t0;
        return { ms, before, after: count() };
      },
      { n: COOKIES, matching },
    );
    times.push(r.ms);
    present = r.before;
    deleted = r.before - r.after;
    await context.close();
  }
  return { median: median(times), min: Math.min(...times), present, deleted };
}

const none = await measure(false);
const half = await measure(true);
console.log(`withdraw() in Chromium, ${patterns.length} custom patterns + the default analytics/marketing ones, ${RUNS} runs each`);
console.log(`  ${none.present} cookies present (Chromium keeps at most 180 per site), none matching: median ${none.median.toFixed(2)} ms (min ${none.min.toFixed(2)})`);
console.log(`  ${half.present} cookies present, ${half.deleted} matching and deleted:             median ${half.median.toFixed(2)} ms (min ${half.min.toFixed(2)})`);
console.log('  (time from withdraw() until no matching cookie is left, with the cleanup chunk already loaded; the first line is the baseline)');

await browser.close();
server.close();
