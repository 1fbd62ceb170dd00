// `npm run screenshots`: photographs the real widget in Chromium (banner and preference
// center; light, dark, 320px mobile) into docs/screenshots/ for the README.
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs/screenshots');
const CONFIG = {
  policyUrl: '/privacy',
  cookiePolicyUrl: '/cookies',
  imprintUrl: '/imprint',
  categories: [
    { id: 'necessary' },
    { id: 'preferences' },
    {
      id: 'analytics',
      services: [
        {
          name: 'Matomo',
          provider: 'Example Shop GmbH (self-hosted)',
          purpose: 'Visitor statistics',
          cookies: [
            { name: '_pk_id.*', duration: '13 months', description: 'Recognises returning visitors' },
            { name: '_pk_ses.*', duration: '30 minutes', description: 'Groups page views into a visit' },
          ],
        },
      ],
    },
    { id: 'marketing' },
  ],
};
const page = (theme) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Example Shop</title>
<script type="application/json" id="candor-config">${JSON.stringify({ ...CONFIG, ui: { theme } })}</script>
<script src="/dist/candor.js"></script></head>
<body style="margin:0;font:16px/1.6 system-ui,sans-serif;background:${theme === 'dark' ? '#0e0f12;color:#ddd' : '#f4f1ec;color:#222'}">
<header style="padding:18px 32px;border-bottom:1px solid #8884"><strong>Example Shop</strong></header>
<main style="padding:32px;max-width:760px"><h1>Handmade ceramics</h1>
<p>Cups, bowls and plates thrown on the wheel in our workshop and fired twice.</p>
<p>Free shipping from 50 euros. Every piece is unique, so colours vary a little.</p></main></body></html>`;

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (path.startsWith('/dist/')) {
    try {
      res.writeHead(200, { 'content-type': path.endsWith('.json') ? 'application/json' : 'text/javascript' });
      return res.end(readFileSync(join(ROOT, path)));
    } catch {
      /* 404 below */
    }
  }
  const theme = path.match(/^\/(light|dark)\.html$/)?.[1];
  if (theme) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(page(theme));
  }
  res.writeHead(404);
  res.end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  for (const [name, theme, viewport] of [
    ['light', 'light', { width: 1200, height: 760 }],
    ['dark', 'dark', { width: 1200, height: 760 }],
    ['mobile', 'light', { width: 320, height: 640 }],
  ]) {
    const ctx = await browser.newContext({ viewport, deviceScaleFactor: 2 });
    const p = await ctx.newPage();
    await p.goto(`${base}/${theme}.html`);
    await p.locator('[data-candor="banner"]').waitFor();
    await p.waitForTimeout(300); // let the fade-in finish
    await p.screenshot({ path: join(OUT, `banner-${name}.png`) });
    await p.locator('[data-candor-action="customize"]').click();
    await p.locator('[data-candor="services"] summary').click();
    await p.locator('[data-candor="preferences"] .title').focus().catch(() => {});
    await p.waitForTimeout(300);
    await p.screenshot({ path: join(OUT, `preferences-${name}.png`) });
    await ctx.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`wrote ${OUT}/{banner,preferences}-{light,dark,mobile}.png`);
