import { describe, expect, it } from 'vitest';
import { DEFAULT_CONSENT_MODE_MAP } from '../../../src/config/resolve';
import { consentModeState } from '../../../src/enforce/consent-state';

const IDS = ['necessary', 'preferences', 'analytics', 'marketing'];

describe('consentModeState()', () => {
  it('denies all seven keys but security_storage when nothing is granted (COMPLIANCE G-1)', () => {
    expect(consentModeState(DEFAULT_CONSENT_MODE_MAP, IDS, () => false)).toEqual({
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      analytics_storage: 'denied',
      functionality_storage: 'denied',
      personalization_storage: 'denied',
      security_storage: 'granted',
    });
  });

  it('follows the SPEC §4 default map', () => {
    const s = consentModeState(DEFAULT_CONSENT_MODE_MAP, IDS, (id) => id === 'marketing');
    expect([s.ad_storage, s.ad_user_data, s.ad_personalization]).toEqual(['granted', 'granted', 'granted']);
    expect(s.analytics_storage).toBe('denied');
    const a = consentModeState(DEFAULT_CONSENT_MODE_MAP, IDS, (id) => id === 'analytics' || id === 'preferences');
    expect([a.analytics_storage, a.functionality_storage, a.personalization_storage, a.ad_storage]).toEqual(['granted', 'granted', 'granted', 'denied']);
  });

  it('ignores map entries for categories that are not configured', () => {
    const map = { ...DEFAULT_CONSENT_MODE_MAP, stats: ['analytics_storage' as const] };
    const s = consentModeState(map, ['necessary', 'stats'], (id) => id === 'stats');
    expect(s.analytics_storage).toBe('granted');
    expect(s.ad_storage).toBe('denied');
  });

  it('grants a key shared by two categories only when both are granted (fail closed)', () => {
    const map = { analytics: ['analytics_storage' as const], heatmaps: ['analytics_storage' as const] };
    expect(consentModeState(map, ['analytics', 'heatmaps'], (id) => id === 'analytics').analytics_storage).toBe('denied');
    expect(consentModeState(map, ['analytics', 'heatmaps'], () => true).analytics_storage).toBe('granted');
  });

  it('a mapped security_storage follows its category', () => {
    const map = { analytics: ['security_storage' as const] };
    expect(consentModeState(map, ['analytics'], () => false).security_storage).toBe('denied');
  });

  // Bug (issue 7): `map[id]?.includes` found Object for a category named "constructor"
  // (and a function for toString, valueOf, hasOwnProperty), threw, and took all of
  // enforcement down with it: no Consent Mode default, no gating, no cleanup.
  it('category ids that name Object.prototype members are looked up as own entries only', () => {
    const ids = ['necessary', 'analytics', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];
    const none = consentModeState(DEFAULT_CONSENT_MODE_MAP, ids, () => false);
    expect(none.analytics_storage).toBe('denied');
    expect(none.security_storage).toBe('granted');
    const all = consentModeState(DEFAULT_CONSENT_MODE_MAP, ids, () => true);
    expect(all.analytics_storage).toBe('granted');
    // an own entry for such an id still counts
    const map = { ...DEFAULT_CONSENT_MODE_MAP, constructor: ['ad_storage' as const] };
    expect(consentModeState(map, ids, (id) => id !== 'constructor').ad_storage).toBe('denied');
    expect(consentModeState(map, ids, () => true).ad_storage).toBe('granted');
  });
});
