import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { createCandor, startCandor } from '../../src/api/create-candor';
import { readConfig } from '../../src/config/read-config';
import type { CandorApi, CandorConfig, ChangeDetail, ConsentSnapshot } from '../../src/api/types';
import { type ConsentRecord, decodeRecord, encodeRecord, newConsentId, shortHash } from '../../src/storage/record';

const DAY = 86_400_000;
const CONFIG: CandorConfig = { policyUrl: '/privacy' };

const instances: CandorApi[] = [];
let errorSpy: MockInstance<typeof console.error>;

/** Starts Candor on the test page; every instance is destroyed after the test. */
function start(config: CandorConfig = CONFIG): CandorApi {
  const api = createCandor(config, window);
  instances.push(api);
  return api;
}

/** Config the type system would refuse, as a page could still pass it. */
const invalid = (config: Record<string, unknown>): CandorConfig => config as CandorConfig;

function clearCookies(): void {
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
}

/** The raw value of a cookie as the page sees it, URL-decoded. */
function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function writeCookie(name: string, value: string): void {
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/`;
}

const storedRecord = (over: Partial<ConsentRecord> = {}): ConsentRecord => {
  const now = Date.now();
  return {
    id: newConsentId(),
    revision: '1',
    givenAt: now - DAY,
    expiresAt: now + 100 * DAY,
    categories: { necessary: true, preferences: false, analytics: true, marketing: false },
    source: 'banner',
    textsHash: shortHash('x'),
    aiAcknowledgedAt: null,
    ...over,
  };
};

const shadow = () => document.querySelector('candor-widget')?.shadowRoot ?? null;
const bannerShown = () => shadow()?.querySelector('[data-candor="banner"]') != null;
/**
 * `read()` once the UI has had its chance to render: the first layer is rendered in a task of
 * its own after Candor starts (src/ui/mount.ts), so "no banner" is only meaningful after it.
 */
const rendered = async <T,>(read: () => T): Promise<T> => {
  await new Promise((r) => setTimeout(r, 0));
  return read();
};

/** Only the console.error calls that Candor made (its lines start with "[candor]"). */
const candorErrors = () => errorSpy.mock.calls.filter((args) => String(args[0]).startsWith('[candor]'));

beforeEach(() => {
  clearCookies();
  document.body.innerHTML = '';
  errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {});
});

afterEach(() => {
  for (const api of instances.splice(0)) api.destroy();
  vi.restoreAllMocks();
  clearCookies();
  document.body.innerHTML = '';
});

describe('createCandor()', () => {
  describe('getConsent()', () => {
    it('should report no choice before any, with required categories on', () => {
      const candor = start();
      expect(candor.getConsent()).toEqual({
        id: null,
        given: false,
        categories: { necessary: true, preferences: false, analytics: false, marketing: false },
        revision: '1',
        source: null,
        givenAt: null,
        expiresAt: null,
        aiAcknowledgedAt: null,
      });
      expect(errorSpy).not.toHaveBeenCalled();
    });

    it('should report the defaults of opt-out mode before any choice', () => {
      const candor = start({ policyUrl: '/p', mode: 'opt-out' });
      expect(candor.getConsent()).toMatchObject({
        given: false,
        id: null,
        categories: { necessary: true, preferences: true, analytics: true, marketing: true },
      });
    });

    it('should use the configured revision', () => {
      expect(start({ policyUrl: '/p', revision: 4 }).getConsent().revision).toBe('4');
    });

    it('should return a copy that page code cannot use to change consent', () => {
      const candor = start();
      const snapshot = candor.getConsent();
      snapshot.categories.analytics = true;
      snapshot.given = true;
      expect(candor.hasConsent('analytics')).toBe(false);
      expect(candor.getConsent().categories.analytics).toBe(false);
      expect(candor.getConsent().given).toBe(false);
    });
  });

  describe('hasConsent()', () => {
    it('should be true for required categories and false for unknown ones and non-strings', () => {
      const candor = start();
      expect(candor.hasConsent('necessary')).toBe(true);
      expect(candor.hasConsent('analytics')).toBe(false);
      expect(candor.hasConsent('nope')).toBe(false);
      expect(candor.hasConsent('toString')).toBe(false);
      expect(candor.hasConsent(undefined as unknown as string)).toBe(false);
    });
  });

  describe('acceptAll() / rejectAll()', () => {
    it('should grant every category and record the choice as given through the API', () => {
      const candor = start();
      const before = Date.now();
      candor.acceptAll();
      const c = candor.getConsent();
      expect(c.categories).toEqual({ necessary: true, preferences: true, analytics: true, marketing: true });
      expect(c).toMatchObject({ given: true, source: 'api', revision: '1', aiAcknowledgedAt: null });
      expect(c.id).toMatch(/^[0-9a-f]{32}$/);
      expect(c.givenAt).toBeGreaterThanOrEqual(before);
      expect(c.expiresAt! - c.givenAt!).toBe(182 * DAY);
      expect(candor.hasConsent('marketing')).toBe(true);
    });

    it('should deny every non-required category on rejectAll()', () => {
      const candor = start({ policyUrl: '/p', mode: 'opt-out' });
      candor.rejectAll();
      expect(candor.getConsent()).toMatchObject({
        given: true,
        source: 'api',
        categories: { necessary: true, preferences: false, analytics: false, marketing: false },
      });
    });

    it('should keep the consent id across choices', () => {
      const candor = start();
      candor.acceptAll();
      const id = candor.getConsent().id;
      candor.rejectAll();
      expect(candor.getConsent().id).toBe(id);
    });

    it('should hide the banner once a choice is made', async () => {
      const candor = start();
      expect(await rendered(bannerShown)).toBe(true);
      candor.rejectAll();
      expect(candor.getConsent().given).toBe(true);
      return vi.waitFor(() => expect(bannerShown()).toBe(false));
    });
  });

  describe('setConsent()', () => {
    it('should set the named categories and keep the others', () => {
      const candor = start();
      candor.setConsent({ analytics: true });
      expect(candor.getConsent()).toMatchObject({
        given: true,
        source: 'api',
        categories: { necessary: true, preferences: false, analytics: true, marketing: false },
      });
      candor.setConsent({ marketing: true });
      expect(candor.getConsent().categories).toEqual({ necessary: true, preferences: false, analytics: true, marketing: true });
      expect(errorSpy).not.toHaveBeenCalled();
    });

    it('should report an unknown category with one console.error and apply the valid ones', () => {
      const candor = start();
      candor.setConsent({ statistics: true, analytics: true });
      expect(errorSpy).toHaveBeenCalledTimes(1);
      expect(String(errorSpy.mock.calls[0]?.[0])).toMatch(/^\[candor\] setConsent\(\): .*"statistics" is not a configured category/);
      expect(candor.getConsent().categories).toEqual({ necessary: true, preferences: false, analytics: true, marketing: false });
      expect(candor.getConsent().categories).not.toHaveProperty('statistics');
    });

    it('should list every problem in that one console.error', () => {
      const candor = start();
      candor.setConsent({ a: true, b: false, analytics: 'yes' as unknown as boolean, necessary: false });
      expect(errorSpy).toHaveBeenCalledTimes(1);
      const line = String(errorSpy.mock.calls[0]?.[0]);
      expect(line).toContain('"a" is not a configured category');
      expect(line).toContain('"b" is not a configured category');
      expect(line).toContain('"analytics" must be true or false');
      expect(line).toContain('"necessary" is required and stays on');
    });

    it('should ignore a non-boolean value', () => {
      const candor = start({ policyUrl: '/p', mode: 'opt-out' });
      candor.setConsent({ analytics: 0 as unknown as boolean, marketing: false });
      expect(errorSpy).toHaveBeenCalledTimes(1);
      expect(candor.getConsent().categories).toMatchObject({ analytics: true, marketing: false });
    });

    it('should keep a required category on when asked to switch it off', () => {
      const candor = start();
      candor.setConsent({ necessary: false, analytics: true });
      expect(errorSpy).toHaveBeenCalledTimes(1);
      expect(candor.hasConsent('necessary')).toBe(true);
      expect(candor.hasConsent('analytics')).toBe(true);
    });

    it.each([null, 'analytics', ['analytics'], 5])('should report a non-object argument %j and record nothing', (arg) => {
      const candor = start();
      candor.setConsent(arg as unknown as Record<string, boolean>);
      expect(errorSpy).toHaveBeenCalledTimes(1);
      expect(String(errorSpy.mock.calls[0]?.[0])).toMatch(/^\[candor\] setConsent\(\)/);
      expect(candor.getConsent().given).toBe(false);
      expect(readCookie('candor_consent')).toBeUndefined();
    });

    // Bug: setConsent() calls ctx.decide(valid, 'api') even when every entry was refused, so
    // a typo such as setConsent({ statistics: true }) stores a refusal of every category as
    // the visitor's choice (source "api"), writes the cookie and hides the banner, although
    // SPEC §6 says an unknown category is "ignored".
    it('should record nothing when every entry is refused', async () => {
      const candor = start();
      const onConsent = vi.fn();
      candor.on('consent', onConsent);
      candor.setConsent({ statistics: true });
      expect(errorSpy).toHaveBeenCalledTimes(1);
      expect(onConsent).not.toHaveBeenCalled();
      expect(candor.getConsent().given).toBe(false);
      expect(readCookie('candor_consent')).toBeUndefined();
      expect(await rendered(bannerShown)).toBe(true);
    });
  });

  describe('withdraw()', () => {
    it('should not bring the banner back over a choice made right after it, nor after hide()', async () => {
      const candor = start();
      candor.acceptAll();
      await rendered(() => null);
      candor.withdraw();
      candor.acceptAll();
      await new Promise((r) => setTimeout(r, 150));
      expect(candor.getConsent().categories.analytics).toBe(true);
      expect(bannerShown()).toBe(false);
      candor.withdraw();
      candor.hide();
      await new Promise((r) => setTimeout(r, 150));
      expect(bannerShown()).toBe(false);
      // and on its own, it does come back
      candor.withdraw();
      await vi.waitFor(() => expect(bannerShown()).toBe(true));
    });
    it('should deny every non-required category, record it and show the banner again', async () => {
      const candor = start();
      candor.acceptAll();
      await vi.waitFor(() => expect(bannerShown()).toBe(false));
      const changes: ChangeDetail[] = [];
      candor.on('change', (d) => changes.push(d));
      candor.withdraw();
      expect(candor.getConsent()).toMatchObject({
        given: true,
        source: 'api',
        categories: { necessary: true, preferences: false, analytics: false, marketing: false },
      });
      expect(changes).toHaveLength(1);
      expect(changes[0]?.revoked).toEqual(['preferences', 'analytics', 'marketing']);
      expect(changes[0]?.granted).toEqual([]);
      expect(decodeRecord(readCookie('candor_consent'))?.categories).toEqual({
        necessary: true,
        preferences: false,
        analytics: false,
        marketing: false,
      });
      await vi.waitFor(() => expect(bannerShown()).toBe(true));
    });

    it('should not look through the page for gated elements: only a grant can start one', () => {
      const candor = start();
      const gated = () => spy.mock.calls.filter(([selector]) => String(selector).includes('data-category')).length;
      const spy = vi.spyOn(document, 'querySelectorAll');
      candor.acceptAll();
      expect(gated()).toBe(1);
      candor.withdraw();
      candor.rejectAll();
      expect(gated()).toBe(1);
    });
  });

  describe('events', () => {
    it('should call on("consent") on every saved choice and on("change") only when a category flips', () => {
      const candor = start();
      const consent = vi.fn();
      const change = vi.fn();
      candor.on('consent', consent);
      candor.on('change', change);
      candor.rejectAll();
      expect(consent).toHaveBeenCalledTimes(1);
      expect(change).not.toHaveBeenCalled();
      candor.setConsent({ analytics: true });
      expect(consent).toHaveBeenCalledTimes(2);
      expect(change).toHaveBeenCalledTimes(1);
      expect(change.mock.calls[0]?.[0]).toMatchObject({ granted: ['analytics'], revoked: [] });
      candor.setConsent({ analytics: true });
      expect(consent).toHaveBeenCalledTimes(3);
      expect(change).toHaveBeenCalledTimes(1);
    });

    it('should pass the current consent to on("consent")', () => {
      const candor = start();
      let seen: ConsentSnapshot | undefined;
      candor.on('consent', (c) => {
        seen = c;
      });
      candor.acceptAll();
      expect(seen).toEqual(candor.getConsent());
    });

    it('should stop calling a listener after unsubscribing', () => {
      const candor = start();
      const fn = vi.fn();
      const off = candor.on('consent', fn);
      candor.acceptAll();
      off();
      candor.rejectAll();
      expect(fn).toHaveBeenCalledTimes(1);
    });

    it('should dispatch candor:consent and candor:change on document', () => {
      const candor = start();
      const consentEvents: CustomEvent<ConsentSnapshot>[] = [];
      const changeEvents: CustomEvent<ChangeDetail>[] = [];
      const onConsent = (e: CustomEvent<ConsentSnapshot>) => consentEvents.push(e);
      const onChange = (e: CustomEvent<ChangeDetail>) => changeEvents.push(e);
      document.addEventListener('candor:consent', onConsent);
      document.addEventListener('candor:change', onChange);
      try {
        candor.setConsent({ analytics: true, marketing: true });
        candor.setConsent({ marketing: false, preferences: true });
        candor.setConsent({ preferences: true });
      } finally {
        document.removeEventListener('candor:consent', onConsent);
        document.removeEventListener('candor:change', onChange);
      }
      expect(consentEvents).toHaveLength(3);
      expect(consentEvents[2]?.detail).toMatchObject({ given: true, source: 'api' });
      expect(changeEvents.map((e) => [e.detail.granted, e.detail.revoked])).toEqual([
        [['analytics', 'marketing'], []],
        [['preferences'], ['marketing']],
      ]);
      expect(changeEvents[1]?.detail.consent.categories).toEqual({
        necessary: true,
        preferences: true,
        analytics: true,
        marketing: false,
      });
    });

    it('should dispatch candor:ready on document while starting', () => {
      const ready: ConsentSnapshot[] = [];
      const onReady = (e: CustomEvent<ConsentSnapshot>) => ready.push(e.detail);
      document.addEventListener('candor:ready', onReady);
      try {
        start();
      } finally {
        document.removeEventListener('candor:ready', onReady);
      }
      expect(ready).toHaveLength(1);
      expect(ready[0]).toMatchObject({ given: false, categories: { necessary: true, analytics: false } });
    });

    it('should call a late on("ready") subscriber at once with the current consent', () => {
      const candor = start();
      candor.acceptAll();
      const fn = vi.fn();
      candor.on('ready', fn);
      expect(fn).toHaveBeenCalledTimes(1);
      expect(fn).toHaveBeenCalledWith(candor.getConsent());
    });

    it('should report an unknown event name and return a no-op unsubscribe', () => {
      const candor = start();
      const off = candor.on('changed' as 'change', () => {});
      expect(typeof off).toBe('function');
      expect(() => off()).not.toThrow();
      expect(candorErrors()).toHaveLength(1);
    });

    it('should keep calling other listeners when one throws, and report the error to the page', () => {
      const candor = start();
      // happy-dom has no window.reportError; without one Candor rethrows from a timer.
      const reportError = vi.fn();
      Object.defineProperty(window, 'reportError', { value: reportError, configurable: true, writable: true });
      try {
        const second = vi.fn();
        candor.on('consent', () => {
          throw new Error('page bug');
        });
        candor.on('consent', second);
        expect(() => candor.acceptAll()).not.toThrow();
        expect(second).toHaveBeenCalledTimes(1);
        expect(reportError).toHaveBeenCalledWith(expect.objectContaining({ message: 'page bug' }));
        expect(candor.getConsent().given).toBe(true);
      } finally {
        delete (window as unknown as Record<string, unknown>).reportError;
      }
    });

    it('should dispatch candor:ai-acknowledged and call on("ai-acknowledged")', () => {
      const candor = start({ policyUrl: '/p', ai: {} });
      const fn = vi.fn();
      const onDoc = vi.fn();
      candor.on('ai-acknowledged', fn);
      document.addEventListener('candor:ai-acknowledged', onDoc);
      try {
        candor.acknowledgeAi();
      } finally {
        document.removeEventListener('candor:ai-acknowledged', onDoc);
      }
      expect(fn).toHaveBeenCalledTimes(1);
      expect(onDoc).toHaveBeenCalledTimes(1);
      const at = candor.getConsent().aiAcknowledgedAt;
      expect(at).toEqual(expect.any(Number));
      expect(fn.mock.calls[0]?.[0]).toMatchObject({ at });
      expect(candor.getConsent().given).toBe(false);
    });
  });

  describe('whenGranted()', () => {
    it('should call fn at once when the category is already granted', () => {
      const candor = start();
      candor.acceptAll();
      const fn = vi.fn();
      candor.whenGranted('analytics', fn);
      expect(fn).toHaveBeenCalledTimes(1);
    });

    it('should call fn for a required category at once', () => {
      const fn = vi.fn();
      start().whenGranted('necessary', fn);
      expect(fn).toHaveBeenCalledTimes(1);
    });

    it('should call fn once the category is granted later, and only once', () => {
      const candor = start();
      const fn = vi.fn();
      candor.whenGranted('analytics', fn);
      expect(fn).not.toHaveBeenCalled();
      candor.setConsent({ marketing: true });
      expect(fn).not.toHaveBeenCalled();
      candor.setConsent({ analytics: true });
      expect(fn).toHaveBeenCalledTimes(1);
      candor.setConsent({ analytics: false });
      candor.setConsent({ analytics: true });
      expect(fn).toHaveBeenCalledTimes(1);
    });

    it('should report an unknown category and never call fn', () => {
      const candor = start();
      const fn = vi.fn();
      candor.whenGranted('statistics', fn);
      candor.acceptAll();
      expect(fn).not.toHaveBeenCalled();
      expect(errorSpy).toHaveBeenCalledTimes(1);
      expect(String(errorSpy.mock.calls[0]?.[0])).toMatch(/^\[candor\] whenGranted\(\)/);
    });

    it('should report a missing function', () => {
      const candor = start();
      expect(() => candor.whenGranted('analytics', undefined as unknown as () => void)).not.toThrow();
      expect(errorSpy).toHaveBeenCalledTimes(1);
    });
  });

  describe('invalid config', () => {
    it('should log exactly one console.error starting with [candor] that lists every problem by path', () => {
      start(invalid({ policyUrl: '/p', categories: [{ id: 'necessary', required: true }, { id: 'analytics' }, { id: 'Bad' }], typo: 1 }));
      expect(errorSpy).toHaveBeenCalledTimes(1);
      const line = String(errorSpy.mock.calls[0]?.[0]);
      expect(line.startsWith('[candor]')).toBe(true);
      expect(line).toContain('categories[2].id: must match /^[a-z][a-z0-9_-]*$/');
      expect(line).toContain('typo: unknown key');
    });

    it('should grant nothing beyond required categories, even in opt-out mode or with ai.optOut', () => {
      const candor = start(invalid({ policyUrl: '/p', mode: 'opt-out', ai: { optOut: true }, typo: 1 }));
      expect(candor.getConsent().categories).toEqual({
        necessary: true,
        preferences: false,
        analytics: false,
        marketing: false,
        ai: false,
      });
    });

    it('should not apply a stored choice while the config is broken', () => {
      writeCookie('candor_consent', encodeRecord(storedRecord()));
      const candor = start(invalid({ policyUrl: '/p', typo: 1 }));
      expect(candor.getConsent().given).toBe(false);
      expect(candor.hasConsent('analytics')).toBe(false);
    });

    it('should still render the banner from the valid parts when policyUrl is usable', async () => {
      start(invalid({ policyUrl: '/p', ui: { theme: 'neon' } }));
      expect(await rendered(bannerShown)).toBe(true);
    });

    it('should report a missing policyUrl once and show no banner', async () => {
      const candor = start({});
      expect(errorSpy).toHaveBeenCalledTimes(1);
      expect(String(errorSpy.mock.calls[0]?.[0])).toMatch(/^\[candor\][\s\S]*policyUrl: is required/);
      expect(await rendered(bannerShown)).toBe(false);
      expect(candor.getConsent().given).toBe(false);
    });

    it('should not throw for a config that is not an object', () => {
      for (const config of [null, 'x', 42, []]) {
        errorSpy.mockClear();
        expect(() => start(config as unknown as CandorConfig)).not.toThrow();
        expect(candorErrors()).toHaveLength(1);
      }
    });

    // Bug: mergeConfig (src/config/read-config.ts) reads each key outside a try, so a config
    // object with a throwing getter makes createCandor() throw into the page.
    it('should not throw for a config whose getter throws', () => {
      const config = {
        get policyUrl(): string {
          throw new Error('boom');
        },
      };
      expect(() => start(config)).not.toThrow();
      expect(candorErrors()).toHaveLength(1);
    });
  });

  describe('cookie', () => {
    it('should write the choice to the candor_consent cookie', () => {
      const candor = start();
      expect(readCookie('candor_consent')).toBeUndefined();
      candor.setConsent({ analytics: true });
      const raw = readCookie('candor_consent');
      expect(raw).toBeDefined();
      const rec = decodeRecord(raw);
      expect(rec).toMatchObject({
        id: candor.getConsent().id,
        revision: '1',
        source: 'api',
        categories: { necessary: true, preferences: false, analytics: true, marketing: false },
      });
      expect(JSON.parse(raw!)).toMatchObject({ v: 1 });
    });

    it('should write the cookie under a configured name', () => {
      start({ policyUrl: '/p', cookieName: 'site_consent' }).acceptAll();
      expect(readCookie('site_consent')).toBeDefined();
      expect(readCookie('candor_consent')).toBeUndefined();
    });

    it('should restore a refusal on the next page view as durably as a consent', async () => {
      const first = start();
      first.rejectAll();
      const id = first.getConsent().id;
      first.destroy();
      const second = start();
      expect(second.getConsent()).toMatchObject({
        id,
        given: true,
        source: 'api',
        categories: { necessary: true, preferences: false, analytics: false, marketing: false },
      });
      expect(await rendered(bannerShown)).toBe(false);
    });

    it('should restore a valid stored record', () => {
      const rec = storedRecord();
      writeCookie('candor_consent', encodeRecord(rec));
      const candor = start();
      expect(candor.getConsent()).toMatchObject({ id: rec.id, given: true, source: 'banner', givenAt: rec.givenAt });
      expect(candor.hasConsent('analytics')).toBe(true);
    });

    it('should ask again for a record of another revision', async () => {
      writeCookie('candor_consent', encodeRecord(storedRecord({ revision: '1' })));
      const candor = start({ policyUrl: '/p', revision: '2' });
      expect(candor.getConsent().given).toBe(false);
      expect(await rendered(bannerShown)).toBe(true);
    });

    it('should keep the refusals of another revision until the visitor chooses again (opt-out of sale, objections)', async () => {
      const us = { policyUrl: '/p', mode: 'opt-out' as const };
      const first = start({ ...us, revision: '1' });
      first.setConsent({ marketing: false });
      first.destroy();
      // the site edits its policy: revision 2 asks again, but the opt-out stands meanwhile
      const second = start({ ...us, revision: '2' });
      expect(second.getConsent()).toMatchObject({ given: false, categories: { analytics: true, marketing: false } });
      expect(await rendered(bannerShown)).toBe(true);
      // only a new choice changes it
      second.acceptAll();
      expect(second.hasConsent('marketing')).toBe(true);
    });

    it('should store an AI acknowledgement after a revision bump when the old record refused nothing', () => {
      const first = start({ policyUrl: '/p', revision: '1' });
      first.acceptAll();
      first.destroy();
      const second = start({ policyUrl: '/p', revision: '2', ai: { chatSelector: '#chat' } });
      second.acknowledgeAi();
      expect(JSON.parse(readCookie('candor_consent')!)).toMatchObject({ r: '2' });
    });

    it('should carry no grant of another revision, and no refusal of an expired record', () => {
      const first = start({ policyUrl: '/p', revision: '1' });
      first.acceptAll();
      first.destroy();
      expect(start({ policyUrl: '/p', revision: '2' }).getConsent()).toMatchObject({ given: false, categories: { analytics: false } });
      const now = Date.now();
      writeCookie('candor_consent', encodeRecord(storedRecord({ revision: '1', givenAt: now - 200 * DAY, expiresAt: now - DAY, categories: { necessary: true, marketing: false } })));
      expect(start({ policyUrl: '/p', mode: 'opt-out', revision: '2' }).getConsent().categories).toMatchObject({ marketing: true });
    });

    it('should ask again for an expired record', () => {
      const now = Date.now();
      writeCookie('candor_consent', encodeRecord(storedRecord({ givenAt: now - 200 * DAY, expiresAt: now - DAY })));
      expect(start().getConsent().given).toBe(false);
    });

    it.each([
      ['garbage', 'not json'],
      ['a tampered category value', encodeRecord(storedRecord()).replace('"analytics":1', '"analytics":2')],
      ['an extra key', encodeRecord(storedRecord()).replace('{', '{"admin":1,')],
      ['a future version', encodeRecord(storedRecord()).replace('"v":1', '"v":2')],
    ])('should treat %s in the cookie as no consent, without throwing', async (_name, raw) => {
      writeCookie('candor_consent', raw);
      const candor = start();
      expect(candor.getConsent()).toMatchObject({ given: false, id: null });
      expect(candor.hasConsent('analytics')).toBe(false);
      expect(await rendered(bannerShown)).toBe(true);
      expect(errorSpy).not.toHaveBeenCalled();
    });

    it('should replace a tampered cookie with the next choice', () => {
      writeCookie('candor_consent', 'garbage');
      start().rejectAll();
      expect(decodeRecord(readCookie('candor_consent'))).not.toBeNull();
    });

    // Regression: the schema accepted any whole number as revision, but String(1e21) is
    // "1e+21", which the cookie codec refuses, so the choice was never restored. Numbers are
    // now limited to safe integers, whose decimal form the codec accepts.
    it('should restore a choice for every revision the schema accepts', () => {
      const config: CandorConfig = { policyUrl: '/p', revision: Number.MAX_SAFE_INTEGER };
      start(config).acceptAll();
      expect(start(config).getConsent().given).toBe(true);
    });

    it('should refuse a revision whose decimal form the cookie cannot hold', () => {
      start({ policyUrl: '/p', revision: 1e21 });
      expect(candorErrors()).toHaveLength(1);
      expect(String(candorErrors()[0]![0])).toContain('revision: must be a whole number');
    });
  });

  describe('privacy signals', () => {
    const define = (obj: object, key: string, value: unknown) =>
      Object.defineProperty(obj, key, { value, configurable: true, writable: true });

    afterEach(() => {
      for (const key of ['doNotTrack', 'globalPrivacyControl']) {
        delete (navigator as unknown as Record<string, unknown>)[key];
      }
    });

    it('should deny tracking categories under GPC in opt-out mode and store it with source "gpc"', () => {
      define(navigator, 'globalPrivacyControl', true);
      const candor = start({ policyUrl: '/p', mode: 'opt-out' });
      expect(candor.getConsent()).toMatchObject({
        given: true,
        source: 'gpc',
        categories: { necessary: true, preferences: true, analytics: false, marketing: false },
      });
      expect(decodeRecord(readCookie('candor_consent'))?.source).toBe('gpc');
    });

    it('should deny tracking categories under DNT and store it with source "dnt"', () => {
      define(navigator, 'doNotTrack', '1');
      const candor = start({ policyUrl: '/p', mode: 'opt-out' });
      expect(candor.getConsent()).toMatchObject({ source: 'dnt', categories: { analytics: false, marketing: false } });
    });

    it('should ignore DNT when respectDoNotTrack is false', () => {
      define(navigator, 'doNotTrack', '1');
      const candor = start({ policyUrl: '/p', mode: 'opt-out', respectDoNotTrack: false });
      expect(candor.getConsent()).toMatchObject({ given: false, categories: { analytics: true } });
    });

    it('should leave an explicit earlier choice as it is', () => {
      writeCookie('candor_consent', encodeRecord(storedRecord()));
      define(navigator, 'globalPrivacyControl', true);
      const candor = start();
      expect(candor.getConsent()).toMatchObject({ source: 'banner', categories: { analytics: true } });
    });

    // Bug: a broken config skips the stored choice (fail closed), so the refusal saw "no
    // choice yet" and overwrote the visitor's explicit opt-in (and logged the refusal).
    it('should apply the refusal in memory only while the config is broken, keeping the stored choice', () => {
      const beacon = vi.fn(() => true);
      Object.defineProperty(navigator, 'sendBeacon', { value: beacon, configurable: true, writable: true });
      try {
        const raw = encodeRecord(storedRecord());
        writeCookie('candor_consent', raw);
        define(navigator, 'globalPrivacyControl', true);
        const broken = start(invalid({ policyUrl: '/p', consentLogUrl: '/log', typo: 1 }));
        expect(broken.getConsent()).toMatchObject({ given: true, source: 'gpc', categories: { analytics: false } });
        expect(readCookie('candor_consent')).toBe(raw);
        expect(beacon).not.toHaveBeenCalled();
        broken.destroy();
        // fixed: the stored choice is back
        expect(start({ policyUrl: '/p', consentLogUrl: '/log' }).getConsent()).toMatchObject({ source: 'banner', categories: { analytics: true } });
        expect(beacon).not.toHaveBeenCalled();
      } finally {
        delete (navigator as unknown as Record<string, unknown>).sendBeacon;
      }
    });

    // Bug: acknowledgeAi() with a broken config wrote a record built from the unrestored
    // state, replacing the visitor's stored choice.
    it('should keep the stored choice when the AI notice is acknowledged while the config is broken', () => {
      const raw = encodeRecord(storedRecord());
      writeCookie('candor_consent', raw);
      const broken = start(invalid({ policyUrl: '/p', typo: 1 }));
      broken.acknowledgeAi();
      expect(broken.getConsent().aiAcknowledgedAt).not.toBeNull();
      expect(readCookie('candor_consent')).toBe(raw);
      broken.destroy();
      expect(start({ policyUrl: '/p' }).getConsent()).toMatchObject({ source: 'banner', categories: { analytics: true } });
    });

    // Bug: the refusal's events fired before `ready`, before window.Candor was set.
    it('should fire the refusal\'s events after ready, and those of a decision made in a ready listener after them', () => {
      define(navigator, 'globalPrivacyControl', true);
      const heard: string[] = [];
      let exposed: CandorApi | undefined;
      const names = ['ready', 'consent', 'change'] as const;
      const listeners = names.map((n) => {
        const fn = (e: Event) => {
          const d = (e as CustomEvent<ConsentSnapshot & ChangeDetail>).detail;
          heard.push(`${n}:${(d.consent ?? d).source}:${exposed ? 'api' : 'no api'}`);
          if (n === 'ready') exposed!.setConsent({ analytics: true });
        };
        document.addEventListener(`candor:${n}`, fn);
        return () => document.removeEventListener(`candor:${n}`, fn);
      });
      try {
        instances.push(startCandor(readConfig({ global: { policyUrl: '/p' } }), window, { expose: (api) => (exposed = api) }));
      } finally {
        for (const off of listeners) off();
      }
      expect(heard).toEqual(['ready:gpc:api', 'consent:gpc:api', 'consent:api:api', 'change:api:api']);
    });

    it('should let the visitor opt in explicitly despite GPC', () => {
      define(navigator, 'globalPrivacyControl', true);
      const candor = start();
      candor.setConsent({ analytics: true });
      expect(candor.hasConsent('analytics')).toBe(true);
    });
  });

  describe('several tabs', () => {
    it('should apply a choice another tab stored when the page gets focus again', () => {
      const candor = start();
      const change = vi.fn();
      candor.on('change', change);
      writeCookie('candor_consent', encodeRecord(storedRecord()));
      window.dispatchEvent(new Event('focus'));
      expect(candor.getConsent()).toMatchObject({ given: true, source: 'banner', categories: { analytics: true } });
      expect(change).toHaveBeenCalledTimes(1);
      expect(change.mock.calls[0]?.[0]).toMatchObject({ granted: ['analytics'], revoked: [] });
    });

    it('should apply a choice made in another instance through BroadcastChannel', async () => {
      if (typeof window.BroadcastChannel !== 'function') {
        // happy-dom without BroadcastChannel: the focus fallback above covers other tabs.
        expect(window.BroadcastChannel).toBeUndefined();
        return;
      }
      const a = start();
      const b = start();
      a.setConsent({ marketing: true });
      await vi.waitFor(() => expect(b.hasConsent('marketing')).toBe(true));
      expect(b.getConsent().id).toBe(a.getConsent().id);
    });
  });

  describe('consentLogUrl', () => {
    it('should send each saved record to the log with sendBeacon', () => {
      const beacon = vi.fn((_url: string | URL, _body?: BodyInit | null) => true);
      Object.defineProperty(navigator, 'sendBeacon', { value: beacon, configurable: true, writable: true });
      try {
        const candor = start({ policyUrl: '/p', consentLogUrl: '/consent-log' });
        candor.setConsent({ analytics: true });
        expect(beacon).toHaveBeenCalledTimes(1);
        expect(beacon.mock.calls[0]?.[0]).toBe('/consent-log');
        const body = JSON.parse(String(beacon.mock.calls[0]?.[1])) as Record<string, unknown>;
        expect(body).toMatchObject({ id: candor.getConsent().id, source: 'api', categories: { analytics: true } });
        expect(body.url).toBe(`${location.origin}${location.pathname}`);
        // exactly the record's fields (SPEC §3) and the page, nothing else
        expect(Object.keys(body)).toEqual(['id', 'revision', 'givenAt', 'expiresAt', 'categories', 'source', 'textsHash', 'aiAcknowledgedAt', 'url']);
      } finally {
        delete (navigator as unknown as Record<string, unknown>).sendBeacon;
      }
    });
  });

  describe('destroy()', () => {
    it('should remove the widget and stop calling listeners', async () => {
      const candor = start();
      expect(await rendered(() => document.querySelector('candor-widget'))).not.toBeNull();
      const fn = vi.fn();
      candor.on('consent', fn);
      candor.destroy();
      expect(document.querySelector('candor-widget')).toBeNull();
      candor.acceptAll();
      expect(fn).not.toHaveBeenCalled();
    });

    it('should leave no widget when called before the UI has rendered', async () => {
      start().destroy();
      expect(await rendered(() => document.querySelector('candor-widget'))).toBeNull();
    });

    it('should render the first layer through the browser scheduler where there is one, and not after destroy()', async () => {
      // A stand-in for the browser's own scheduler (happy-dom has none): tasks run when told.
      const queued: (() => void)[] = [];
      class Scheduler {
        postTask(fn: () => void, options: { priority: string }) {
          expect(options.priority).toBe('user-blocking');
          queued.push(fn);
          return Promise.resolve();
        }
      }
      const w = window as unknown as { Scheduler?: unknown; scheduler?: unknown };
      w.Scheduler = Scheduler;
      w.scheduler = new Scheduler();
      try {
        const kept = start();
        const dropped = start();
        expect(queued).toHaveLength(2);
        dropped.destroy();
        await rendered(() => null);
        // nothing before the scheduler runs the task (no timeout either)
        expect(document.querySelectorAll('candor-widget')).toHaveLength(0);
        for (const fn of queued) fn();
        expect(document.querySelectorAll('candor-widget')).toHaveLength(1);
        kept.destroy();
        expect(document.querySelector('candor-widget')).toBeNull();
      } finally {
        delete w.Scheduler;
        delete w.scheduler;
      }
    });

    it('should fall back to a timeout when a page has its own `scheduler` object', async () => {
      const w = window as unknown as { scheduler?: unknown };
      w.scheduler = { postTask: () => { throw new Error('not the browser one'); } };
      try {
        start();
        expect(await rendered(bannerShown)).toBe(true);
      } finally {
        delete w.scheduler;
      }
    });

    it('should stop following other tabs', () => {
      const candor = start();
      candor.destroy();
      writeCookie('candor_consent', encodeRecord(storedRecord()));
      window.dispatchEvent(new Event('focus'));
      expect(candor.getConsent().given).toBe(false);
    });

    it('should be safe to call twice', () => {
      const candor = start();
      candor.destroy();
      expect(() => candor.destroy()).not.toThrow();
    });
  });

  describe('api object', () => {
    it('should be frozen and carry a version string', () => {
      const candor = start();
      expect(Object.isFrozen(candor)).toBe(true);
      expect(typeof candor.version).toBe('string');
      expect(candor.version.length).toBeGreaterThan(0);
    });
  });
});

describe('the texts hash in the record', () => {
  const storedHash = () => decodeRecord(readCookie('candor_consent'))?.textsHash;

  it('is the same for every decision on a page, and differs when the texts differ', () => {
    const candor = start();
    candor.acceptAll();
    const first = storedHash();
    candor.rejectAll();
    expect(first).toMatch(/^\w+$/);
    expect(storedHash()).toBe(first);
    candor.destroy();
    clearCookies();
    start({ ...CONFIG, texts: { en: { bannerText: 'Other words' } } }).acceptAll();
    expect(storedHash()).toMatch(/^\w+$/);
    expect(storedHash()).not.toBe(first);
  });
});
