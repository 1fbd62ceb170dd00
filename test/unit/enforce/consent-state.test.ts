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
});
