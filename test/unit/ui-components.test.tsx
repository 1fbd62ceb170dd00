import { h } from 'preact';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CandorContext } from '../../src/api/create-candor';
import { resolveConfig } from '../../src/config/resolve';
import type { ConfigInput } from '../../src/config/schema';
import { createConsentStore } from '../../src/core/consent-store';
import { createUiState } from '../../src/core/ui-state';
import type { PrivacySignal } from '../../src/signals/privacy-signals';
import { Banner } from '../../src/ui/banner';
import { FloatingButton } from '../../src/ui/floating-button';
import { Preferences } from '../../src/ui/preferences';

afterEach(cleanup);

function makeCtx(input: ConfigInput, signal: PrivacySignal = null) {
  const config = resolveConfig({ policyUrl: '/privacy', ...input });
  const store = createConsentStore({
    categories: config.categories,
    revision: config.revision,
    mode: config.mode,
    maxAgeDays: 182,
    signal,
    degraded: false,
    textsHash: 'h',
    now: () => 1,
    newId: () => 'id',
  });
  const decide = vi.fn((choices: Record<string, boolean>) => {
    store.decide(choices, 'banner');
  });
  const ctx = {
    config,
    store,
    ui: createUiState('banner'),
    win: window,
    doc: document,
    signal,
    decide,
    acceptAll: vi.fn(),
    rejectAll: vi.fn(),
    acknowledgeAi: vi.fn(),
    onDecision: () => () => {},
    lastFocus: { current: null },
  } as unknown as CandorContext;
  return { ctx, decide };
}

const SERVICES: ConfigInput['categories'] = [
  { id: 'necessary' },
  {
    id: 'analytics',
    services: [
      {
        name: 'Google Analytics',
        provider: 'Google Ireland Ltd.',
        purpose: 'Visitor statistics',
        privacyUrl: 'javascript:alert(1)',
        cookies: [{ name: '_ga', duration: '2 years' }, { name: '_gid', duration: '24 hours', description: 'Tells visits apart' }],
      },
    ],
  },
];

describe('<Banner>', () => {
  it('offers Accept all, Reject all and Customize as three buttons of one class', () => {
    const { ctx } = makeCtx({});
    render(<Banner ctx={ctx} />);
    const names = ['Accept all', 'Reject all', 'Customize'];
    const buttons = names.map((n) => screen.getByRole('button', { name: n }));
    expect(new Set(buttons.map((b) => b.className))).toEqual(new Set(['btn']));
    expect(screen.getByRole('region', { name: 'We value your privacy' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Privacy policy' }).getAttribute('href')).toBe('/privacy');
    expect(screen.queryByRole('checkbox')).toBeNull(); // nothing to pre-tick on the first layer
  });

  it('in opt-out mode is a notice at collection whose Do Not Sell turns off every tracking category', async () => {
    const { ctx, decide } = makeCtx({ mode: 'opt-out' });
    render(<Banner ctx={ctx} />);
    expect(screen.queryByRole('button', { name: 'Accept all' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Do Not Sell or Share My Personal Information' }));
    // with its own words for the live region (the browser test hears them said)
    expect(decide).toHaveBeenCalledWith({ analytics: false, marketing: false }, 'banner', 'You have opted out of the sale and sharing of your personal information.');
  });

  it('says "Opt-out preference signal honored" when GPC is in force', () => {
    const { ctx } = makeCtx({}, 'gpc');
    render(<Banner ctx={ctx} />);
    expect(screen.getByText('Opt-out preference signal honored')).toBeTruthy();
  });
});

describe('<Preferences>', () => {
  it('is a labelled modal dialog with unticked switches and a locked required one', () => {
    const { ctx } = makeCtx({});
    render(<Preferences ctx={ctx} />);
    const dialog = screen.getByRole('dialog', { name: 'Privacy settings' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const necessary = screen.getByRole('switch', { name: /Necessary/ }) as HTMLInputElement;
    expect(necessary.checked && necessary.disabled).toBe(true);
    for (const n of ['Preferences', 'Analytics', 'Marketing']) {
      expect((screen.getByRole('switch', { name: n }) as HTMLInputElement).checked).toBe(false);
    }
  });

  it('Save choices stores exactly the switches set', () => {
    const { ctx, decide } = makeCtx({});
    render(<Preferences ctx={ctx} />);
    fireEvent.click(screen.getByRole('switch', { name: 'Analytics' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save choices' }));
    expect(decide).toHaveBeenCalledWith({ necessary: true, preferences: false, analytics: true, marketing: false }, 'preferences');
  });

  it('Escape grants nothing and goes back to the layer that opened it', () => {
    const { ctx, decide } = makeCtx({});
    ctx.ui.previous.value = 'banner';
    render(<Preferences ctx={ctx} />);
    fireEvent.click(screen.getByRole('switch', { name: 'Marketing' }));
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(decide).not.toHaveBeenCalled();
    expect(ctx.acceptAll).not.toHaveBeenCalled();
    expect(ctx.rejectAll).not.toHaveBeenCalled();
    expect(ctx.store.consent.peek().given).toBe(false);
    expect(ctx.ui.view.value).toBe('banner');
  });

  it('lists services and a cookie table (name, provider, purpose, duration), refusing unsafe links', () => {
    const { ctx } = makeCtx({ categories: SERVICES });
    render(<Preferences ctx={ctx} />);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Name', 'Provider', 'Purpose', 'Duration']);
    // each cell's value, without the column name shown beside it on narrow screens (aria-hidden)
    const rows = screen.getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td')].map((td) => td.lastChild?.textContent));
    expect(rows).toEqual([
      ['_ga', 'Google Ireland Ltd.', 'Visitor statistics', '2 years'],
      ['_gid', 'Google Ireland Ltd.', 'Tells visits apart', '24 hours'],
    ]);
    expect(document.querySelector('a[href^="javascript"]')).toBeNull();
  });

  it('in opt-out mode offers Do Not Sell in place of Reject all', () => {
    const { ctx, decide } = makeCtx({ mode: 'opt-out' });
    render(<Preferences ctx={ctx} />);
    expect(screen.queryByRole('button', { name: 'Reject all' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Do Not Sell or Share My Personal Information' }));
    expect(decide).toHaveBeenCalledWith({ analytics: false, marketing: false }, 'preferences', 'You have opted out of the sale and sharing of your personal information.');
  });
});

describe('<FloatingButton>', () => {
  it('is named "Privacy settings" and shows the GPC note beside it', () => {
    const { ctx } = makeCtx({}, 'gpc');
    render(<FloatingButton ctx={ctx} />);
    const fab = screen.getByRole('button', { name: 'Privacy settings' });
    expect(fab.getAttribute('aria-describedby')).toBe('candor-fab-signal');
    expect(document.getElementById('candor-fab-signal')!.textContent).toBe('Opt-out preference signal honored');
    fireEvent.click(fab);
    expect(ctx.ui.view.value).toBe('preferences');
    expect(ctx.lastFocus.current).toBe(fab);
  });
});
