import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, sitePage, TestServer } from './harness';

// Chat surfaces as chat widgets really build them (issue 5, audit findings 2, 3, 4 and 8):
// fixed iframes and launcher buttons, panels that re-render, close, or are block or grid boxes.

let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(() => server?.close());

const AI = { chatSelector: '.chat', providers: ['OpenAI'] };
// The bottom-left banner keeps clear of the bottom-right widgets, and is answered first where it
// would not be.
const CONFIG = { policyUrl: '/privacy', ui: { position: 'bottom-left' }, ai: AI };
const SENTENCE = 'You are chatting with an AI system, not a human.';
const LONG_PAGE = `<main><h1>Shop</h1>${'<p>Paragraph of page content.</p>'.repeat(60)}</main>`;

type Box = { x: number; y: number; width: number; height: number };
const noticeBox = (page: Page, host = 'candor-ai-notice') =>
  page.evaluate((sel) => {
    const r = document.querySelector(sel)!.shadowRoot!.querySelector('[data-candor="ai-notice"]')!.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }, host);
const boxOf = async (page: Page, selector: string): Promise<Box> => (await page.locator(selector).boundingBox())!;
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Nothing is drawn over the notice: hit tests at nine points of its box land on its host. */
const noticeOnTop = (page: Page, host = 'candor-ai-notice') =>
  page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    const b = el.shadowRoot!.querySelector('[data-candor="ai-notice"]')!.getBoundingClientRect();
    const xs = [b.left + 3, b.left + b.width / 2, b.right - 3];
    const ys = [b.top + 3, b.top + b.height / 2, b.bottom - 3];
    return xs.every((x) => ys.every((y) => document.elementFromPoint(x, y) === el));
  }, host);

/** Two frames: what a visitor sees after the page changed. */
const frames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * The notice of a floating surface: fully inside the viewport, on top, not over the surface,
 * and right next to it (a gap of at most 12px above or below it, overlapping it horizontally).
 */
async function expectBeside(page: Page, surface: string) {
  await frames(page);
  const n = await noticeBox(page);
  const s = await boxOf(page, surface);
  const vp = page.viewportSize()!;
  expect(n.x, 'in the viewport').toBeGreaterThanOrEqual(0);
  expect(n.y).toBeGreaterThanOrEqual(0);
  expect(n.x + n.width).toBeLessThanOrEqual(vp.width);
  expect(n.y + n.height).toBeLessThanOrEqual(vp.height);
  expect(overlaps(n, s), `notice ${JSON.stringify(n)} over surface ${JSON.stringify(s)}`).toBe(false);
  const gap = n.y + n.height <= s.y ? s.y - (n.y + n.height) : n.y - (s.y + s.height);
  expect(gap, `notice ${JSON.stringify(n)} next to ${JSON.stringify(s)}`).toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThanOrEqual(12);
  expect(n.x < s.x + s.width && s.x < n.x + n.width, 'horizontally at the surface').toBe(true);
  await expect(noticeOnTop(page), 'nothing over the notice').resolves.toBe(true);
}

describe('a notice that cannot be inside its surface (iframe, launcher button)', () => {
  // COMPLIANCE AI-1 names a `data-ai-notice` element as an AI surface: it is one without any
  // selector in the config, beside the configured ones.
  it('an element marked data-ai-notice gets the notice with no chatSelector, and beside a configured one; the banner lists the chat', async () => {
    const body = `<main><h1>Shop</h1><section data-ai-notice id="marked"><p>Ask us</p></section><div class="chat" id="configured"><p>Bot</p></div></main>`;
    for (const ai of [{ providers: ['OpenAI'] }, AI]) {
      const url = server.page(`/marked-${'chatSelector' in ai ? 'both' : 'only'}.html`, sitePage({ config: { ...CONFIG, ai }, body }));
      const { page, context } = await newPage();
      await page.goto(url);
      await page.locator('#marked candor-ai-notice').waitFor();
      await expect(page.locator('#marked').getByText(SENTENCE).isVisible()).resolves.toBe(true);
      await expect(page.locator('#configured candor-ai-notice').count()).resolves.toBe('chatSelector' in ai ? 1 : 0);
      await expect(page.locator('[data-candor="ai-section"] li').first().textContent()).resolves.toMatch(/chat/i);
      await context.close();
    }
  });

  it('a fixed chat iframe: the notice is right above it, in the viewport, and follows it when it moves and resizes', async () => {
    const body = `${LONG_PAGE}<iframe class="chat" id="frame" title="Chat" style="position:fixed;right:16px;bottom:16px;width:320px;height:420px;border:1px solid #999"></iframe>`;
    const url = server.page('/fixed-iframe.html', sitePage({ config: CONFIG, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await expectBeside(page, '#frame');
    await expect(page.locator('candor-ai-notice [data-candor="ai-notice"]').innerText()).resolves.toContain(SENTENCE);
    // The page scrolls: a fixed widget and its notice stay where they are.
    await page.mouse.wheel(0, 600);
    await page.waitForFunction(() => scrollY > 0);
    await expectBeside(page, '#frame');
    // Moved and resized by the page (a widget expanding into a bigger panel).
    await page.evaluate(() => Object.assign(document.getElementById('frame')!.style, { right: '200px', bottom: '40px', width: '400px', height: '300px' }));
    await expectBeside(page, '#frame');
    const moved = await noticeBox(page);
    expect(moved.width).toBeGreaterThanOrEqual(400);
    // A tall panel leaves no room above: the notice goes below it.
    await page.evaluate(() => Object.assign(document.getElementById('frame')!.style, { top: '20px', bottom: 'auto', height: '400px' }));
    await expectBeside(page, '#frame');
    expect((await noticeBox(page)).y).toBeGreaterThan((await boxOf(page, '#frame')).y);
    await context.close();
  });

  it('a fixed launcher button: the notice is beside it on screen, never off-screen, and follows it', async () => {
    const body = `${LONG_PAGE}<button type="button" class="chat" id="launcher" style="position:fixed;right:20px;bottom:20px;width:56px;height:56px">Chat</button>`;
    const url = server.page('/fixed-launcher.html', sitePage({ config: CONFIG, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await expectBeside(page, '#launcher');
    // Readable width, not the button's 56px.
    expect((await noticeBox(page)).width).toBeGreaterThanOrEqual(250);
    // The launcher is still usable: nothing over it.
    await expect(page.evaluate(() => {
      const r = document.getElementById('launcher')!.getBoundingClientRect();
      return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)!.id;
    })).resolves.toBe('launcher');
    await page.evaluate(() => Object.assign(document.getElementById('launcher')!.style, { right: 'auto', left: '800px', bottom: '300px' }));
    await expectBeside(page, '#launcher');
    await context.close();
  });

  it('a launcher that the page hides (display:none) hides its notice, and shows it again with it', async () => {
    const body = `${LONG_PAGE}<button type="button" class="chat" id="launcher" style="position:fixed;right:20px;bottom:20px;width:56px;height:56px">Chat</button>`;
    const url = server.page('/hidden-launcher.html', sitePage({ config: CONFIG, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await expectBeside(page, '#launcher');
    const notice = page.locator('candor-ai-notice [data-candor="ai-notice"]');
    await page.evaluate(() => (document.getElementById('launcher')!.style.display = 'none'));
    await frames(page);
    await expect(notice.isVisible()).resolves.toBe(false);
    await page.evaluate(() => (document.getElementById('launcher')!.style.visibility = 'hidden'));
    await page.evaluate(() => (document.getElementById('launcher')!.style.display = ''));
    await frames(page);
    await expect(notice.isVisible()).resolves.toBe(false);
    await page.evaluate(() => (document.getElementById('launcher')!.style.visibility = ''));
    await expectBeside(page, '#launcher');
    await context.close();
  });

  it('an iframe in the page flow keeps its notice in flow, right before it', async () => {
    const body = `<main><h1>Help</h1><iframe class="chat" id="frame" title="Chat" style="width:400px;height:300px;display:block"></iframe><p>After</p></main>`;
    const url = server.page('/static-iframe.html', sitePage({ config: CONFIG, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await frames(page);
    await expect(page.evaluate(() => document.getElementById('frame')!.previousElementSibling!.localName)).resolves.toBe('candor-ai-notice');
    await expect(page.evaluate(() => getComputedStyle(document.querySelector('candor-ai-notice')!).position)).resolves.toBe('static');
    const n = await noticeBox(page);
    const f = await boxOf(page, '#frame');
    expect(f.y - (n.y + n.height)).toBeGreaterThanOrEqual(0);
    expect(f.y - (n.y + n.height)).toBeLessThan(4);
    await context.close();
  });
});

describe('a closed chat panel hides its notice (audit finding 4)', () => {
  it('a panel closed with visibility:hidden shows no notice; opened, it does', async () => {
    const head = '<link rel="stylesheet" href="/test/fixtures/ai-chat.css">';
    const body = `<main><h1>Shop</h1></main><div class="chat" id="chat" style="visibility:hidden"><div class="messages"></div><form><input aria-label="Message"><button type="button">Send</button></form></div>`;
    const url = server.page('/closed-panel.html', sitePage({ config: CONFIG, head, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    const notice = page.locator('#chat > candor-ai-notice [data-candor="ai-notice"]');
    await notice.waitFor({ state: 'attached' });
    await expect(notice.isVisible()).resolves.toBe(false);
    await expect(page.evaluate(() => document.querySelector('candor-ai-notice')!.checkVisibility({ visibilityProperty: true }))).resolves.toBe(false);
    await page.evaluate(() => (document.getElementById('chat')!.style.visibility = ''));
    await expect(notice.isVisible()).resolves.toBe(true);
    await expect(noticeOnTop(page)).resolves.toBe(true);
    await context.close();
  });
});

describe('re-rendering chats and streaming answers (audit finding 2)', () => {
  it('a chat that resets its innerHTML 50 times keeps its notice, and a streamed answer keeps its label', async () => {
    const config = { ...CONFIG, ai: { ...AI, chatSelector: '#chat' } };
    const body = `<main><h1>Shop</h1><div id="answer" data-ai-generated><p>…</p></div></main><div class="chat-box" id="chat"><p>Hi</p></div>`;
    const url = server.page('/rerender.html', sitePage({ config, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator('#chat > candor-ai-notice').waitFor({ state: 'attached' });
    const seen: string[] = [];
    for (let i = 1; i <= 50; i++) {
      await page.evaluate((n) => {
        document.getElementById('chat')!.innerHTML = `<p>Message ${n}</p>`;
        document.getElementById('answer')!.innerHTML = `<p>${'token '.repeat(n)}</p>`;
      }, i);
      await frames(page);
      seen.push(
        await page.evaluate(() =>
          [document.getElementById('chat')!.firstElementChild!.localName, document.getElementById('answer')!.firstElementChild!.localName].join(),
        ),
      );
    }
    expect(seen.filter((s) => s !== 'candor-ai-notice,candor-ai-label')).toEqual([]);
    await expect(page.locator('#chat candor-ai-notice [data-candor="ai-notice"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('#answer candor-ai-label').getByRole('note', { name: 'AI-generated' }).isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('many re-renders within one frame: the notice is back before the frame is painted', async () => {
    const config = { ...CONFIG, ai: { ...AI, chatSelector: '#chat' } };
    const url = server.page('/rerender-burst.html', sitePage({ config, body: '<div id="chat"><p>Hi</p></div>' }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator('#chat > candor-ai-notice').waitFor({ state: 'attached' });
    // 30 updates within one task (a burst of tokens), each followed by Candor's observer; then the
    // next frame's callbacks, which run after Candor's own (registered earlier), before the paint.
    const atPaint = await page.evaluate(async () => {
      const chat = document.getElementById('chat')!;
      for (let n = 1; n <= 30; n++) {
        chat.innerHTML = `<p>${'token '.repeat(n)}</p>`;
        await Promise.resolve();
        await Promise.resolve();
      }
      await new Promise((r) => requestAnimationFrame(r));
      return chat.firstElementChild!.localName;
    });
    expect(atPaint).toBe('candor-ai-notice');
    await context.close();
  });

  it('a page that removes the notice every time it returns gets it back a bounded number of times per frame, and stays responsive', async () => {
    const config = { ...CONFIG, ai: { ...AI, chatSelector: '#chat' } };
    const body = `<div id="chat"><p>Hi</p></div><script>
      window.inserted = 0;
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n.localName === 'candor-ai-notice') { window.inserted++; n.remove(); }
      }).observe(document.getElementById('chat'), { childList: true });
    </script>`;
    const url = server.page('/hostile-remove.html', sitePage({ config, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { inserted: number }).inserted > 0);
    const perFrame = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const w = window as unknown as { inserted: number };
          const start = w.inserted;
          let count = 0;
          const step = () => (++count < 30 ? requestAnimationFrame(step) : resolve((w.inserted - start) / 30));
          requestAnimationFrame(step);
        }),
    );
    // It keeps trying (never gives up on a connected surface) but boundedly: a few per frame.
    expect(perFrame).toBeGreaterThan(0);
    expect(perFrame).toBeLessThanOrEqual(5);
    await context.close();
  });
});

describe('panel layouts (audit finding 8)', () => {
  const head = `<style>
    .panel { position: fixed; right: 16px; bottom: 16px; width: 320px; height: 300px; overflow: hidden; border: 1px solid #999; background: #fff; }
    .flex { display: flex; flex-direction: column; }
    .flex .messages { flex: 1; min-height: 0; overflow: auto; }
    .grid { display: grid; grid-template-columns: 1fr auto; align-content: start; }
    .panel form { display: flex; gap: 4px; padding: 8px; }
    .panel input { flex: 1; }
  </style>`;
  const messages = `<div class="messages">${'<p>An earlier message in this conversation.</p>'.repeat(8)}</div>`;
  const inputOnTop = (page: Page) =>
    page.evaluate(() => {
      const r = document.querySelector('.panel input')!.getBoundingClientRect();
      const p = document.querySelector('.panel')!.getBoundingClientRect();
      return r.bottom <= p.bottom && document.elementFromPoint(r.x + 5, r.y + r.height / 2)?.localName === 'input';
    });

  it('the README setup: a fixed-height flex-column panel keeps its input in view under the notice', async () => {
    const body = `<main><h1>Shop</h1></main><div class="chat panel flex">${messages}<form><input aria-label="Message"><button type="button">Send</button></form></div>`;
    const url = server.page('/panel-flex.html', sitePage({ config: CONFIG, head, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator('.panel > candor-ai-notice').waitFor();
    await expect(inputOnTop(page)).resolves.toBe(true);
    await expect(noticeOnTop(page)).resolves.toBe(true);
    await context.close();
  });

  it('a grid panel: the notice is a row across every column, not one cell', async () => {
    const body = `<main><h1>Shop</h1></main><div class="chat panel grid"><header>Assistant</header><button type="button">Close</button><form style="grid-column: 1 / -1"><input aria-label="Message"><button type="button">Send</button></form></div>`;
    const url = server.page('/panel-grid.html', sitePage({ config: CONFIG, head, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator('.panel > candor-ai-notice').waitFor();
    const n = await boxOf(page, '.panel > candor-ai-notice');
    const header = await boxOf(page, '.panel header');
    const close = await boxOf(page, '.panel > button');
    expect(n.width).toBeGreaterThan(300);
    // The header and its Close button still share one row, below the notice.
    expect(Math.abs(header.y - close.y)).toBeLessThan(1);
    expect(header.y).toBeGreaterThanOrEqual(n.y + n.height - 0.5);
    await expect(inputOnTop(page)).resolves.toBe(true);
    await context.close();
  });
});
