// Benchmark (not a test): what a withdrawal costs the page in Chromium with many cookies and
// patterns (issue 4: 500 cookies, 100 patterns, target under 10 ms of the page's time).
// Reports medians; asserts nothing, because times depend on the machine.
//   npm run build && node bench/withdrawal.mjs [--dist=DIR] [--runs=N] [--schemes=https,http]
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
const SCHEMES = (arg('schemes') ?? 'https,http').split(',');
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

/**
 * Main-thread time from withdraw() until the removal has finished: the page's tasks on the
 * renderer main thread (clipped to the two marks, overlaps merged), which is what a
 * visitor feels as jank; the browser's cookie store does its part in another process.
 * A task's microtasks count too: Blink runs the checkpoint after a task (a mojo reply such as
 * `cookieStore.getAll()`'s answer) as a toplevel event of its own beside the task, not inside
 * it, and the code after an `await` of that answer (the deletions) runs there.
 */
function mainThreadBusy(events) {
  const mark = (name) => events.find((e) => e.name === name && e.cat.includes('blink.user_timing'));
  const start = mark('withdraw-start');
  const end = mark('withdraw-end');
  if (!start || !end) throw new Error('trace without the withdrawal marks');
  const main = events.find((e) => e.name === 'thread_name' && e.pid === start.pid && e.args?.name === 'CrRendererMain');
  const tasks = events
    .filter((e) => e.ph === 'X' && e.pid === start.pid && e.tid === main?.tid && /RunTask$|^BlinkScheduler_PerformMicrotaskCheckpoint$/.test(e.name))
    .map((e) => [Math.max(e.ts, start.ts), Math.min(e.ts + e.dur, end.ts)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let sum = 0;
  let reach = -Infinity;
  for (const [a, b] of tasks) {
    if (b <= reach) continue;
    sum += b - Math.max(a, reach);
    reach = b;
  }
  return sum / 1000;
}

async function measure(pageUrl, matching, action) {
  const total = [];
  const sync = [];
  const busy = [];
  let present = 0;
  let deleted = 0;
  let left = 0;
  let cookieStore = false;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    await context.addInitScript(HOOK);
    const p = await context.newPage();
    await p.goto(pageUrl);
    await browser.startTracing(p, { categories: ['toplevel', 'blink.user_timing'] });
    const r = await p.evaluate(
      async ({ n, matching, action }) => {
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
        const matchingBefore = matchingLeft();
        // The same removal by hand, with the same browser calls and nothing else (no record,
        // no events, no Consent Mode, a name test that knows the answer): the floor the
        // browser sets, measured like Candor.
        const byHand = async () => {
          const X = '=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT';
          const hit = (name) => /^(exact_|pre\d|re\d)/.test(name);
          const names = new Set(document.cookie.split('; ').map((c) => c.slice(0, c.indexOf('='))).filter(hit));
          if (names.size && window.cookieStore) {
            for (const c of await window.cookieStore.getAll()) {
              if (names.has(c.name)) document.cookie = `${c.name}${X}${c.domain ? `; Domain=${c.domain}` : ''}; Path=${c.path}; Secure`;
            }
          } else if (names.size) {
            // Without a list: Path=/ on each domain variant, then (once the browser has stored
            // those writes, so that the read does not wait for them) a read for what is left.
            for (const name of names) for (const d of ['', '; Domain=www.shop.example.test', '; Domain=shop.example.test', '; Domain=example.test']) document.cookie = `${name}${X}${d}; Path=/`;
            await new Promise((r) => setTimeout(r, 40));
            void document.cookie;
          }
          for (const s of [localStorage, sessionStorage]) {
            const keys = [];
            for (let i = 0; i < s.length; i++) keys.push(s.key(i));
            for (const k of keys) if (hit(k)) s.removeItem(k);
          }
        };
        // A visitor withdraws long after the cookies were set: let the browser settle.
        await new Promise((r) => setTimeout(r, 300));
        const removal = window.__removal.reset();
        // From withdraw() until the removal has finished (it runs once the chunk's promise
        // resolves, a microtask later, and may wait for the browser) and a read of
        // document.cookie, which waits for every pending cookie write, shows no matching
        // cookie: saving the record plus the removal.
        performance.mark('withdraw-start');
        const t0 = performance.now();
        let done = removal;
        if (action === 'withdraw') window.Candor.withdraw();
        else if (action === 'revoke') window.Candor.setConsent({ analytics: false, marketing: false, stats: false });
        else done = byHand();
        const t1 = performance.now();
        await done;
        performance.mark('withdraw-end');
        const left = matchingLeft();
        const t2 = performance.now();
        return { total: t2 - t0, sync: t1 - t0, before, matchingBefore, left, cookieStore: typeof window.cookieStore === 'object' };
      },
      { n: COOKIES, matching, action },
    );
    busy.push(mainThreadBusy(JSON.parse((await browser.stopTracing()).toString()).traceEvents));
    total.push(r.total);
    sync.push(r.sync);
    present = r.before;
    deleted = r.matchingBefore - r.left;
    left = Math.max(left, r.left);
    cookieStore = r.cookieStore;
    await context.close();
  }
  return { median: median(total), min: Math.min(...total), sync: median(sync), busy: median(busy), present, deleted, left, cookieStore };
}

console.log(`Withdrawal in Chromium ${browser.version()}: ${patterns.length} custom patterns + the default analytics/marketing ones, ${RUNS} runs each, ${DIST}`);
console.log('Medians, ms. "main thread": the page\'s own tasks from the call until the removal has finished, which');
console.log('is what the visitor can feel; "until gone": wall time until a document.cookie read shows no matching');
console.log('cookie (the browser\'s cookie store works in another process meanwhile); "call": the call itself.');
console.log('"revoke" is setConsent() turning the three categories off (removal only); "withdraw" is withdraw(),');
console.log('which also shows the banner again; "by hand" is the same removal written out with the same browser');
console.log('calls and nothing else, the floor any script pays. The cleanup chunk is loaded beforehand.\n');
const rows = [['scheme', 'cookies', 'deleted', 'action', 'main thread', 'until gone', 'call', 'left']];
for (const [scheme, server] of [['https', servers[0]], ['http', servers[1]]].filter(([s]) => SCHEMES.includes(s))) {
  for (const matching of [false, true]) {
    for (const action of ['by hand', 'revoke', 'withdraw']) {
      const r = await measure(url(scheme, server), matching, action);
      rows.push([`${scheme}${r.cookieStore ? ' (cookieStore)' : ''}`, r.present, r.deleted, action, r.busy.toFixed(1), r.median.toFixed(1), r.sync.toFixed(1), r.left]);
    }
  }
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
for (const r of rows) console.log(r.map((c, i) => (i < 4 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  '));
console.log('(Chromium keeps at most 180 cookies per site: of the 500 written, that many are present.)');

await browser.close();
for (const s of servers) s.close();
