import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

const ROOT = normalize(join(import.meta.dirname, '../..'));
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface TestPage {
  html: string;
  headers?: Record<string, string>;
}

/** A request a page made to the test server (for beacons, gated scripts, trackers). */
export interface Hit {
  method: string;
  path: string;
  body: string;
  headers: IncomingMessage['headers'];
}

/**
 * A localhost server for one test file: real files from the repo (`/dist/candor.js`,
 * `/demo/...`) and in-memory pages registered by the tests, as a site owner would serve them.
 */
export class TestServer {
  readonly pages = new Map<string, TestPage>();
  readonly hits: Hit[] = [];
  private server: Server;
  port = 0;
  readonly scheme: 'http' | 'https';

  /**
   * `tls`: serve https with the self-signed test certificate (test/tls/), for what browsers
   * offer only to secure contexts (the Cookie Store API); open pages with
   * `newPage({ ignoreHTTPSErrors: true })`.
   */
  constructor({ tls = false }: { tls?: boolean } = {}) {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    const file = (name: string) => readFileSync(join(ROOT, 'test/tls', name));
    this.server = tls ? createTlsServer({ cert: file('example-test.crt'), key: file('example-test.key') }, handler) : createServer(handler);
    this.scheme = tls ? 'https' : 'http';
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** `http://localhost:PORT/path` (or another host name mapped to 127.0.0.1; https with `tls`). */
  url(path = '/', host = 'localhost'): string {
    return `${this.scheme}://${host}:${this.port}${path}`;
  }

  /** Registers an HTML page at `path` and returns its URL. */
  page(path: string, html: string, headers?: Record<string, string>): string {
    this.pages.set(path, { html, headers });
    return this.url(path);
  }

  hitsTo(prefix: string): Hit[] {
    return this.hits.filter((h) => h.path.startsWith(prefix));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    this.hits.push({ method: req.method ?? 'GET', path, body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
    const page = this.pages.get(path);
    if (page) {
      res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store', ...page.headers });
      res.end(page.html);
      return;
    }
    if (path.startsWith('/dist/') || path.startsWith('/demo/') || path.startsWith('/test/fixtures/')) {
      const file = normalize(join(ROOT, path));
      if (file.startsWith(ROOT)) {
        try {
          const body = await readFile(file);
          res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
          res.end(body);
          return;
        } catch {
          /* fall through to 404 */
        }
      }
    }
    // Everything else (beacons, stand-in trackers) answers 204 and is recorded in `hits`.
    res.writeHead(path.startsWith('/log') || path.startsWith('/track') ? 204 : 404);
    res.end();
  }
}

let browser: Browser | undefined;

/** The shared Chromium started by global-setup.ts. */
export async function getBrowser(): Promise<Browser> {
  browser ??= await chromium.connect(inject('wsEndpoint'));
  return browser;
}

/** A fresh browser context (own cookies and storage) and a page in it, with console output collected. */
export async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<{
  context: BrowserContext;
  page: Page;
  console: { type: string; text: string }[];
  pageErrors: Error[];
}> {
  const context = await (await getBrowser()).newContext(options);
  const page = await context.newPage();
  const consoleLines: { type: string; text: string }[] = [];
  const pageErrors: Error[] = [];
  page.on('console', (m) => consoleLines.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => pageErrors.push(e));
  return { context, page, console: consoleLines, pageErrors };
}

/** A page as a site owner writes it: the README snippet with the given config and body. */
export function sitePage({
  config,
  head = '',
  body = '<main><h1>Shop</h1><p>Content</p><a href="#top">A link</a></main>',
  tag = '<script src="/dist/candor.js"></script>',
  lang = 'en',
}: {
  config?: unknown;
  head?: string;
  body?: string;
  tag?: string;
  lang?: string;
}): string {
  const json = config === undefined ? '' : `<script type="application/json" id="candor-config">${JSON.stringify(config)}</script>`;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Test site</title>${head}${json}${tag}</head><body>${body}</body></html>`;
}

/** Locators inside Candor's shadow root (Playwright's CSS engine pierces open shadow roots). */
export const ui = {
  banner: '[data-candor="banner"]',
  notice: '[data-candor="notice"]',
  preferences: '[data-candor="preferences"]',
  fab: '[data-candor="floating-button"]',
  action: (name: string) => `[data-candor-action="${name}"]`,
};

/** The decoded `candor_consent` cookie as the browser holds it. */
/**
 * Cookie names the browser holds, sorted. A page's cookie writes reach the browser's store a
 * moment after the script made them, and the context's list is read from that store: first
 * a document.cookie read in every page, which in Chromium waits until that page's writes
 * are stored.
 */
export async function cookieNames(context: BrowserContext): Promise<string[]> {
  for (const p of context.pages()) await p.evaluate(() => document.cookie).catch(() => '');
  return (await context.cookies()).map((c) => c.name).sort();
}

export async function consentCookie(context: BrowserContext, name = 'candor_consent') {
  const c = (await context.cookies()).find((x) => x.name === name);
  return c ? { ...c, record: JSON.parse(decodeURIComponent(c.value)) as Record<string, unknown> } : undefined;
}

/**
 * A `candor_consent` value exactly `length` characters long, raw JSON (browsers take it as a
 * cookie value) and valid in every way but, possibly, its length: for the codec's size limit
 * (`MAX_RAW_LENGTH` in src/storage/record.ts) on both sides of it. `categories` are the
 * choices; unknown categories set to 0 (which Candor ignores) and a longer consent id pad it.
 */
export function recordOfLength(length: number, categories: Record<string, 0 | 1>, now = Date.now()): string {
  const DAY = 86_400_000;
  const wire = { v: 1, id: 'abcdefgh', r: '1', e: now + 100 * DAY, g: now - DAY, s: 'banner', h: 'abc', c: { ...categories } };
  const size = () => JSON.stringify(wire).length;
  // `,"pad…":0` adds 45 characters per 40-character category id (the longest allowed)
  for (let i = 0; size() + 45 <= length; i++) (wire.c as Record<string, 0 | 1>)[`pad${String(i).padStart(37, '0')}`] = 0;
  wire.id += 'x'.repeat(length - size()); // ids may be 8 to 64 characters
  const json = JSON.stringify(wire);
  if (json.length !== length || wire.id.length > 64) throw new Error(`recordOfLength(${length}) cannot be built`);
  return json;
}

/** Google Consent Mode's default before any choice: every key denied but security_storage (SPEC §4). */
export const DENIED: Readonly<Record<string, 'denied' | 'granted'>> = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'granted',
};
