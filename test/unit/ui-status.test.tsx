import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCandor } from '../../src/api/create-candor';
import type { CandorApi } from '../../src/api/types';

// Counts the banner's and the floating button's renders (the real ones still render).
type Ctx = import('../../src/api/create-candor').CandorContext;
const { renders, counted } = vi.hoisted(() => {
  const renders = { banner: 0, fab: 0 };
  // biome-ignore lint/suspicious/noExplicitAny: a mixin's constructor takes any[] (TS2545)
  const counted = <C extends new (...a: any[]) => { render(p: { ctx: Ctx }): unknown }>(Real: C, key: keyof typeof renders) =>
    class extends Real {
      override render(props: { ctx: Ctx }) {
        renders[key]++;
        return super.render(props);
      }
    };
  return { renders, counted };
});
vi.mock('../../src/ui/floating-button', async (load) => ({
  FloatingButton: counted((await load<typeof import('../../src/ui/floating-button')>()).FloatingButton, 'fab'),
}));
vi.mock('../../src/ui/banner', async (load) => ({
  Banner: counted((await load<typeof import('../../src/ui/banner')>()).Banner, 'banner'),
}));

let candor: CandorApi | undefined;
afterEach(() => {
  candor?.destroy();
  candor = undefined;
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
});

const root = () => document.querySelector('candor-widget')!.shadowRoot!;

describe('the live region', () => {
  it('announces a saved choice without rendering the banner again', async () => {
    candor = createCandor({ policyUrl: '/privacy' }, window);
    // (The banner renders in a task of its own: src/ui/mount.ts.)
    await new Promise((r) => setTimeout(r, 0));
    expect(root().querySelector('[data-candor="banner"]')).not.toBeNull();
    // (Subscribing to a signal, after the first paint, renders once more.)
    await new Promise((r) => setTimeout(r, 100));
    const before = renders.banner;
    // With the banner up, withdraw() changes nothing it shows but the live region's words
    // (create-candor.ts).
    candor.withdraw();
    await vi.waitFor(() => expect(root().querySelector('[role="status"]')!.textContent).toBe('Your choices have been saved.'));
    // A re-render of the banner runs its pending layout effect (useFocusNotObscured) at once:
    // a forced layout of the page before the banner's first frame.
    expect(renders.banner).toBe(before);
    expect(root().querySelector('[data-candor="banner"]')).not.toBeNull();
  });

  it('a choice does not render the floating button again when no privacy signal is in force', async () => {
    candor = createCandor({ policyUrl: '/privacy' }, window);
    await new Promise((r) => setTimeout(r, 0));
    candor.rejectAll();
    await vi.waitFor(() => expect(root().querySelector('[data-candor="floating-button"]')).not.toBeNull());
    await new Promise((r) => setTimeout(r, 50));
    const before = renders.fab;
    const said = () => root().querySelector('[role="status"]')!.textContent;
    const was = said();
    candor.setConsent({ analytics: true });
    // (rendered: the live region changed; a repeat of the words ends in a no-break space)
    await vi.waitFor(() => expect(said()).not.toBe(was));
    candor.setConsent({ analytics: false });
    await vi.waitFor(() => expect(said()).toBe(was));
    await new Promise((r) => setTimeout(r, 50));
    expect(before).toBeGreaterThan(0);
    expect(renders.fab).toBe(before);
  });

  it('says nothing for a choice when the site set its words to ""', async () => {
    candor = createCandor({ policyUrl: '/privacy', texts: { en: { saved: '' } } }, window);
    await new Promise((r) => setTimeout(r, 0));
    candor.rejectAll();
    await new Promise((r) => setTimeout(r, 50));
    // (not a lone no-break space: "the same words again")
    expect(root().querySelector('[role="status"]')!.textContent).toBe('');
  });
});
