// `npm run bench`: Candor side by side with vanilla-cookieconsent 3.1.0 and klaro 0.7.22 in
// real Chromium, on equivalent pages, as the machine is and under a "mobile" profile.
// Installs nothing: the peers are pinned devDependencies. Prints a table with Candor/peer
// ratios, writes bench/results.json and the README's "Performance" section, and summarises
// CPU profiles of Candor's first and return visits (bench/profile.md).
//
//   npm run bench                 15 alternating runs per profile (the default)
//   npm run bench -- --runs 21    more runs
//   npm run bench -- --profiles mobile --no-readme --no-cpu
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.mjs';
import { buildScriptWithMap } from './source-map.mjs';
import { summariseProfiles } from './cpu-profile.mjs';
import { page as buildPage, WIDGETS } from './widgets.mjs';

const ROOT = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] && !args[i + 1].startsWith('--') ? args[i + 1] : fallback;
};
const RUNS = Math.max(1, Number(opt('runs', 15)));
const PROFILE_NAMES = opt('profiles', 'machine,mobile').split(',');
const CPU_RUNS = Number(opt('cpu-runs', 5));
const WRITE_README = !args.includes('--no-readme');
const DO_CPU = !args.includes('--no-cpu');
const WIDGET_IDS = Object.keys(WIDGETS);

/**
 * "mobile" is Lighthouse's mid-range phone on slow 4G, applied through the DevTools protocol:
 * CPU 4x slower, 150 ms round trip, 1.6 Mbit/s down (200,000 B/s), 750 kbit/s up.
 */
const PROFILES = {
  machine: { viewport: { width: 1280, height: 800 } },
  mobile: {
    viewport: { width: 412, height: 823 },
    cpu: 4,
    network: { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 },
  },
};

// ---------------------------------------------------------------------------------------------
// Files: each widget's own distribution, gzip-encoded as a CDN would send it, cached for a year.
const ASSET_DIRS = {
  '/w/candor/': join(ROOT, 'dist'),
  '/w/vcc/': join(ROOT, 'node_modules/vanilla-cookieconsent/dist'),
  '/w/klaro/': join(ROOT, 'node_modules/klaro/dist'),
};
const TYPES = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const assets = new Map(); // url path → { raw, gz }
const pages = new Map(); // url path → html

function asset(path) {
  if (assets.has(path)) return assets.get(path);
  const dir = Object.keys(ASSET_DIRS).find((d) => path.startsWith(d));
  if (!dir || path.includes('..')) return null;
  try {
    const raw = readFileSync(join(ASSET_DIRS[dir], path.slice(dir.length)));
    const entry = { raw, gz: gzipSync(raw, { level: 9 }) };
    assets.set(path, entry);
    return entry;
  } catch {
    return null;
  }
}

const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const html = pages.get(path);
  if (html) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
    return;
  }
  const a = asset(path);
  if (!a) {
    res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
    return;
  }
  const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  res.writeHead(200, {
    'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
    'cache-control': 'public, max-age=31536000',
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(gzip ? a.gz : a.raw);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const ORIGIN = `http://localhost:${server.address().port}`;

for (const id of WIDGET_IDS) {
  pages.set(`/${id}/basic.html`, buildPage(id, 'basic'));
  pages.set(`/${id}/heavy.html`, buildPage(id, 'heavy'));
}

// ---------------------------------------------------------------------------------------------
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
const chromiumVersion = browser.version();

async function open(profileName) {
  const profile = PROFILES[profileName];
  const context = await browser.newContext({ viewport: profile.viewport });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (profile.network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', profile.network);
  }
  if (profile.cpu) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  return { context, page, cdp };
}

const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 150))));
const resourcesOf = (page, dir) =>
  page.evaluate((d) => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.startsWith(d)), dir);
const bytesOf = (paths, onlyJs = false) =>
  [...new Set(paths)].filter((p) => !onlyJs || p.endsWith('.js')).reduce(
    (s, p) => ({ gz: s.gz + (asset(p)?.gz.length ?? 0), raw: s.raw + (asset(p)?.raw.length ?? 0) }),
    { gz: 0, raw: 0 },
  );

/** First visit, then Accept all, then a return visit with that stored consent. */
async function visitPair(id, profileName, noEnforcement) {
  const w = WIDGETS[id];
  const { context, page } = await open(profileName);
  const url = `${ORIGIN}/${id}/basic.html`;
  const out = {};
  try {
    await page.goto(url, { waitUntil: 'load' });
    const bannerAt = await page.evaluate(() => window.__bench.banner);
    await settle(page);
    const first = await page.evaluate(() => ({ t0: __bench.t0, cls: __bench.cls, longest: __bench.longest }));
    const firstFiles = bytesOf(await resourcesOf(page, w.dir));
    Object.assign(out, {
      firstBytes: firstFiles.gz,
      bannerMs: bannerAt === null ? null : bannerAt - first.t0,
      cls: first.cls,
      longestTask: first.longest,
    });

    // Stored through the widget's own API (what its Accept button calls): a click would add
    // Playwright's actionability waits, not the widget's cost, to every run.
    await page.evaluate(w.acceptAll);
    await page.waitForFunction((name) => document.cookie.split('; ').some((c) => c.startsWith(`${name}=`)), w.cookie, { timeout: 10_000 });

    await page.goto(`${url}?return`, { waitUntil: 'load' });
    let ranAt = null;
    if (!noEnforcement.has(id)) {
      ranAt = await page
        .waitForFunction(() => window.__analyticsRanAt, null, { timeout: 8_000, polling: 50 })
        .then((h) => h.jsonValue())
        .catch(() => null);
      if (ranAt === null) noEnforcement.add(id);
    }
    await settle(page);
    const ret = await page.evaluate(() => ({ t0: __bench.t0, cls: __bench.cls, longest: __bench.longest }));
    const retJs = bytesOf(await resourcesOf(page, w.dir), true);
    Object.assign(out, {
      returnJsBytes: retJs.gz,
      returnJsRawBytes: retJs.raw,
      enforceMs: ranAt === null ? null : ranAt - ret.t0,
      clsReturn: ret.cls,
      longestTaskReturn: ret.longest,
    });

    // Later page views: Chromium writes a script's code cache on its second load (the return
    // visit above, where each widget pays for it: vanilla-cookieconsent before its handler
    // runs, Candor after the gated script) and reads it from the third on, which is what most
    // of a return visitor's page views are.
    // (null, not missing, when it did not run: the paired ratios pair runs by position)
    out.enforceHotMs = null;
    let hotAt = null;
    if (!noEnforcement.has(id)) {
      // A visitor's next page view comes after reading this one, not ~150 ms after the last
      // (the settle above). So soon, Candor's script started anywhere from 1 to 9.5 ms after
      // the page's first script (a build with performance marks, 21 runs), against a steady
      // 1.3–1.4 ms after a pause. That spread is the browser catching up, not the widget.
      await page.waitForTimeout(1000);
      await page.goto(`${url}?return&later`, { waitUntil: 'load' });
      hotAt = await page
        .waitForFunction(() => window.__analyticsRanAt, null, { timeout: 8_000, polling: 50 })
        .then((h) => h.jsonValue())
        .catch(() => null);
      out.enforceHotMs = hotAt === null ? null : hotAt - (await page.evaluate(() => __bench.t0));
    }
  } finally {
    await context.close();
  }
  return out;
}

/** 50 categories and 200 services: open the preference center; then withdraw with 500 cookies. */
async function heavy(id, profileName) {
  const w = WIDGETS[id];
  const { context, page } = await open(profileName);
  const url = `${ORIGIN}/${id}/heavy.html`;
  const out = {};
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => window.__bench.banner);
    await settle(page);
    out.prefsMs = await page.evaluate(
      `(async () => { const t = performance.now(); ${w.showPrefs}; const at = await __bench.waitFor(${JSON.stringify(w.prefs)}, 20000); return at === null ? null : at - t; })()`,
    );

    // A fresh first visit for the withdrawal: no dialog open, nothing stored.
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => window.__bench.banner);
    const r = await page.evaluate(`(async () => {
      const count = () => document.cookie.split('; ').filter((c) => /^bk\\d+_/.test(c)).length;
      for (let i = 0; i < 500; i++) document.cookie = 'bk' + (i % 100) + '_' + i + '=v' + i + '; path=/';
      ${w.acceptAll};
      await new Promise((r) => setTimeout(r, 100));
      const present = count();
      const yieldTask = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
      const t = performance.now();
      ${w.withdraw};
      const sync = performance.now() - t;
      await yieldTask();
      // Until the matching cookies are gone (Candor fetches its removal code on the first
      // withdrawal), at most 3 s: a widget that deletes nothing is reported as cookies left.
      while (count() > 0 && performance.now() - t < 3000) await new Promise((r) => setTimeout(r, 2));
      const settled = performance.now() - t;
      return { present, left: count(), sync, settled };
    })()`);
    Object.assign(out, { withdrawMs: r.settled, withdrawSyncMs: r.sync, cookiesPresent: r.present, cookiesLeft: r.left });
  } finally {
    await context.close();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
const METRICS = [
  ['firstBytes', 'first visit: bytes loaded (gzip)', 'B'],
  ['returnJsBytes', 'return visit: JS executed (gzip)', 'B'],
  ['returnJsRawBytes', 'return visit: JS executed (raw)', 'B'],
  ['bannerMs', 'first script → banner buttons painted', 'ms'],
  ['enforceMs', 'return visit: first script → gated analytics ran', 'ms'],
  ['enforceHotMs', 'later page views (code cache): first script → gated analytics ran', 'ms'],
  ['cls', 'CLS, first visit', ''],
  ['longestTask', 'longest task, first visit', 'ms'],
  ['longestTaskReturn', 'longest task, return visit', 'ms'],
  ['prefsMs', 'open preference center (50 categories, 200 services)', 'ms'],
  ['withdrawMs', 'withdraw, 500 cookies / 100 patterns, until removed', 'ms'],
  ['cookiesLeft', 'withdraw: matching cookies left (of those present)', ''],
];

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The rows whose Candor/vcc ratio is also given run by run. */
const PAIRED = [
  ['bannerMs', 'time to banner'],
  ['enforceMs', 'return-visit enforcement'],
  ['enforceHotMs', 'later-page-view enforcement'],
];

/**
 * Median of the per-run ratios a[i] / b[i], and a 95% percentile bootstrap interval for it
 * (2,000 resamples, a fixed seed so the same samples give the same interval).
 */
function pairedRatio(a, b) {
  // Only runs where both widgets gave a time: a widget that failed (null) is no ratio at all.
  const r = a.flatMap((x, i) => (typeof x === 'number' && typeof b[i] === 'number' && b[i] > 0 ? [x / b[i]] : []));
  if (r.length < 3) return null;
  let seed = 0x2545f491;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const meds = [];
  for (let k = 0; k < 2000; k++) meds.push(median(r.map(() => r[Math.floor(rand() * r.length)])));
  meds.sort((x, y) => x - y);
  return { median: median(r), low: meds[Math.floor(0.025 * meds.length)], high: meds[Math.ceil(0.975 * meds.length) - 1] };
}

const started = Date.now();
const samples = {}; // profile → widget → metric → number[]
for (const profileName of PROFILE_NAMES) {
  if (!PROFILES[profileName]) throw new Error(`unknown profile "${profileName}" (machine, mobile)`);
  samples[profileName] = Object.fromEntries(WIDGET_IDS.map((id) => [id, {}]));
  const noEnforcement = new Set();
  // Warm-up (not recorded): Chromium's own first-run costs should not land on one widget.
  for (const id of WIDGET_IDS) await visitPair(id, profileName, noEnforcement);
  for (let run = 0; run < RUNS; run++) {
    // Alternate the order every run, so no widget always goes first or last.
    const order = WIDGET_IDS.map((_, i) => WIDGET_IDS[(i + run) % WIDGET_IDS.length]);
    if (run % 2) order.reverse();
    for (const id of order) {
      const tA = Date.now();
      const pair = await visitPair(id, profileName, noEnforcement);
      const tB = Date.now();
      const r = { ...pair, ...(await heavy(id, profileName)) };
      if (process.env.BENCH_DEBUG) console.log(`\n${profileName} ${id}: pair ${tB - tA} ms, heavy ${Date.now() - tB} ms`);
      for (const [k, v] of Object.entries(r)) (samples[profileName][id][k] ??= []).push(v);
    }
    process.stdout.write(`\r[bench] ${profileName}: run ${run + 1}/${RUNS} (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  process.stdout.write('\n');
}

const fmt = (v, unit) =>
  v === null || v === undefined ? 'n/a' : unit === 'B' ? Math.round(v).toLocaleString('en') : unit === 'ms' ? v.toFixed(1) : Number(v.toFixed(4)).toString();
const ratio = (a, b) => (a === null || b === null || b === 0 ? (a === 0 && b === 0 ? '1.00' : '–') : (a / b).toFixed(2));

const results = {
  date: new Date().toISOString(),
  runs: RUNS,
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    chromium: chromiumVersion,
  },
  profiles: PROFILES,
  widgets: Object.fromEntries(WIDGET_IDS.map((id) => [id, WIDGETS[id].label])),
  medians: {},
  samples,
};
const tables = [];
for (const profileName of PROFILE_NAMES) {
  const med = (results.medians[profileName] = {});
  for (const id of WIDGET_IDS) {
    med[id] = {};
    for (const [k] of METRICS) med[id][k] = median(samples[profileName][id][k] ?? []);
    med[id].cookiesPresent = median(samples[profileName][id].cookiesPresent ?? []);
  }
  const rows = [
    `| ${profileName} (median of ${RUNS}) | Candor | vanilla-cookieconsent | klaro | Candor / vcc | Candor / klaro |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [k, label, unit] of METRICS) {
    const [c, v, kl] = WIDGET_IDS.map((id) => med[id][k]);
    const cell = (id, x) => (k === 'cookiesLeft' ? `${fmt(x, '')} of ${fmt(med[id].cookiesPresent, '')}` : fmt(x, unit));
    rows.push(`| ${label}${unit ? ` (${unit})` : ''} | ${cell('candor', c)} | ${cell('vcc', v)} | ${cell('klaro', kl)} | ${k === 'cookiesLeft' ? '' : ratio(c, v)} | ${k === 'cookiesLeft' ? '' : ratio(c, kl)} |`);
  }
  // Each run measured Candor and vanilla-cookieconsent within seconds of each other, so their
  // ratio within a run cancels what drifts between runs (the host's load). Its median, with a 95% bootstrap
  // interval, says whether "no slower" holds beyond the noise: it does when the interval's
  // upper end is at most 1.
  const paired = PAIRED.map(([k, label]) => {
    const r = pairedRatio(samples[profileName].candor[k] ?? [], samples[profileName].vcc[k] ?? []);
    ((results.pairedRatios ??= {})[profileName] ??= {})[k] = r;
    return r ? `${label} ${r.median.toFixed(2)} (${r.low.toFixed(2)}–${r.high.toFixed(2)})` : null;
  }).filter(Boolean);
  if (paired.length) rows.push('', `Run by run, Candor / vcc (median, 95% interval): ${paired.join('; ')}.`);
  tables.push(rows.join('\n'));
}

// ---------------------------------------------------------------------------------------------
// CPU profiles of Candor's first and return visits (sampled, CPU 4x slower for resolution),
// mapped back to source through a source-mapped build of the same bundle.
let profileSummary = '';
if (DO_CPU && CPU_RUNS > 0) {
  const { dir, map } = await buildScriptWithMap(ROOT);
  ASSET_DIRS['/w/candor-map/'] = dir;
  pages.set('/candor/profile.html', buildPage('candor', 'basic', WIDGETS.candor.head('basic', '/w/candor-map/candor.js')));
  const collected = { first: [], return: [] };
  for (let i = 0; i < CPU_RUNS; i++) {
    const context = await browser.newContext({ viewport: PROFILES.machine.viewport });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(`${ORIGIN}/candor/profile.html`, { waitUntil: 'load' });
    await page.evaluate(() => window.__bench.banner);
    collected.first.push((await cdp.send('Profiler.stop')).profile);
    await page.locator(WIDGETS.candor.accept.join(' ')).click();
    await page.waitForFunction(() => document.cookie.includes('candor_consent='));
    await cdp.send('Profiler.start');
    await page.goto(`${ORIGIN}/candor/profile.html?return`, { waitUntil: 'load' });
    await settle(page);
    collected.return.push((await cdp.send('Profiler.stop')).profile);
    await context.close();
  }
  profileSummary = summariseProfiles(collected, { map, mapUrlPath: '/w/candor-map/candor.js', root: ROOT, mapDir: dir, runs: CPU_RUNS });
  writeFileSync(join(import.meta.dirname, 'profile.md'), profileSummary);
}

await browser.close();
server.close();

let gitRev = '';
try {
  gitRev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
} catch {
  /* not a git checkout */
}
results.commit = gitRev;
writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const machineLine = `${results.machine.cpu}, ${results.machine.cores} cores, Chromium ${chromiumVersion}, Node ${process.version}, ${results.date.slice(0, 10)}${gitRev ? `, commit ${gitRev}` : ''}`;
const notes = [];
for (const profileName of PROFILE_NAMES)
  for (const id of WIDGET_IDS)
    for (const [k, visit] of [['enforceMs', 'a return visit'], ['enforceHotMs', 'a later page view']]) {
      if (results.medians[profileName][id][k] === null) notes.push(`${WIDGETS[id].label} never ran the gated analytics script on ${visit} (${profileName}).`);
    }
const report = [
  `Machine: ${machineLine}. "mobile" = CPU 4x slower, 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up (Chromium DevTools protocol).`,
  '',
  ...tables.flatMap((t) => [t, '']),
  ...notes.map((n) => `- ${n}`),
].join('\n');
console.log(`\n${report}`);
if (profileSummary) console.log(`\n${profileSummary.split('\n').slice(0, 40).join('\n')}\n(full: bench/profile.md)`);
console.log(`wrote bench/results.json in ${Math.round((Date.now() - started) / 1000)} s`);

if (WRITE_README) {
  const readmePath = join(ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const section = [
    '<!-- bench:start (written by `npm run bench`) -->',
    'Measured side by side with vanilla-cookieconsent 3.1.0 and klaro 0.7.22 in one run, on',
    'equivalent pages (same categories and texts, one gated analytics script, files served gzip',
    'with a one-year `Cache-Control: max-age`). Times are medians; absolute times vary between',
    'machines, so compare the ratios. Raw samples: `bench/results.json`; method: `bench/run.mjs`;',
    'byte breakdown: `npm run size:why`.',
    '',
    report,
    '<!-- bench:end -->',
  ].join('\n');
  const next = readme.includes('<!-- bench:start')
    ? readme.replace(/<!-- bench:start[\s\S]*?<!-- bench:end -->/, section)
    : `${readme.trimEnd()}\n\n## Performance\n\n${section}\n`;
  writeFileSync(readmePath, next);
  console.log('updated the "Performance" section of README.md');
}
