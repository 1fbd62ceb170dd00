// `npm start`: serves the demo site and dist/ on localhost, as a site owner's server would.
import { readdir, readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { servedFile } from './serve-paths.mjs';

const ROOT = normalize(join(import.meta.dirname, '..'));
const PORT = Number(process.env.PORT ?? 5173);
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file to send for `urlPath`: only under /demo and /dist (scripts/serve-paths.mjs). */
async function resolveFile(urlPath) {
  let file = servedFile(ROOT, urlPath);
  if (!file) return null;
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    return file;
  } catch {
    return null;
  }
}

const server = createServer(async (req, res) => {
  let path;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    // A malformed escape ("%E0") would otherwise throw out of this handler and stop the server.
    res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
    return;
  }
  if (req.method === 'POST') {
    // Stand-in for a site's consent-log endpoint: prints what Candor sends.
    let body = '';
    for await (const chunk of req) body += chunk;
    console.log(`POST ${path} ${body}`);
    res.writeHead(204).end();
    return;
  }
  if (path.startsWith('/track/')) {
    // Stand-in tracker endpoint for the demo's analytics script and pixel.
    res.writeHead(204).end();
    return;
  }
  const file = await resolveFile(path);
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
});

/** Every page of the demo, for the start-up message: the hub, the tools, each seed site. */
async function demoPages() {
  const pages = ['/demo/index.html', '/demo/configurator.html', '/demo/playground.html'];
  const sites = join(ROOT, 'demo/sites');
  for (const site of (await readdir(sites)).sort()) {
    for (const f of (await readdir(join(sites, site))).sort()) {
      if (f.endsWith('.html')) pages.push(`/demo/sites/${site}/${f}`);
    }
  }
  return pages;
}

server.listen(PORT, '127.0.0.1', async () => {
  const base = `http://localhost:${PORT}`;
  console.log(`Candor demo: ${base}/  (Ctrl+C to stop)`);
  for (const page of await demoPages()) console.log(`  ${base}${page}`);
  console.log(`  script tag: ${base}/dist/candor.js`);
});
