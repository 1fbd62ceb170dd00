import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentCookie, newPage, sitePage, TestServer, ui } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(() => server?.close());

const AI = {
  chatSelector: '.chat',
  providers: ['OpenAI', 'Mistral AI'],
  learnMoreUrl: '/ai-policy',
  humanReview: 'mailto:support@example.com',
};
// The bottom-left banner (440px wide) leaves the bottom-right chat free at Playwright's 1280×720.
const CONFIG = { policyUrl: '/privacy', ui: { position: 'bottom-left' }, ai: AI };
const HEAD = '<link rel="stylesheet" href="/test/fixtures/ai-chat.css">';
const CHAT = `<div class="chat" id="chat"><header>Shop assistant</header><div class="messages"><p>Hi! How can I help?</p></div>
  <form><input id="chat-input" aria-label="Message"><button type="button">Send</button></form></div>`;
const BODY = `<main><h1>Shop</h1><p>Content</p></main>${CHAT}`;
const NOTICE = 'candor-ai-notice [data-candor="ai-notice"]';
const SENTENCE = 'You are chatting with an AI system, not a human.';

type Box = { x: number; y: number; width: number; height: number };
const box = async (page: Page, selector: string): Promise<Box> => {
  const b = await page.locator(selector).first().boundingBox();
  expect(b, `${selector} has a box`).not.toBeNull();
  return b!;
};
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * True when nothing is drawn over the element: a hit test at nine points of its box (corners
 * inset 3px, edge middles, centre) lands on it, or for a notice host (`inner` = a selector in
 * its shadow root, whose box is measured) on the host. Points outside the viewport fail.
 */
const onTop = (page: Page, selector: string, inner?: string) =>
  page.evaluate(
    ([sel, inn]) => {
      const el = document.querySelector(sel!)!;
      const b = (inn ? el.shadowRoot!.querySelector(inn)! : el).getBoundingClientRect();
      const xs = [b.left + 3, b.left + b.width / 2, b.right - 3];
      const ys = [b.top + 3, b.top + b.height / 2, b.bottom - 3];
      return b.width > 6 && xs.every((x) => ys.every((y) => el.contains(document.elementFromPoint(x, y))));
    },
    [selector, inner] as const,
  );

/**
 * The notice is visible, inside the chat panel, at its top, clear of the chat's input and Send
 * button, and on top: nothing (not even Candor's own cookie banner) is drawn over any part of
 * it. The set-ups put the banner where it leaves the chat free (`bottom-left` at 1280px); what
 * a banner over the chat means is its own test below.
 */
async function expectAtSurface(page: Page, chat = '#chat') {
  const notice = `${chat} > candor-ai-notice [data-candor="ai-notice"]`;
  await expect(page.locator(notice).isVisible()).resolves.toBe(true);
  const n = await box(page, notice);
  const c = await box(page, chat);
  const input = await box(page, `${chat} input`);
  const send = await box(page, `${chat} form button`);
  expect(inside(n, c), `notice ${JSON.stringify(n)} inside chat ${JSON.stringify(c)}`).toBe(true);
  expect(n.y - c.y).toBeLessThan(4); // at the top, before the chat's own header
  expect(overlaps(n, input)).toBe(false);
  expect(overlaps(n, send)).toBe(false);
  // The chat's input is still fully inside the panel (the notice took space, not the input's).
  expect(inside(input, c)).toBe(true);
  // Nothing is drawn over the notice (a real hit test at several points, not only the boxes).
  await expect(onTop(page, `${chat} > candor-ai-notice`, '[data-candor="ai-notice"]'), 'notice on top').resolves.toBe(true);
}

describe('AI chat surface notice (SPEC §5, COMPLIANCE AI-1..AI-4)', () => {
  it('is visible inside the chat at load, in plain words, with providers, Learn more and human review', async () => {
    const url = server.page('/chat.html', sitePage({ config: CONFIG, head: HEAD, body: BODY }));
    const { page, context, pageErrors, console: lines } = await newPage();
    await page.goto(url);
    await expectAtSurface(page);
    const n = page.locator(NOTICE);
    await expect(n.getAttribute('role')).resolves.toBe('note');
    const text = await n.innerText();
    expect(text).toContain(SENTENCE);
    expect(text).toContain('AI providers: OpenAI, Mistral AI');
    await expect(n.locator('a', { hasText: 'Learn more' }).getAttribute('href')).resolves.toBe('/ai-policy');
    await expect(n.locator('a', { hasText: 'Ask for a human to review' }).getAttribute('href')).resolves.toBe('mailto:support@example.com');
    // It is the panel's first child: layout carries it.
    await expect(page.evaluate(() => document.getElementById('chat')!.firstElementChild!.localName)).resolves.toBe('candor-ai-notice');
    expect(pageErrors).toEqual([]);
    // (the only 404 a bare test page makes is the browser's own /favicon.ico request)
    expect(lines.filter((l) => l.type === 'error' && !l.text.includes('404'))).toEqual([]);
    expect(server.hits.filter((h) => h.path !== '/favicon.ico' && h.path !== '/chat.html' && !h.path.startsWith('/dist/') && !h.path.startsWith('/test/fixtures/'))).toEqual([]);
    await context.close();
  });

  for (const action of ['accept', 'reject']) {
    it(`stays after ${action === 'accept' ? 'Accept all' : 'Reject all'}, and after a reload`, async () => {
      const url = server.page(`/chat-${action}.html`, sitePage({ config: CONFIG, head: HEAD, body: BODY }));
      const { page, context } = await newPage();
      await page.goto(url);
      await page.locator(ui.action(action)).click();
      await expect(page.locator(ui.banner).count()).resolves.toBe(0);
      await expectAtSurface(page);
      await page.reload();
      await expect(page.evaluate(() => window.Candor!.getConsent().given)).resolves.toBe(true);
      await expectAtSurface(page);
      await expect(page.locator(NOTICE).innerText()).resolves.toContain(SENTENCE);
      await context.close();
    });
  }

  it('appears on a chat panel that a launcher adds after load, and on one shown from hidden', async () => {
    const body = `<main><h1>Shop</h1><button id="launcher" type="button">Chat with us</button></main>
      <div class="chat" id="hidden-chat" hidden><div class="messages"></div><form><input aria-label="Message"><button type="button">Send</button></form></div>
      <script src="/test/fixtures/ai-launcher.js"></script>`;
    const url = server.page('/chat-later.html', sitePage({ config: CONFIG, head: HEAD, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await expect(page.locator('#chat').count()).resolves.toBe(0);
    await page.locator('#launcher').click();
    await page.locator('#chat').waitFor();
    await expectAtSurface(page);
    // The hidden panel already carries its notice; it shows with the panel.
    await expect(page.locator('#hidden-chat candor-ai-notice').count()).resolves.toBe(1);
    await page.evaluate(() => {
      document.getElementById('chat')!.remove();
      document.getElementById('hidden-chat')!.hidden = false;
    });
    await expectAtSurface(page, '#hidden-chat');
    await expect(page.locator('candor-ai-notice').count()).resolves.toBe(1);
    await context.close();
  });

  it('follows the surface when it moves and resizes', async () => {
    const url = server.page('/chat-move.html', sitePage({ config: CONFIG, head: HEAD, body: BODY }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator(ui.action('reject')).click();
    await expectAtSurface(page);
    const before = await box(page, NOTICE);
    await page.evaluate(() => document.getElementById('chat')!.classList.add('moved'));
    const after = await box(page, NOTICE);
    expect(after.x).not.toBe(before.x);
    expect(after.width).toBeGreaterThan(before.width);
    await expectAtSurface(page);
    await context.close();
  });

  it('survives hostile page CSS (display:none !important, color and font-size !important)', async () => {
    const url = server.page('/chat-hostile.html', sitePage({ config: CONFIG, head: HEAD, body: `<div class="hostile">${BODY}</div>` }));
    const { page, context } = await newPage();
    await page.goto(url);
    await expect(page.locator(NOTICE).isVisible()).resolves.toBe(true);
    // Page rules (`color: red !important; font-size: 40px !important`) do not reach it.
    const style = await page.evaluate(() => {
      const lead = document.querySelector('candor-ai-notice')!.shadowRoot!.querySelector('.lead')!;
      const s = getComputedStyle(lead);
      return { color: s.color, fontSize: s.fontSize };
    });
    expect(style.color).not.toBe('rgb(255, 0, 0)');
    expect(style.fontSize).toBe('14px');
    await context.close();
  });

  it('OK acknowledges: record, event and API, and the notice stays (compact) on this and the next page', async () => {
    // The bottom-left banner leaves the chat uncovered, so OK can be pressed before any cookie choice.
    const url = server.page('/chat-ack.html', sitePage({ config: CONFIG, head: HEAD, body: BODY }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.evaluate(() => {
      (window as unknown as { acks: unknown[] }).acks = [];
      document.addEventListener('candor:ai-acknowledged', (e) => (window as unknown as { acks: unknown[] }).acks.push((e as CustomEvent).detail));
    });
    const t0 = Date.now();
    await page.locator(`${NOTICE} [data-candor-action="ai-ok"]`).click();
    const acks = await page.evaluate(() => (window as unknown as { acks: { at: number }[] }).acks);
    expect(acks).toHaveLength(1);
    expect(acks[0]!.at).toBeGreaterThanOrEqual(t0 - 1000);
    const consent = await page.evaluate(() => window.Candor!.getConsent());
    expect(consent.aiAcknowledgedAt).toBe(acks[0]!.at);
    expect(consent.given).toBe(false); // acknowledging the AI notice is not a cookie consent
    const cookie = await consentCookie(context);
    expect(cookie!.record.a).toBe(acks[0]!.at);
    // Still there, still saying it, without the OK button; focus stays on the notice.
    await expect(page.locator(`${NOTICE} [data-candor-action="ai-ok"]`).count()).resolves.toBe(0);
    await expect(page.locator(NOTICE).getAttribute('class')).resolves.toContain('compact');
    await expect(page.locator(NOTICE).innerText()).resolves.toContain(SENTENCE);
    await expect(page.evaluate(() => document.activeElement?.localName)).resolves.toBe('candor-ai-notice');
    await expectAtSurface(page);
    // The banner is still up: acknowledging AI decides nothing about cookies.
    await expect(page.locator(ui.banner).isVisible()).resolves.toBe(true);
    await page.reload();
    await expectAtSurface(page);
    await expect(page.locator(NOTICE).innerText()).resolves.toContain(SENTENCE);
    await expect(page.locator(`${NOTICE} [data-candor-action="ai-ok"]`).count()).resolves.toBe(0);
    await context.close();
  });

  it('Candor.acknowledgeAi() collapses every notice on the page as well', async () => {
    const body = `${BODY}<div class="chat moved" id="chat2"><div class="messages"></div><form><input aria-label="Message 2"><button type="button">Send</button></form></div>`;
    const url = server.page('/chat-ack-api.html', sitePage({ config: CONFIG, head: HEAD, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await expect(page.locator('candor-ai-notice').count()).resolves.toBe(2);
    await page.evaluate(() => window.Candor!.acknowledgeAi());
    for (const i of [0, 1]) {
      const n = page.locator(NOTICE).nth(i);
      await expect(n.getAttribute('class')).resolves.toContain('compact');
      await expect(n.isVisible()).resolves.toBe(true);
    }
    await context.close();
  });
});

describe('the cookie banner over a chat (issue 5: the helper used to count the banner as a pass)', () => {
  // Candor's default banner (bottom, 980px wide) lies over a bottom-right chat while it is open.
  for (const viewport of [
    { width: 1000, height: 700 },
    { width: 1280, height: 720 },
  ]) {
    it(`${viewport.width}×${viewport.height}: the chat is never usable while its notice is hidden, and the notice is on top once the banner is answered`, async () => {
      const url = server.page(`/chat-under-banner-${viewport.width}.html`, sitePage({ config: { ...CONFIG, ui: undefined }, head: HEAD, body: BODY }));
      const { page, context } = await newPage({ viewport });
      await page.goto(url);
      await expect(page.locator(ui.banner).isVisible()).resolves.toBe(true);
      const host = '#chat > candor-ai-notice';
      const noticeFree = await onTop(page, host, '[data-candor="ai-notice"]');
      const inputFree = await onTop(page, '#chat input');
      // The banner covers the chat's lower part first (where its input is): whenever the input
      // can be reached, the notice above it can be read (Art. 50(5): at the latest at the first
      // interaction). README "AI disclosure" documents this.
      expect(inputFree && !noticeFree).toBe(false);
      expect(inputFree).toBe(false);
      await page.locator(ui.action('reject')).click();
      await expectAtSurface(page);
      await expect(onTop(page, '#chat input')).resolves.toBe(true);
      await context.close();
    });
  }
});

describe('site-wide AI section in the banner (SPEC §5)', () => {
  it('lists the AI features on the page, the providers and the links', async () => {
    const body = `${BODY}<article data-ai-generated><h2>Summary</h2><p>Text</p></article>`;
    const url = server.page('/section.html', sitePage({ config: CONFIG, head: HEAD, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    const section = page.locator(`${ui.banner} [data-candor="ai-section"]`);
    const text = await section.innerText();
    expect(text).toContain('Artificial intelligence on this site');
    expect(text).toContain('A chat assistant');
    expect(text).toContain('labelled where it appears');
    expect(text).toContain('AI providers: OpenAI, Mistral AI');
    await expect(section.locator('a', { hasText: 'Learn more' }).getAttribute('href')).resolves.toBe('/ai-policy');
    await expect(section.locator('a', { hasText: 'Ask for a human' }).getAttribute('href')).resolves.toBe('mailto:support@example.com');
    await context.close();
  });

  it('is left out with ai.notice false, while the per-surface notice stays', async () => {
    const url = server.page('/section-off.html', sitePage({ config: { ...CONFIG, ai: { ...AI, notice: false } }, head: HEAD, body: BODY }));
    const { page, context } = await newPage();
    await page.goto(url);
    await expect(page.locator(ui.banner).isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-candor="ai-section"]').count()).resolves.toBe(0);
    await expectAtSurface(page);
    await context.close();
  });
});

describe('the ai opt-out category (ai.optOut)', () => {
  it('is on before any choice, listed in the preference center, and page code sees it switched off', async () => {
    const url = server.page('/optout.html', sitePage({ config: { ...CONFIG, ai: { ...AI, optOut: true } }, head: HEAD, body: BODY }));
    const { page, context } = await newPage();
    await page.goto(url);
    await expect(page.evaluate(() => window.Candor!.hasConsent('ai'))).resolves.toBe(true);
    await page.evaluate(() => {
      (window as unknown as { revoked: string[] }).revoked = [];
      document.addEventListener('candor:change', (e) => (window as unknown as { revoked: string[] }).revoked.push(...(e as CustomEvent).detail.revoked));
    });
    await page.locator(ui.action('customize')).click();
    const sw = page.locator(`${ui.preferences} input[data-category="ai"]`);
    await expect(sw.isChecked()).resolves.toBe(true);
    await expect(sw.isDisabled()).resolves.toBe(false);
    await expect(page.locator(`${ui.preferences} .category`, { has: page.locator('input[data-category="ai"]') }).innerText()).resolves.toContain('AI processing');
    await sw.uncheck();
    await page.locator(ui.action('save')).click();
    await expect(page.evaluate(() => window.Candor!.hasConsent('ai'))).resolves.toBe(false);
    await expect(page.evaluate(() => (window as unknown as { revoked: string[] }).revoked)).resolves.toEqual(['ai']);
    expect((await consentCookie(context))!.record.c).toMatchObject({ ai: 0 });
    await page.reload();
    await expect(page.evaluate(() => window.Candor!.hasConsent('ai'))).resolves.toBe(false);
    // Objecting to AI processing does not remove the disclosure.
    await expectAtSurface(page);
    await context.close();
  });

  it('does not exist without optOut', async () => {
    const url = server.page('/no-optout.html', sitePage({ config: CONFIG, head: HEAD, body: BODY }));
    const { page, context } = await newPage();
    await page.goto(url);
    await expect(page.evaluate(() => Object.keys(window.Candor!.getConsent().categories))).resolves.not.toContain('ai');
    await expect(page.evaluate(() => window.Candor!.hasConsent('ai'))).resolves.toBe(false);
    await context.close();
  });
});

describe('site-wide AI section on a site with only required cookies (issue 5)', () => {
  it('the dismissable notice carries the AI section too', async () => {
    const config = { policyUrl: '/privacy', categories: [{ id: 'necessary', required: true }], ui: { position: 'bottom-left' }, ai: AI };
    const url = server.page('/section-notice.html', sitePage({ config, head: HEAD, body: BODY }));
    const { page, context } = await newPage();
    await page.goto(url);
    await expect(page.locator(ui.notice).isVisible()).resolves.toBe(true);
    await expect(page.locator(ui.banner).count()).resolves.toBe(0);
    const section = page.locator(`${ui.notice} [data-candor="ai-section"]`);
    await expect(section.innerText()).resolves.toContain('Artificial intelligence on this site');
    await expect(section.innerText()).resolves.toContain('AI providers: OpenAI, Mistral AI');
    await expect(section.locator('a', { hasText: 'Learn more' }).getAttribute('href')).resolves.toBe('/ai-policy');
    await expectAtSurface(page);
    await context.close();
  });
});

describe('Reject all and the ai objection category (decided: one click refuses everything optional)', () => {
  it('Reject all switches the ai category off, like withdraw(); the notice stays', async () => {
    const url = server.page('/optout-reject.html', sitePage({ config: { ...CONFIG, ai: { ...AI, optOut: true } }, head: HEAD, body: BODY }));
    const { page, context } = await newPage();
    await page.goto(url);
    await expect(page.evaluate(() => window.Candor!.hasConsent('ai'))).resolves.toBe(true);
    await page.locator(ui.action('reject')).click();
    await expect(page.evaluate(() => window.Candor!.hasConsent('ai'))).resolves.toBe(false);
    expect((await consentCookie(context))!.record.c).toMatchObject({ ai: 0 });
    await expectAtSurface(page);
    await context.close();
  });
});

describe('when the ai chunk cannot be loaded (issue 5)', () => {
  it('each chat still says, as plain text at its top, that it is an AI system', async () => {
    const url = server.page('/chat-no-chunk.html', sitePage({ config: CONFIG, head: HEAD, body: BODY }));
    const { page, context } = await newPage();
    await page.route('**/candor-ai.js', (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto(url);
    // A plain text node (text, never markup), the chat's first child, where the visitor sees it.
    await page.waitForFunction(() => document.getElementById('chat')!.firstChild!.nodeType === Node.TEXT_NODE);
    const shown = await page.evaluate(() => {
      const text = document.getElementById('chat')!.firstChild!;
      const range = document.createRange();
      range.selectNode(text);
      const r = range.getBoundingClientRect();
      return { text: text.textContent, height: r.height, hit: document.elementFromPoint(r.x + 4, r.y + r.height / 2)?.id };
    });
    expect(shown.text).toBe(SENTENCE);
    expect(shown.height).toBeGreaterThan(10);
    expect(shown.hit).toBe('chat');
    await expect(page.locator('candor-ai-notice').count()).resolves.toBe(0);
    await context.close();
  });
});
