import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse';
import { newPage, TestServer } from './harness';

// demo/configurator.html: the form writes the snippet and drives a live preview of the real
// widget (demo/preview.html loading /dist/candor.js); Candor's own schema messages show at
// the field they are about.
let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(() => server?.close());

const URL_MESSAGE = parseConfig({ policyUrl: 'javascript:alert(1)' }).errors;

async function open(options: Parameters<typeof newPage>[0] = {}) {
  const p = await newPage(options);
  await p.page.goto(server.url('/demo/configurator.html'));
  const preview = p.page.frameLocator('#preview');
  await preview.locator('[data-candor="banner"]').waitFor();
  return { ...p, preview };
}

describe('configurator', () => {
  it('changing a field updates the snippet and the preview', async () => {
    const { page, context, preview, pageErrors } = await open();
    await page.locator('#policyUrl').fill('/legal/privacy');
    await page.locator('#theme').selectOption('dark');
    const snippet = await page.locator('#snippet').innerText();
    const json = JSON.parse(/<script type="application\/json" id="candor-config">\n([\s\S]*)\n<\/script>/.exec(snippet)![1]!);
    expect(json).toEqual({ policyUrl: '/legal/privacy', ui: { theme: 'dark' } });
    expect(snippet).toContain('<script src="/candor/candor.js" defer></script>');
    // The preview reloads with the new config: the real banner links the new policy, in dark.
    await preview.locator('[data-candor="banner"] a[href="/legal/privacy"]').waitFor();
    await preview.locator('.candor.theme-dark').waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('AI options reach the preview: the chat gets its notice with the providers', async () => {
    const { page, context, preview } = await open();
    await page.locator('#ai-on').check();
    await page.locator('#chatSelector').fill('#chat');
    await page.locator('#providers').fill('OpenAI, Mistral AI');
    const notice = preview.locator('#chat > candor-ai-notice [data-candor="ai-notice"]');
    await notice.getByText('AI providers: OpenAI, Mistral AI').waitFor();
    expect(await page.locator('#snippet').innerText()).toContain('"chatSelector": "#chat"');
    await context.close();
  });

  it('an invalid URL shows the schema message at its field, and fixing it clears it', async () => {
    expect(URL_MESSAGE).toEqual(['policyUrl: must be an http(s) URL or a root-relative path (starting with "/")']);
    const { page, context } = await open();
    await page.locator('#policyUrl').fill('javascript:alert(1)');
    const error = page.locator('[data-path="policyUrl"] .field-error');
    await error.waitFor();
    expect(await error.innerText()).toBe(URL_MESSAGE[0]);
    await expect(page.locator('#policyUrl').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#policyUrl').getAttribute('aria-describedby')).resolves.toBe(await error.getAttribute('id'));
    // No other field is blamed.
    await expect(page.locator('.field-error[data-for]').count()).resolves.toBe(1);

    await page.locator('#policyUrl').fill('https://example.com/privacy');
    await expect.poll(() => page.locator('.field-error[data-for]').count()).toBe(0);
    await expect(page.locator('#policyUrl').getAttribute('aria-invalid')).resolves.toBeNull();
    await context.close();
  });

  it('a bad category id and a bad chat selector are reported at their own fields', async () => {
    const { page, context } = await open();
    await page.locator('#cat-2-id').fill('Web Stats');
    await page.locator('#ai-on').check();
    await page.locator('#chatSelector').fill('#chat[');
    const catError = page.locator('.category:nth-child(3) .field-error');
    await catError.waitFor();
    expect(await catError.innerText()).toBe(parseConfig({ categories: [{ id: 'necessary' }, { id: 'preferences' }, { id: 'Web Stats' }] }).errors[0]);
    const selError = page.locator('[data-path="ai.chatSelector"] .field-error');
    await selError.waitFor();
    expect(await selError.innerText()).toBe('ai.chatSelector: must be a valid CSS selector');
    await context.close();
  });

  it('language: German in the form gives the German banner in the preview', async () => {
    const { page, context, preview } = await open();
    await page.locator('#lang').selectOption('de');
    expect(await page.locator('#snippet').innerText()).toContain('"lang": "de"');
    await preview.locator('[data-candor-action="accept"]', { hasText: 'Alle akzeptieren' }).waitFor();
    await expect(preview.locator('[data-candor-action="reject"]').innerText()).resolves.toBe('Alle ablehnen');
    await context.close();
  });

  it('mode: opt-out gives the US notice with "Do Not Sell or Share My Personal Information" in the preview', async () => {
    const { page, context, preview } = await open();
    await expect(preview.locator('[data-candor-action="do-not-sell"]').count()).resolves.toBe(0);
    await page.locator('#mode').selectOption('opt-out');
    expect(await page.locator('#snippet').innerText()).toContain('"mode": "opt-out"');
    const button = preview.locator('[data-candor="banner"] [data-candor-action="do-not-sell"]');
    await button.waitFor();
    expect(await button.innerText()).toBe('Do Not Sell or Share My Personal Information');
    await context.close();
  });

  it('position: the preview banner moves to where the form says', async () => {
    const { page, context, preview } = await open();
    const banner = preview.locator('[data-candor="banner"]');
    // The banner's box against the preview's own viewport.
    const geometry = () =>
      banner.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, middle: (r.top + r.bottom) / 2, width: innerWidth, height: innerHeight };
      });
    const bottom = await geometry();
    expect(bottom.left).toBeLessThan(20);
    expect(bottom.right).toBeGreaterThan(bottom.width - 20);

    await page.locator('#position').selectOption('bottom-right');
    await preview.locator('.candor.pos-bottom-right [data-candor="banner"]').waitFor();
    const right = await geometry();
    expect(right.right).toBeGreaterThan(right.width - 20);
    expect(right.left).toBeGreaterThan(right.width / 4);
    expect(right.middle).toBeGreaterThan(right.height / 2);

    await page.locator('#position').selectOption('center');
    await preview.locator('.candor.pos-center [data-candor="banner"]').waitFor();
    const center = await geometry();
    expect(Math.abs(center.middle - center.height / 2)).toBeLessThan(2);
    expect(Math.abs((center.left + center.right) / 2 - center.width / 2)).toBeLessThan(2);
    await context.close();
  });

  it('services text becomes services[].cookies[]; a missing duration is reported at that textarea', async () => {
    const { page, context, preview } = await open();
    const services = page.locator('#cat-2-services');
    await services.fill('Web stats, _ga, 2 years\nWeb stats, _gid, 24 hours');
    const json = () => page.locator('#snippet').innerText().then((t) => JSON.parse(/id="candor-config">\n([\s\S]*)\n<\/script>/.exec(t)![1]!));
    expect((await json()).categories[2]).toEqual({
      id: 'analytics',
      services: [{ name: 'Web stats', cookies: [{ name: '_ga', duration: '2 years' }, { name: '_gid', duration: '24 hours' }] }],
    });
    // The real preference center lists them, once the preview has reloaded with this config.
    await expect.poll(() => page.frames().some((f) => decodeURIComponent(f.url()).includes('"_gid"'))).toBe(true);
    await preview.locator('[data-candor-action="customize"]').click();
    await preview.locator('[data-candor="preferences"] table.cookies td', { hasText: '_gid' }).waitFor({ state: 'attached' });

    await services.fill('Web stats, _ga');
    const expected = parseConfig({ categories: [{ id: 'necessary', required: true }, { id: 'preferences' }, { id: 'analytics', services: [{ name: 'Web stats', cookies: [{ name: '_ga', duration: '' }] }] }, { id: 'marketing' }] }).errors;
    expect(expected).toHaveLength(1);
    expect(expected[0]).toMatch(/^categories\[2\]\.services\[0\]\.cookies\[0\]\.duration: /);
    const error = page.locator('.category:nth-child(3) .field-error');
    await error.first().waitFor();
    await expect(error.count()).resolves.toBe(1);
    expect(await error.innerText()).toBe(expected[0]);
    // At the textarea: its own field, marked invalid and described by the message.
    expect(await error.evaluate((e) => e.parentElement!.querySelector('textarea')?.id)).toBe('cat-2-services');
    await expect(services.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(services.getAttribute('aria-describedby')).resolves.toBe(await error.getAttribute('id'));
    await context.close();
  });

  it('Copy puts exactly the shown snippet on the clipboard', async () => {
    const { page, context } = await open({ permissions: ['clipboard-read', 'clipboard-write'] });
    await page.locator('#policyUrl').fill('/legal/privacy');
    await page.locator('#copy').click();
    // The clipboard write is asynchronous: the status says so once it has resolved.
    await expect.poll(() => page.locator('#copy-status').innerText()).toBe('Copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.locator('#snippet').textContent());
    expect(copied).toContain('"policyUrl": "/legal/privacy"');
    await context.close();
  });

  it('Copy without clipboard access selects exactly the shown snippet and says how to copy it', async () => {
    const p = await newPage();
    await p.context.addInitScript(`Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });`);
    await p.page.goto(server.url('/demo/configurator.html'));
    await p.page.locator('#copy').click();
    await expect.poll(() => p.page.locator('#copy-status').innerText()).toContain('press Ctrl+C');
    const selected = await p.page.evaluate(() => getSelection()!.toString());
    expect(selected).toBe(await p.page.locator('#snippet').textContent());
    await p.context.close();
  });
});
