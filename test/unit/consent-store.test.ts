import { describe, expect, it } from 'vitest';
import { type Category, resolveConfig } from '../../src/config/resolve';
import { type ConsentStoreOptions, createConsentStore } from '../../src/core/consent-store';
import { type ConsentRecord, DAY } from '../../src/storage/record';

const NOW = Date.UTC(2026, 2, 1);

/** The resolved default categories, plus the `ai` objection-right category when asked for. */
const categories = (withAi = false): Category[] => resolveConfig(withAi ? { ai: { optOut: true } } : {}).categories;

function makeStore(over: Partial<ConsentStoreOptions> = {}) {
  let t = NOW;
  let n = 0;
  const clock = { advance: (ms: number) => (t += ms) };
  const store = createConsentStore({
    categories: categories(),
    revision: '1',
    mode: 'opt-in',
    maxAgeDays: 182,
    signal: null,
    degraded: false,
    textsHash: 'h1',
    now: () => t,
    newId: () => `id${String(++n).padStart(8, '0')}`,
    ...over,
  });
  return { store, clock };
}

const record = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id: 'stored0001',
  revision: '1',
  givenAt: NOW - DAY,
  expiresAt: NOW + 100 * DAY,
  categories: { necessary: true, preferences: true, analytics: false, marketing: true },
  source: 'preferences',
  textsHash: 'h0',
  aiAcknowledgedAt: null,
  ...over,
});

describe('createConsentStore()', () => {
  describe('baseline before any choice', () => {
    it('should grant only required categories in opt-in mode', () => {
      const { store } = makeStore();
      expect(store.consent.value).toEqual({
        id: null,
        given: false,
        categories: { necessary: true, preferences: false, analytics: false, marketing: false },
        revision: '1',
        source: null,
        givenAt: null,
        expiresAt: null,
        aiAcknowledgedAt: null,
      });
      expect(store.record.value).toBeNull();
    });

    it('should grant every category in opt-out mode', () => {
      const { store } = makeStore({ mode: 'opt-out' });
      expect(store.consent.value.categories).toEqual({ necessary: true, preferences: true, analytics: true, marketing: true });
      expect(store.consent.value.given).toBe(false);
    });

    it.each(['dnt', 'gpc'] as const)('should keep tracking categories off in opt-out mode with the %s signal', (signal) => {
      const { store } = makeStore({ mode: 'opt-out', signal });
      expect(store.consent.value.categories).toEqual({ necessary: true, preferences: true, analytics: false, marketing: false });
    });

    it('should read a signal given as a function only when it can change a state (opt-out mode, not opt-in)', () => {
      let reads = 0;
      const signal = () => (reads++, 'gpc' as const);
      makeStore({ signal });
      expect(reads).toBe(0);
      const { store } = makeStore({ mode: 'opt-out', signal });
      expect(reads).toBe(1);
      expect(store.consent.value.categories).toEqual({ necessary: true, preferences: true, analytics: false, marketing: false });
    });

    it('should keep a signal from turning anything on in opt-in mode', () => {
      const { store } = makeStore({ signal: 'gpc' });
      expect(store.consent.value.categories).toEqual({ necessary: true, preferences: false, analytics: false, marketing: false });
    });

    it('should grant an objection-right category (ai) by default in opt-in mode', () => {
      const { store } = makeStore({ categories: categories(true) });
      expect(store.consent.value.categories).toEqual({
        necessary: true,
        preferences: false,
        analytics: false,
        marketing: false,
        ai: true,
      });
    });

    it('should grant nothing automatically in a degraded config, not even in opt-out mode', () => {
      const { store } = makeStore({ mode: 'opt-out', degraded: true, categories: categories(true) });
      expect(store.consent.value.categories).toEqual({
        necessary: true,
        preferences: false,
        analytics: false,
        marketing: false,
        ai: false,
      });
    });

    it('should keep required categories on even in a degraded config', () => {
      const { store } = makeStore({ degraded: true });
      expect(store.has('necessary')).toBe(true);
    });
  });

  describe('has()', () => {
    it('should answer for configured categories and never grant unknown ones', () => {
      const { store } = makeStore({ mode: 'opt-out' });
      expect(store.has('analytics')).toBe(true);
      expect(store.has('unknown')).toBe(false);
      expect(store.has('toString')).toBe(false);
      expect(store.has('constructor')).toBe(false);
      expect(store.has('__proto__')).toBe(false);
    });
  });

  describe('decide()', () => {
    it('should record a full choice with times, source, hash and a new id', () => {
      const { store } = makeStore();
      const d = store.decide({ necessary: true, preferences: true, analytics: false, marketing: true }, 'banner');
      expect(d.record).toEqual({
        id: 'id00000001',
        revision: '1',
        givenAt: NOW,
        expiresAt: NOW + 182 * DAY,
        categories: { necessary: true, preferences: true, analytics: false, marketing: true },
        source: 'banner',
        textsHash: 'h1',
        aiAcknowledgedAt: null,
      });
      expect(store.consent.value).toEqual({
        id: 'id00000001',
        given: true,
        categories: { necessary: true, preferences: true, analytics: false, marketing: true },
        revision: '1',
        source: 'banner',
        givenAt: NOW,
        expiresAt: NOW + 182 * DAY,
        aiAcknowledgedAt: null,
      });
      expect(store.record.value).toBe(d.record);
    });

    it('should keep the current value of categories not named', () => {
      const { store } = makeStore();
      store.decide({ analytics: true, marketing: true }, 'api');
      store.decide({ marketing: false }, 'api');
      expect(store.consent.value.categories).toEqual({ necessary: true, preferences: false, analytics: true, marketing: false });
    });

    it('should keep the baseline of categories not named on a first choice', () => {
      const { store } = makeStore({ mode: 'opt-out' });
      store.decide({ marketing: false }, 'preferences');
      expect(store.consent.value.categories).toEqual({ necessary: true, preferences: true, analytics: true, marketing: false });
    });

    it('should keep required categories on when asked to switch them off', () => {
      const { store } = makeStore();
      const d = store.decide({ necessary: false }, 'api');
      expect(d.record.categories.necessary).toBe(true);
      expect(store.has('necessary')).toBe(true);
    });

    it('should treat anything but true as a refusal', () => {
      const { store } = makeStore({ mode: 'opt-out' });
      store.decide({ analytics: 'yes' as unknown as boolean, marketing: 1 as unknown as boolean }, 'api');
      expect(store.consent.value.categories).toMatchObject({ analytics: false, marketing: false });
    });

    it('should ignore unknown categories and inherited keys', () => {
      const { store } = makeStore();
      const choices = Object.create({ analytics: true }) as Record<string, boolean>;
      choices.unknown = true;
      const d = store.decide(choices, 'api');
      expect(Object.keys(d.record.categories)).toEqual(['necessary', 'preferences', 'analytics', 'marketing']);
      expect(d.record.categories.analytics).toBe(false);
    });

    it('should report what was granted and revoked', () => {
      const { store } = makeStore();
      const first = store.decide({ analytics: true, marketing: true }, 'banner');
      expect(first.granted).toEqual(['analytics', 'marketing']);
      expect(first.revoked).toEqual([]);
      const second = store.decide({ analytics: false, preferences: true }, 'preferences');
      expect(second.granted).toEqual(['preferences']);
      expect(second.revoked).toEqual(['analytics']);
    });

    it('should report nothing granted or revoked when nothing flips', () => {
      const { store } = makeStore();
      const d = store.decide({ analytics: false }, 'banner');
      expect(d.granted).toEqual([]);
      expect(d.revoked).toEqual([]);
    });

    it('should report an opt-out refusal as revoked against the baseline', () => {
      const { store } = makeStore({ mode: 'opt-out' });
      expect(store.decide({ analytics: false }, 'banner').revoked).toEqual(['analytics']);
    });

    it('should keep the id across decisions and renew the times', () => {
      const { store, clock } = makeStore();
      const a = store.decide({ analytics: true }, 'banner');
      clock.advance(5 * DAY);
      const b = store.decide({ analytics: false }, 'preferences');
      expect(b.record.id).toBe(a.record.id);
      expect(b.record.givenAt).toBe(NOW + 5 * DAY);
      expect(b.record.expiresAt).toBe(NOW + 187 * DAY);
      expect(b.record.source).toBe('preferences');
    });

    it('should keep the id of a restored record', () => {
      const { store } = makeStore();
      store.restore(record());
      expect(store.decide({ analytics: true }, 'api').record.id).toBe('stored0001');
    });

    it('should keep an earlier AI acknowledgement', () => {
      const { store } = makeStore();
      const ack = store.acknowledgeAi();
      const d = store.decide({ analytics: true }, 'banner');
      expect(d.record.aiAcknowledgedAt).toBe(NOW);
      expect(d.record.id).toBe(ack.id);
    });

    it('should write the current revision and texts hash, not those of a restored record', () => {
      const { store } = makeStore({ revision: '2', textsHash: 'new' });
      store.restore(record({ revision: '2', textsHash: 'old' }));
      const d = store.decide({}, 'api');
      expect(d.record.revision).toBe('2');
      expect(d.record.textsHash).toBe('new');
    });

    it('should let the visitor opt in explicitly despite a privacy signal', () => {
      const { store } = makeStore({ signal: 'gpc' });
      store.decide({ analytics: true }, 'preferences');
      expect(store.has('analytics')).toBe(true);
    });

    it('should let the visitor switch the ai category off and on', () => {
      const { store } = makeStore({ categories: categories(true) });
      expect(store.decide({ ai: false }, 'preferences').revoked).toEqual(['ai']);
      expect(store.has('ai')).toBe(false);
      expect(store.decide({ ai: true }, 'preferences').granted).toEqual(['ai']);
    });
  });

  describe('acknowledgeAi()', () => {
    it('should create an AI-only record without a prior record, and leave consent not given', () => {
      const { store } = makeStore();
      const rec = store.acknowledgeAi();
      expect(rec).toEqual({
        id: 'id00000001',
        revision: '1',
        givenAt: null,
        expiresAt: NOW + 182 * DAY,
        categories: {},
        source: null,
        textsHash: '',
        aiAcknowledgedAt: NOW,
      });
      expect(store.consent.value).toMatchObject({
        id: 'id00000001',
        given: false,
        source: null,
        givenAt: null,
        expiresAt: null,
        aiAcknowledgedAt: NOW,
        categories: { necessary: true, preferences: false, analytics: false, marketing: false },
      });
    });

    it('should keep the choice of a prior record and only add the time', () => {
      const { store, clock } = makeStore();
      const d = store.decide({ analytics: true }, 'banner');
      clock.advance(1000);
      const rec = store.acknowledgeAi();
      expect(rec).toEqual({ ...d.record, aiAcknowledgedAt: NOW + 1000 });
      expect(store.consent.value).toMatchObject({ given: true, source: 'banner', aiAcknowledgedAt: NOW + 1000 });
      expect(store.has('analytics')).toBe(true);
    });

    it('should update the time on a second acknowledgement and keep the id', () => {
      const { store, clock } = makeStore();
      const first = store.acknowledgeAi();
      clock.advance(DAY);
      const second = store.acknowledgeAi();
      expect(second.id).toBe(first.id);
      expect(second.aiAcknowledgedAt).toBe(NOW + DAY);
    });
  });

  describe('restore()', () => {
    it('should start from an `initial` record in the state restore() gives it', () => {
      const rec = record({ aiAcknowledgedAt: NOW - DAY });
      const restored = makeStore().store;
      restored.restore(rec);
      const { store } = makeStore({ initial: rec });
      expect(store.consent.value).toEqual(restored.consent.value);
      expect(store.consent.value.given).toBe(true);
      expect(store.has('marketing')).toBe(true);
      expect(store.has('analytics')).toBe(false);
      // a later choice starts from it: only what changes is granted or revoked
      expect(store.decide({ analytics: true }, 'banner')).toMatchObject({ granted: ['analytics'], revoked: [] });
    });

    it('should return null and keep the baseline for restore(null)', () => {
      const { store } = makeStore({ mode: 'opt-out' });
      expect(store.restore(null)).toBeNull();
      expect(store.consent.value.given).toBe(false);
      expect(store.consent.value.categories.analytics).toBe(true);
    });

    it('should drop an earlier choice on restore(null)', () => {
      const { store } = makeStore();
      store.decide({ analytics: true }, 'banner');
      store.restore(null);
      expect(store.consent.value.given).toBe(false);
      expect(store.has('analytics')).toBe(false);
      expect(store.record.value).toBeNull();
    });

    it('should apply a stored record and report the flips against the state before', () => {
      const { store } = makeStore();
      const d = store.restore(record());
      expect(d?.granted).toEqual(['preferences', 'marketing']);
      expect(d?.revoked).toEqual([]);
      expect(store.consent.value).toEqual({
        id: 'stored0001',
        given: true,
        categories: { necessary: true, preferences: true, analytics: false, marketing: true },
        revision: '1',
        source: 'preferences',
        givenAt: NOW - DAY,
        expiresAt: NOW + 100 * DAY,
        aiAcknowledgedAt: null,
      });
    });

    it('should report revoked categories when a record from another tab turns them off', () => {
      const { store } = makeStore();
      store.decide({ analytics: true, marketing: true }, 'banner');
      const d = store.restore(record());
      expect(d?.revoked).toEqual(['analytics']);
      expect(d?.granted).toEqual(['preferences']);
    });

    it('should use the baseline for a configured category missing from the record', () => {
      const { store } = makeStore({ categories: categories(true) });
      store.restore(record({ categories: { necessary: true, analytics: true } }));
      expect(store.consent.value.categories).toEqual({
        necessary: true,
        preferences: false,
        analytics: true,
        marketing: false,
        ai: true,
      });
    });

    it('should keep required categories on even if the record says otherwise', () => {
      const { store } = makeStore();
      store.restore(record({ categories: { necessary: false, analytics: true } }));
      expect(store.has('necessary')).toBe(true);
    });

    it('should ignore record categories that are not configured', () => {
      const { store } = makeStore();
      store.restore(record({ categories: { necessary: true, chat: true } }));
      expect(store.consent.value.categories).not.toHaveProperty('chat');
      expect(store.has('chat')).toBe(false);
    });

    it('should use the baseline for an AI-only record', () => {
      const { store } = makeStore({ mode: 'opt-out' });
      store.restore(record({ givenAt: null, source: null, categories: { analytics: false }, aiAcknowledgedAt: NOW }));
      expect(store.consent.value).toMatchObject({ given: false, aiAcknowledgedAt: NOW, id: 'stored0001' });
      expect(store.has('analytics')).toBe(true);
    });
  });

  describe('consent snapshot', () => {
    it('should recompute when the record changes and not share its categories object', () => {
      const { store } = makeStore();
      const before = store.consent.value;
      store.decide({ analytics: true }, 'api');
      const after = store.consent.value;
      expect(after).not.toBe(before);
      expect(before.categories.analytics).toBe(false);
      expect(after.categories).not.toBe(store.record.value?.categories);
    });
  });
});
