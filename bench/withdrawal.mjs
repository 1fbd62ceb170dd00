// Benchmark (not a test): how long `Candor.withdraw()` takes in Chromium with many cookies
// and patterns (issue 4: 500 cookies, 100 patterns, target under 10 ms). Reports medians;
// asserts nothing, because wall time depends on the machine.
//   npm run build && node bench/withdrawal.mjs [--dist=DIR] [--runs=N]
//
// Measured over https (where the Cookie Store API exists: it is for secure contexts only, so
// that is what most sites get) and over http (document.cookie only). The certificate is the
// self-signed one the browser tests use (test/tls/), accepted by this browser context only.
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.mjs';

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const DIST = resolve(arg('dist') ?? new URL('../dist', import.meta.url).pathname);
const RUNS = Number(arg('runs') ?? 15);
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
const dist = async (name) => readFile(`${DIST}/${name}`).catch(() => null);
const handler = async (req, res) => {
  const file = /^\/dist\/(candor[\w-]*\.js)$/.exec(req.url ?? '')?.[1];
  const body = file ? await dist(file) : null;
  if (body) res.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
  else if (req.url?.startsWith('/a/b/')) res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  else res.writeHead(404).end();
};
const tls = (f) => readFileSync(new URL(`../test/tls/${f}`, import.meta.url));
const servers = [createHttpsServer({ cert: tls('example-test.crt'), key: tls('example-test.key') }, handler), createHttpServer(handler)];
await Promise.all(servers.map((s) => new Promise((r) => s.listen(0, '127.0.0.1', r))));
const url = (scheme, s) => `${scheme}://www.shop.example.test:${s.address().port}/a/b/page.html`;

const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Before Candor runs: wraps the cleanup chunk's exports as it arrives (it leaves them in
// `__candorChunk`, see src/chunks/fetch-chunk-script.ts), so the page knows when the removal
// has finished, promise included. Only this bench looks; Candor itself is unchanged.
const HOOK = () => {
  let chunk;
  const settled = { cookies: null, storage: null };
  const done = {};
  window.__removal = {
    reset() {
      done.cookies = new Promise((r) => (settled.cookies = r));
      done.storage = new Promise((r) => (settled.storage = r));
      // At most 3 s: a removal that never finishes is reported as cookies left.
      return Promise.race([Promise.all([done.cookies, done.storage]), new Promise((r) => setTimeout(r, 3000))]);
    },
  };
  Object.defineProperty(window, '__candorChunk', {
    configurable: true,
    get: () => chunk,
    set(v) {
      if (v && typeof v.deleteCookies === 'function') {
        const { deleteCookies, deleteStorageKeys } = v;
        v = {
          ...v,
          deleteCookies(...a) {
            const r = deleteCookies(...a);
            // Done at once if it returned, else when its promise settles.
            if (typeof r?.then === 'function') r.then(settled.cookies, settled.cookies);
            else settled.cookies?.();
            return r;
          },
          deleteStorageKeys(...a) {
            const r = deleteStorageKeys(...a);
            settled.storage?.();
            return r;
          },
        };
      }
      chunk = v;
    },
  });
};

async function measure(pageUrl, matching) {
  const total = [];
  const sync = [];
  let present = 0;
  let deleted = 0;
  let left = 0;
  let cookieStore = false;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    await context.addInitScript(HOOK);
    const p = await context.newPage();
    await p.goto(pageUrl);
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
        // Reading waits until the browser has stored every write above.
        const before = count();
        await new Promise((r) => setTimeout(r, 50));
        const removal = window.__removal.reset();
        // From withdraw() until the removal has finished (it runs once the chunk's promise
        // resolves, a microtask later, and may wait for the browser) and a read of
        // document.cookie, which waits for every pending cookie write, shows no matching
        // cookie: saving the record plus the removal.
        const t0 = performance.now();
        window.Candor.withdraw();
        const t1 = performance.now();
        await removal;
        const left = matchingLeft();
        const t2 = performance.now();
        return { total: t2 - t0, sync: t1 - t0, before, after: count(), left, cookieStore: typeof window.cookieStore === 'object' };
      },
      { n: COOKIES, matching },
    );
    total.push(r.total);
    sync.push(r.sync);
    present = r.before;
    deleted = r.before - r.after;
    left = Math.max(left, r.left);
    cookieStore = r.cookieStore;
    await context.close();
  }
  return { median: median(total), min: Math.min(...total), sync: median(sync), present, deleted, left, cookieStore };
}

console.log(`withdraw() in Chromium, ${patterns.length} custom patterns + the default analytics/marketing ones, ${RUNS} runs each, ${DIST}`);
for (const [scheme, server] of [['https', servers[0]], ['http', servers[1]]]) {
  const none = await measure(url(scheme, server), false);
  const half = await measure(url(scheme, server), true);
  console.log(`${scheme} (window.cookieStore ${none.cookieStore ? 'present' : 'absent'}):`);
  console.log(`  ${none.present} cookies present (Chromium keeps at most 180 per site), none matching: median ${none.median.toFixed(2)} ms (min ${none.min.toFixed(2)}; withdraw() itself ${none.sync.toFixed(2)})`);
  console.log(`  ${half.present} cookies present, ${half.deleted} matching and deleted:             median ${half.median.toFixed(2)} ms (min ${half.min.toFixed(2)}; withdraw() itself ${half.sync.toFixed(2)})${half.left ? `; ${half.left} MATCHING LEFT` : ''}`);
}
console.log('  (time from withdraw() until the removal has finished and no matching cookie is left, with the cleanup chunk already loaded;');
console.log('   "withdraw() itself": until it returns, the record saved and the banner asked for; the first line of each is the baseline)');

await browser.close();
for (const s of servers) s.close();
