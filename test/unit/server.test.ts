// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCandor } from '../../src/entries/esm';

afterEach(() => vi.restoreAllMocks());

describe('createCandor() without a browser window (a server render)', () => {
  it('does not throw: says so once, grants only required categories and does nothing', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(typeof window).toBe('undefined');
    const candor = createCandor({ policyUrl: '/privacy', revision: '7' });
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/^\[candor\] createCandor\(\) needs a browser window/);
    expect(candor.getConsent()).toEqual({
      id: null,
      given: false,
      categories: { necessary: true, preferences: false, analytics: false, marketing: false },
      revision: '7',
      source: null,
      givenAt: null,
      expiresAt: null,
      aiAcknowledgedAt: null,
    });
    expect(candor.hasConsent('necessary')).toBe(true);
    expect(candor.hasConsent('analytics')).toBe(false);
    expect(candor.hasConsent('__proto__')).toBe(false);
    // every action is harmless and changes nothing
    candor.acceptAll();
    candor.setConsent({ analytics: true });
    candor.withdraw();
    candor.showBanner();
    candor.showPreferences();
    candor.hide();
    candor.acknowledgeAi();
    candor.destroy();
    expect(candor.hasConsent('analytics')).toBe(false);
    expect(typeof candor.on('change', () => {})).toBe('function');
    // page code is for the browser: nothing runs here
    const ran: string[] = [];
    candor.whenGranted('necessary', () => ran.push('necessary'));
    candor.whenGranted('analytics', () => ran.push('analytics'));
    expect(ran).toEqual([]);
    expect(Object.isFrozen(candor)).toBe(true);
    // a server renders many pages: said once per process
    createCandor({ policyUrl: '/privacy' });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(error).not.toHaveBeenCalled();
  });

  it('an invalid config fails closed here too', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const candor = createCandor({ policyUrl: 'javascript:alert(1)', categories: 'x' } as never);
    expect(candor.getConsent().categories).toEqual({ necessary: true, preferences: false, analytics: false, marketing: false });
    expect(candor.hasConsent('necessary')).toBe(true);
  });
});
