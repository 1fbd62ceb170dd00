import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCandor } from '../../src/api/create-candor';
import type { CandorApi } from '../../src/api/types';

// Counts the banner's renders (the real banner still renders).
const renders = vi.hoisted(() => ({ banner: 0 }));
vi.mock('../../src/ui/banner', async (load) => {
  const real = await load<typeof import('../../src/ui/banner')>();
  return {
    Banner: class extends real.Banner {
      override render(props: { ctx: import('../../src/api/create-candor').CandorContext }) {
        renders.banner++;
        return super.render(props);
      }
    },
  };
});

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
    // With the banner up, withdraw() changes nothing it shows; the announcement follows on
    // the next tick (create-candor.ts).
    candor.withdraw();
    await vi.waitFor(() => expect(root().querySelector('[role="status"]')!.textContent).toBe('Your choices have been saved.'));
    // A re-render of the banner runs its pending layout effect (useFocusNotObscured) at once:
    // a forced layout of the page before the banner's first frame.
    expect(renders.banner).toBe(before);
    expect(root().querySelector('[data-candor="banner"]')).not.toBeNull();
  });
});
