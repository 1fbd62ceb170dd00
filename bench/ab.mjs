// A/B check while working on speed (not the published bench): this build of Candor against a
// saved build and vanilla-cookieconsent, in one run, on the bench's basic page. Reports the
// medians of time to banner and return-visit enforcement, and the longest tasks.
//   cp -r dist /tmp/candor-base   # before a change
//   npm run build && node bench/ab.mjs --base /tmp/candor-base --runs 9 --profiles machine,mobile
// It records a trace of every visit (for the CPU columns), and tracing slows the widgets
// unevenly: its return-visit times favoured Candor by ~1 ms at machine speed against the
// untraced bench. Compare builds of Candor here; compare with peers in `npm run bench`.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.mjs';
import { page as buildPage, WIDGETS } from './widgets.mjs';

const ROOT = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const RUNS = Number(opt('runs', 9));
const BASE = opt('base', null);
const PROFILES = {
  machine: { viewport: { width: 1280, height: 800 } },
  mobile: { viewport: { width: 412, height: 823 }, cpu: 4, network: { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 } },
};
const profileNames = opt('profiles', 'machine,mobile').split(',');

const dirs = { '/w/candor/': join(ROOT, 'dist'), '/w/vcc/': join(ROOT, 'node_modules/vanilla-cookieconsent/dist') };
if (BASE) dirs['/w/base/'] = BASE;
const cache = new Map();
const asset = (path) => {
  if (cache.has(path)) return cache.get(path);
  const dir = Object.keys(dirs).find((d) => path.startsWith(d));
  if (!dir || path.includes('..')) return null;
  try {
    const raw = readFileSync(join(dirs[dir], path.slice(dir.length)));
    const entry = { raw, gz: gzipSync(raw, { level: 9 }) };
    cache.set(path, entry);
    return entry;
  } catch {
    return null;
  }
};
const pages = new Map([
  ['/candor/basic.html', buildPage('candor', 'basic')],
  ['/vcc/basic.html', buildPage('vcc', 'basic')],
]);
const widgets = { candor: WIDGETS.candor, vcc: WIDGETS.vcc };
if (BASE) {
  pages.set('/base/basic.html', buildPage('candor', 'basic', WIDGETS.candor.head('basic', '/w/base/candor.js')));
  widgets.base = WIDGETS.candor;
}
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const html = pages.get(path);
  if (html) return void res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(html);
  const a = asset(path);
  if (!a) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': extname(path) === '.css' ? 'text/css' : 'text/javascript', 'cache-control': 'public, max-age=31536000', 'content-encoding': 'gzip' });
  res.end(a.gz);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://localhost:${server.address().port}`;
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });

async function pair(id, profile) {
  const p = PROFILES[profile];
  const context = await browser.newContext({ viewport: p.viewport });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (p.network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', p.network);
  }
  if (p.cpu) await cdp.send('Emulation.setCPUThrottlingRate', { rate: p.cpu });
  const settle = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 150))));
  const w = widgets[id];
  // Main-thread CPU of each visit from a trace: every task's duration summed (the page's own
  // parsing included, the same for all), and how long the widget's own script evaluated.
  const cpu = async (visit) => {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await visit();
    const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
    const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && traceEvents.some((x) => x.pid === e.pid && x.name === 'EvaluateScript'));
    const onMain = traceEvents.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
    const tasks = onMain.filter((e) => e.name === 'RunTask').reduce((s, e) => s + e.dur, 0) / 1000;
    const evals = onMain.filter((e) => e.name === 'EvaluateScript' && /\/w\/(candor|base|vcc)\//.test(e.args?.data?.url ?? '')).reduce((s, e) => s + e.dur, 0) / 1000;
    return { tasks, evals };
  };
  try {
    let banner;
    const tFirst = await cpu(async () => {
      await page.goto(`${origin}/${id}/basic.html`, { waitUntil: 'load' });
      banner = await page.evaluate(() => window.__bench.banner);
      await settle();
    });
    const first = await page.evaluate(() => ({ t0: __bench.t0, longest: __bench.longest }));
    await page.evaluate(w.acceptAll);
    await page.waitForFunction((n) => document.cookie.includes(`${n}=`), w.cookie);
    let ran;
    const tReturn = await cpu(async () => {
      await page.goto(`${origin}/${id}/basic.html?return`, { waitUntil: 'load' });
      ran = await page.waitForFunction(() => window.__analyticsRanAt, null, { polling: 50 }).then((h) => h.jsonValue());
      await settle();
    });
    const ret = await page.evaluate(() => ({ t0: __bench.t0, longest: __bench.longest }));
    return {
      banner: banner - first.t0,
      longFirst: first.longest,
      enforce: ran - ret.t0,
      longReturn: ret.longest,
      cpuFirst: tFirst.tasks,
      evalFirst: tFirst.evals,
      cpuReturn: tReturn.tasks,
      evalReturn: tReturn.evals,
    };
  } finally {
    await context.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ids = Object.keys(widgets);
for (const profile of profileNames) {
  const samples = Object.fromEntries(ids.map((id) => [id, []]));
  for (const id of ids) await pair(id, profile); // warm-up
  for (let run = 0; run < RUNS; run++) {
    const order = run % 2 ? [...ids].reverse() : ids;
    for (const id of order) samples[id].push(await pair(id, profile));
  }
  console.log(`\n${profile} (median of ${RUNS})`);
  const cols = ['banner', 'enforce', 'longFirst', 'longReturn', 'cpuFirst', 'evalFirst', 'cpuReturn', 'evalReturn'];
  console.log(['widget', ...cols].map((s) => s.padStart(11)).join(''));
  for (const id of ids) console.log(id.padStart(11) + cols.map((k) => median(samples[id].map((s) => s[k])).toFixed(1).padStart(11)).join(''));
  // A median of the longest task hides a split around 50 ms: every sample, sorted.
  for (const id of ids) console.log(`${id.padStart(11)} longFirst: ${samples[id].map((s) => s.longFirst).sort((a, b) => a - b).join(' ')}`);
}
await browser.close();
server.close();
