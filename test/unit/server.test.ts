// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCandor } from '../../src/entries/esm';

afterEach(() => vi.restoreAllMocks());

describe('createCandor() without a browser window (a server render)', () => {
  it('does not throw: says so once, grants only required categories and does nothing', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(typeof window).toBe('undefined');
    const candor = createCandor({ policyUrl: '/privacy', revision: '7' });
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toMatch(/^\[candor\] createCandor\(\) needs a browser window/);
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
    const ran: string[] = [];
    candor.whenGranted('necessary', () => ran.push('necessary'));
    candor.whenGranted('analytics', () => ran.push('analytics'));
    expect(ran).toEqual(['necessary']);
    expect(Object.isFrozen(candor)).toBe(true);
    expect(error).toHaveBeenCalledTimes(1);
  });

  it('names the config problems in the same one line, and fails closed', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const candor = createCandor({ policyUrl: 'javascript:alert(1)', categories: 'x' } as never);
    expect(error).toHaveBeenCalledTimes(1);
    const line = String(error.mock.calls[0]?.[0]);
    expect(line).toMatch(/needs a browser window[\s\S]*invalid config[\s\S]*policyUrl[\s\S]*categories/);
    expect(candor.getConsent().categories).toEqual({ necessary: true, preferences: false, analytics: false, marketing: false });
  });
});
