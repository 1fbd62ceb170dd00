import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, sitePage, TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(() => server?.close());

const CONFIG = { policyUrl: '/privacy', ai: { providers: ['OpenAI'] } };
const ARTICLES = `<main>
  <article id="full" data-ai-generated="full"><h2>Full article</h2><p>${'Generated text. '.repeat(40)}</p></article>
  <article id="empty" data-ai-generated><h2>Empty attribute</h2><p>${'More text. '.repeat(40)}</p></article>
  <article id="assisted" data-ai-generated="assisted"><h2>Assisted article</h2><p>${'Edited text. '.repeat(40)}</p></article>
  <p>Footer text</p></main>`;

/** Layout-shift scores the page recorded since it started (buffered), after two frames. */
const layoutShifts = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const values: number[] = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) values.push((e as PerformanceEntry & { value: number }).value);
        }).observe({ type: 'layout-shift', buffered: true });
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(values), 200)));
      }),
  );

async function expectLabelAtTop(page: Page, id: string, name: 'AI-generated' | 'AI-modified') {
  const label = page.locator(`#${id} > candor-ai-label [data-candor="ai-label"]`);
  await expect(label.isVisible()).resolves.toBe(true);
  // Its accessible name (the "AI" badge is hidden from assistive technology: read once).
  await expect(page.locator(`#${id}`).getByRole('note', { name, exact: true }).count()).resolves.toBe(1);
  await expect(label.innerText()).resolves.toMatch(new RegExp(`^AI\\s*${name}$`));
  await expect(page.evaluate((sel) => document.querySelector(sel)!.firstElementChild!.localName, `#${id}`)).resolves.toBe('candor-ai-label');
  const l = (await label.boundingBox())!;
  const a = (await page.locator(`#${id}`).boundingBox())!;
  // The headline's text (not its full-width block box).
  const h = await page.evaluate((sel) => {
    const r = document.createRange();
    r.selectNodeContents(document.querySelector(sel)!);
    const b = r.getBoundingClientRect();
    return { x: b.x, y: b.y, width: b.width, height: b.height };
  }, `#${id} h2`);
  expect(l.y).toBeGreaterThanOrEqual(a.y - 0.5); // inside the content, at its top …
  expect(l.y).toBeLessThan(h.y + h.height); // … on the headline's line, beside it …
  expect(l.y + l.height).toBeLessThan(h.y + h.height + 20);
  expect(Math.abs(a.x + a.width - (l.x + l.width))).toBeLessThan(1); // … at its inline end …
  const covers = l.x < h.x + h.width && h.x < l.x + l.width && l.y < h.y + h.height && h.y < l.y + l.height;
  expect(covers).toBe(false); // … never over the headline's text
}

describe('labels on AI-generated content (SPEC §5, COMPLIANCE AI-6)', () => {
  for (const [where, head, body] of [
    ['in <head>', '', ''],
    ['at the end of <body>', 'body', ''],
    ['in <head> with defer', '', 'defer'],
  ] as const) {
    it(`labels full, empty and assisted content at its top with zero layout shift (script ${where})`, async () => {
      const tag = `<script src="/dist/candor.js"${body ? ' defer' : ''}></script>`;
      const html =
        head === 'body'
          ? sitePage({ config: CONFIG, tag: '', body: `${ARTICLES}${tag}` })
          : sitePage({ config: CONFIG, tag, body: ARTICLES });
      const url = server.page(`/content-${where.replace(/\W+/g, '-')}.html`, html);
      const { page, context, pageErrors } = await newPage();
      await page.goto(url);
      await expectLabelAtTop(page, 'full', 'AI-generated');
      await expectLabelAtTop(page, 'empty', 'AI-generated');
      await expectLabelAtTop(page, 'assisted', 'AI-modified');
      expect(await layoutShifts(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }

  it('labels content painted before Candor loaded (async tag added after first paint) with zero layout shift', async () => {
    const url = server.page('/content-async.html', sitePage({ config: CONFIG, tag: '', body: ARTICLES }));
    const { page, context } = await newPage();
    await page.goto(url);
    // Deterministically after first paint: two frames, a paint entry, then Candor's tag.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    // The paint entry is queued a moment after the frame: wait for it rather than race it.
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length === 1);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.src = '/dist/candor.js';
      s.async = true;
      document.head.append(s);
    });
    await page.waitForFunction(() => !!window.Candor);
    // The notices are the `ai` chunk, fetched once Candor has started.
    await page.waitForFunction(() => document.querySelectorAll('candor-ai-label').length >= 2);
    await expectLabelAtTop(page, 'full', 'AI-generated');
    await expectLabelAtTop(page, 'assisted', 'AI-modified');
    expect(await layoutShifts(page)).toEqual([]);
    await context.close();
  });

  it('the layout-shift measurement does catch a late block (control for the zero above)', async () => {
    const body = `${ARTICLES}<script>addEventListener('load', () => setTimeout(() => {
      const p = document.createElement('p'); p.textContent = 'Late banner'; p.style.height = '40px';
      document.querySelector('main').prepend(p);
    }, 300));</script>`;
    const url = server.page('/content-control.html', sitePage({ config: CONFIG, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.waitForTimeout(500);
    const shifts = await layoutShifts(page);
    expect(shifts.length).toBeGreaterThan(0);
    expect(shifts[0]).toBeGreaterThan(0);
    await context.close();
  });

  it('labels content added later and follows a change of data-ai-generated', async () => {
    const url = server.page('/content-later.html', sitePage({ config: CONFIG, body: '<main><h1>News</h1></main>' }));
    const { page, context } = await newPage();
    await page.goto(url);
    await expect(page.locator('candor-ai-label').count()).resolves.toBe(0);
    await page.evaluate(() => {
      const a = document.createElement('article');
      a.id = 'late';
      a.dataset.aiGenerated = 'assisted';
      a.innerHTML = '<h2>Late summary</h2><p>Text</p>';
      document.querySelector('main')!.append(a);
    });
    await expectLabelAtTop(page, 'late', 'AI-modified');
    await page.evaluate(() => (document.getElementById('late')!.dataset.aiGenerated = 'full'));
    await expectLabelAtTop(page, 'late', 'AI-generated');
    await page.evaluate(() => document.getElementById('late')!.remove());
    await expect(page.locator('candor-ai-label').count()).resolves.toBe(0);
    await context.close();
  });

  it('a custom contentSelector, on a German page: built-in German labels, and a text the owner overrides', async () => {
    const config = { policyUrl: '/privacy', lang: 'de', texts: { de: { aiAssisted: 'Mit KI überarbeitet' } }, ai: { contentSelector: '.bot-answer' } };
    const body = `<main><div class="bot-answer" id="answer"><h2>Antwort</h2><p>Text</p></div>
      <div class="bot-answer" id="edited" data-ai-generated="assisted"><h2>Bearbeitet</h2><p>Text</p></div>
      <div data-ai-generated id="other"><p>Not matched</p></div></main>`;
    const url = server.page('/content-custom.html', sitePage({ config, body, lang: 'de' }));
    const { page, context } = await newPage();
    await page.goto(url);
    const label = page.locator('#answer').getByRole('note', { name: 'KI-generiert', exact: true });
    await expect(label.isVisible()).resolves.toBe(true);
    await expect(label.innerText()).resolves.toMatch(/^AI\s*KI-generiert$/);
    await expect(page.locator('#edited').getByRole('note', { name: 'Mit KI überarbeitet', exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => document.querySelector('#answer candor-ai-label')!.shadowRoot!.querySelector('[lang]')!.getAttribute('lang'))).resolves.toBe('de');
    await expect(page.locator('#other candor-ai-label').count()).resolves.toBe(0);
    await context.close();
  });

  // Regression: every scroll event made each label be looked at again (computed styles of
  // its content and its ancestors) for ten frames, on a page with many AI-labelled posts.
  it('scrolling a page of in-flow labels looks at none of them again', async () => {
    const posts = Array.from({ length: 20 }, (_, i) => `<article data-ai-generated><h2>Post ${i}</h2><p>${'Text. '.repeat(80)}</p></article>`).join('');
    const url = server.page('/content-scroll.html', sitePage({ config: CONFIG, body: `<main>${posts}</main>` }));
    const { page, context } = await newPage();
    await page.goto(url);
    await expect.poll(() => page.locator('candor-ai-label').count()).toBe(20);
    const styleReads = await page.evaluate(async () => {
      const frames = (n: number) => new Promise<void>((r) => { const f = () => (n-- > 0 ? requestAnimationFrame(f) : r()); f(); });
      await frames(15);
      let reads = 0;
      const real = window.getComputedStyle;
      window.getComputedStyle = function (this: Window, ...args: Parameters<typeof real>) {
        reads++;
        return real.apply(this, args);
      };
      for (let y = 200; y <= 2000; y += 200) {
        window.scrollTo(0, y);
        await frames(2);
      }
      await frames(15);
      window.getComputedStyle = real;
      return reads;
    });
    expect(styleReads).toBe(0);
    // and they are all still where they belong
    await expect(page.evaluate(() => [...document.querySelectorAll('article')].every((a) => a.firstElementChild?.localName === 'candor-ai-label'))).resolves.toBe(true);
    await context.close();
  });

  it('adds nothing when the site configures no ai', async () => {
    const url = server.page('/content-no-ai.html', sitePage({ config: { policyUrl: '/privacy' }, body: ARTICLES }));
    const { page, context } = await newPage();
    await page.goto(url);
    await expect(page.evaluate(() => !!window.Candor)).resolves.toBe(true);
    await expect(page.locator('candor-ai-label').count()).resolves.toBe(0);
    await context.close();
  });
});

// Audit finding 5: a float inside a flex or grid container is one of its items (a column, a
// cell), and an image cannot hold a child; the label went in flow there and moved the page.
describe('labels on flex and grid cards and on images: at the top, zero layout shift', () => {
  const cards = `<main style="max-width:700px">
    <article id="flex" data-ai-generated style="display:flex;gap:12px;border:1px solid #ccc;padding:8px"><img width="120" height="80" alt="Thumbnail" src="/test/fixtures/none.png" style="background:#ccc"><div><h2>Flex card</h2><p>Summary text of the card.</p></div></article>
    <article id="grid" data-ai-generated="assisted" style="display:grid;grid-template-columns:1fr 2fr;gap:12px;border:1px solid #ccc;padding:8px"><h2>Grid card</h2><p>Summary text of the card, in its second column.</p></article>
    <img id="pic" data-ai-generated alt="A generated landscape" width="300" height="150" src="/test/fixtures/none.png" style="display:block;background:#9ab">
    <p>Footer text</p></main>`;
  const expectLabelOver = async (page: Page, id: string, name: string) => {
    const host = id === 'pic' ? `#pic ~ candor-ai-label, candor-ai-label:has(+ #pic)` : `#${id} > candor-ai-label`;
    const label = page.locator(`${host} [data-candor="ai-label"]`);
    await expect(label.isVisible()).resolves.toBe(true);
    await expect(label.getAttribute('aria-label')).resolves.toBe(name);
    const l = (await label.boundingBox())!;
    const c = (await page.locator(`#${id}`).boundingBox())!;
    // Inside the content's box, at its top inline-end corner.
    expect(l.y, `${id}: label ${JSON.stringify(l)} at the top of ${JSON.stringify(c)}`).toBeGreaterThanOrEqual(c.y - 0.5);
    expect(l.y).toBeLessThan(c.y + 4);
    expect(Math.abs(c.x + c.width - (l.x + l.width))).toBeLessThan(1);
    expect(l.x).toBeGreaterThanOrEqual(c.x);
    // Nothing is drawn over it.
    await expect(
      page.evaluate(
        ([x, y]) => document.elementFromPoint(x!, y!)?.localName,
        [l.x + l.width / 2, l.y + l.height / 2],
      ),
    ).resolves.toBe('candor-ai-label');
  };
  const layoutBefore = (page: Page) =>
    page.evaluate(() => ['flex', 'grid', 'pic'].flatMap((id) => {
      const el = document.getElementById(id)!;
      return [el, ...el.children].filter((e) => !e.localName.startsWith('candor')).map((e) => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].join(); });
    }));

  it('with the script deferred: every label at its content\'s top, nothing moved', async () => {
    const url = server.page('/cards-defer.html', sitePage({ config: CONFIG, tag: '<script src="/dist/candor.js" defer></script>', body: cards }));
    const { page, context, pageErrors } = await newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.querySelectorAll('candor-ai-label').length === 3);
    await expectLabelOver(page, 'flex', 'AI-generated');
    await expectLabelOver(page, 'grid', 'AI-modified');
    await expectLabelOver(page, 'pic', 'AI-generated');
    expect(await layoutShifts(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('with the script added async after first paint: every label at its content\'s top, nothing moved', async () => {
    const url = server.page('/cards-async.html', sitePage({ config: CONFIG, tag: '', body: cards }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length === 1);
    const before = await layoutBefore(page);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.src = '/dist/candor.js';
      s.async = true;
      document.head.append(s);
    });
    await page.waitForFunction(() => document.querySelectorAll('candor-ai-label').length === 3);
    await expectLabelOver(page, 'flex', 'AI-generated');
    await expectLabelOver(page, 'grid', 'AI-modified');
    await expectLabelOver(page, 'pic', 'AI-generated');
    expect(await layoutShifts(page)).toEqual([]);
    // And not only by the browser's measure: every box of the cards is where it was.
    expect(await layoutBefore(page)).toEqual(before);
    await context.close();
  });

  it('follows its content when the page above it grows', async () => {
    const url = server.page('/cards-move.html', sitePage({ config: CONFIG, body: `<div id="top"></div>${cards}` }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.querySelectorAll('candor-ai-label').length === 3);
    await page.evaluate(() => window.Candor!.rejectAll()); // the banner would lie over the image
    await page.evaluate(() => (document.getElementById('top')!.style.height = '120px'));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await expectLabelOver(page, 'flex', 'AI-generated');
    await expectLabelOver(page, 'pic', 'AI-generated');
    await context.close();
  });

  it('inside a scrolling box it is a line of its own before the content, and scrolls with it', async () => {
    const body = `<div id="list" style="height:200px;overflow:auto;border:1px solid"><p style="height:150px">Earlier</p>
      <div id="msg" data-ai-generated style="display:flex;gap:8px"><b>Bot</b><p>An answer.</p></div><p style="height:400px">Later</p></div>`;
    const url = server.page('/cards-scroller.html', sitePage({ config: CONFIG, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById('msg')!.previousElementSibling!.localName === 'candor-ai-label');
    const gap = () => page.evaluate(() => document.getElementById('msg')!.getBoundingClientRect().y - document.querySelector('candor-ai-label')!.getBoundingClientRect().bottom);
    const g = await gap();
    expect(g).toBeGreaterThanOrEqual(0);
    expect(g).toBeLessThan(4);
    await page.evaluate(() => (document.getElementById('list')!.scrollTop = 100));
    await expect(gap()).resolves.toBe(g);
    await context.close();
  });
});
