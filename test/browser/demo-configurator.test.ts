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

async function open() {
  const p = await newPage();
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
});
