import { h } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createCandor } from '../../src/api/create-candor';
import type { CandorApi } from '../../src/api/types';

let candor: CandorApi | undefined;

afterEach(() => {
  candor?.destroy();
  candor = undefined;
  document.body.innerHTML = '';
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
});

describe('createCandor() UI', () => {
  it('should render a banner with "Accept all", "Reject all" and "Customize" buttons inside the open shadow root of <candor-widget>', async () => {
    candor = createCandor({ policyUrl: '/privacy' }, window);
    // The banner renders in a task of its own (src/ui/mount.ts), not inside createCandor().
    expect(document.querySelector('candor-widget')).toBeNull();
    await new Promise((r) => setTimeout(r, 0));
    const host = document.querySelector('candor-widget');
    expect(host).not.toBeNull();
    const root = host!.shadowRoot;
    expect(root).not.toBeNull();
    expect(root!.mode).toBe('open');
    const banner = root!.querySelector('[data-candor="banner"]');
    expect(banner).not.toBeNull();
    const labels = [...banner!.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(labels).toEqual(['Accept all', 'Reject all', 'Customize']);
    // Nothing of the widget leaks into the light DOM.
    expect(document.body.querySelector('[data-candor="banner"]')).toBeNull();
  });
});
