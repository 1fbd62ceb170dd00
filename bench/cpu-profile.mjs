// Summarises CDP Profiler profiles (https://chromedevtools.github.io/devtools-protocol/tot/Profiler/#type-Profile)
// by self time: per function and per source module, mapped back to Candor's sources.
import { makeLookup, moduleName } from './source-map.mjs';

const SKIP = new Set(['(idle)', '(root)']);

/** Self time in ms per node id: each sample owns the time until the next one. */
function selfTimes(profile) {
  const self = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  for (let i = 0; i < samples.length - 1; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + timeDeltas[i + 1] / 1000);
  return self;
}

/**
 * Markdown: for each visit kind, the total non-idle CPU, Candor's share by module, and the top
 * functions by self time, averaged over the runs.
 */
export function summariseProfiles(collected, { map, mapUrlPath, root, mapDir, runs }) {
  const lookup = makeLookup(map);
  const out = [
    '# CPU profile of Candor: first and return visits',
    '',
    `Sampled with the DevTools protocol Profiler (100 µs interval), CPU 4x slower, averaged over ${runs} runs;`,
    'times are self time per run. Candor frames are mapped to source through a source-mapped build of the',
    'same bundle. "(program)" is the browser\'s own work outside JS (parsing HTML, style, layout, paint).',
    '',
  ];
  for (const [kind, profiles] of Object.entries(collected)) {
    const byFn = new Map();
    const byModule = new Map();
    let total = 0;
    for (const profile of profiles) {
      const self = selfTimes(profile);
      for (const node of profile.nodes) {
        const ms = self.get(node.id);
        if (!ms) continue;
        const cf = node.callFrame;
        if (SKIP.has(cf.functionName)) continue;
        total += ms;
        let key;
        let mod;
        if (cf.url.endsWith(mapUrlPath)) {
          const pos = lookup(cf.lineNumber, cf.columnNumber);
          mod = pos ? moduleName(pos.source, root, mapDir) : 'candor (unmapped)';
          key = `${pos?.name ?? (cf.functionName || '(anonymous)')} — ${mod}${pos ? `:${pos.line + 1}` : ''}`;
        } else {
          mod = cf.url ? (cf.url.startsWith('http') ? new URL(cf.url).pathname : cf.url) : cf.functionName;
          key = `${cf.functionName || '(anonymous)'}${cf.url ? ` — ${mod}:${cf.lineNumber + 1}` : ''}`;
        }
        byFn.set(key, (byFn.get(key) ?? 0) + ms);
        byModule.set(mod, (byModule.get(mod) ?? 0) + ms);
      }
    }
    const n = profiles.length || 1;
    const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
    out.push(`## ${kind === 'first' ? 'First visit (until the banner is painted)' : 'Return visit with stored consent (until load + one frame)'}`, '');
    out.push(`Non-idle CPU: **${(total / n).toFixed(1)} ms** per run (at 4x slowdown).`, '');
    out.push('| module / bucket | self ms | % |', '| --- | ---: | ---: |');
    for (const [m, ms] of top(byModule, 15)) out.push(`| ${m} | ${(ms / n).toFixed(2)} | ${((ms / total) * 100).toFixed(1)}% |`);
    out.push('', '| function — where | self ms | % |', '| --- | ---: | ---: |');
    for (const [f, ms] of top(byFn, 20)) out.push(`| ${f.replace(/\|/g, '\\|')} | ${(ms / n).toFixed(2)} | ${((ms / total) * 100).toFixed(1)}% |`);
    out.push('');
  }
  return out.join('\n');
}
