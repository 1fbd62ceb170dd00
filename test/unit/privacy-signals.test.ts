import { describe, expect, it } from 'vitest';
import { hasDnt, hasGpc, readPrivacySignal } from '../../src/signals/privacy-signals';

const BOTH = { gpc: true, dnt: true };

/** An object whose `key` getter throws. */
const throwing = (key: string, extra: Record<string, unknown> = {}): object =>
  Object.defineProperty({ ...extra }, key, {
    get() {
      throw new Error('denied');
    },
  });

describe('hasDnt()', () => {
  const places: [string, (v: unknown) => [unknown, unknown]][] = [
    ['navigator.doNotTrack', (v) => [{ doNotTrack: v }, {}]],
    ['window.doNotTrack', (v) => [{}, { doNotTrack: v }]],
    ['navigator.msDoNotTrack', (v) => [{ msDoNotTrack: v }, {}]],
  ];

  describe.each(places)('%s', (_place, at) => {
    it.each(['1', 'yes', 1])('should see the signal for %j', (value) => {
      expect(hasDnt(...at(value))).toBe(true);
    });

    it.each(['0', 'no', 'unspecified', null, undefined, 0, '', true, 'true', ' 1'])('should see no signal for %j', (value) => {
      expect(hasDnt(...at(value))).toBe(false);
    });
  });

  it('should see no signal without a navigator or window', () => {
    expect(hasDnt(undefined, undefined)).toBe(false);
    expect(hasDnt(null, null)).toBe(false);
  });

  it('should see the signal in one place when the others say no', () => {
    expect(hasDnt({ doNotTrack: '0', msDoNotTrack: 'no' }, { doNotTrack: '1' })).toBe(true);
  });

  it('should treat a throwing getter as no signal there and still read the other places', () => {
    expect(hasDnt(throwing('doNotTrack'), {})).toBe(false);
    expect(hasDnt(throwing('doNotTrack'), { doNotTrack: '1' })).toBe(true);
    expect(hasDnt(throwing('doNotTrack', { msDoNotTrack: '1' }), throwing('doNotTrack'))).toBe(true);
  });
});

describe('hasGpc()', () => {
  it('should see the signal only for a real true', () => {
    expect(hasGpc({ globalPrivacyControl: true })).toBe(true);
  });

  it.each([false, 'true', '1', 1, null, undefined, {}])('should see no signal for %j', (value) => {
    expect(hasGpc({ globalPrivacyControl: value })).toBe(false);
  });

  it('should see no signal without a navigator', () => {
    expect(hasGpc(undefined)).toBe(false);
    expect(hasGpc(null)).toBe(false);
  });

  it('should treat a throwing getter as no signal', () => {
    expect(hasGpc(throwing('globalPrivacyControl'))).toBe(false);
  });
});

describe('readPrivacySignal()', () => {
  it('should return null without any signal', () => {
    expect(readPrivacySignal({}, {}, BOTH)).toBeNull();
  });

  it('should return "gpc" for GPC and "dnt" for DNT', () => {
    expect(readPrivacySignal({ globalPrivacyControl: true }, {}, BOTH)).toBe('gpc');
    expect(readPrivacySignal({ doNotTrack: '1' }, {}, BOTH)).toBe('dnt');
    expect(readPrivacySignal({}, { doNotTrack: '1' }, BOTH)).toBe('dnt');
  });

  it('should prefer GPC when both are set', () => {
    expect(readPrivacySignal({ globalPrivacyControl: true, doNotTrack: '1' }, {}, BOTH)).toBe('gpc');
  });

  it('should ignore GPC when not respected, and fall back to DNT', () => {
    expect(readPrivacySignal({ globalPrivacyControl: true }, {}, { gpc: false, dnt: true })).toBeNull();
    expect(readPrivacySignal({ globalPrivacyControl: true, doNotTrack: '1' }, {}, { gpc: false, dnt: true })).toBe('dnt');
  });

  it('should ignore DNT when not respected', () => {
    expect(readPrivacySignal({ doNotTrack: '1' }, { doNotTrack: '1' }, { gpc: true, dnt: false })).toBeNull();
    expect(readPrivacySignal({ doNotTrack: '1', globalPrivacyControl: true }, {}, { gpc: true, dnt: false })).toBe('gpc');
  });

  it('should return null when neither is respected', () => {
    expect(readPrivacySignal({ globalPrivacyControl: true, doNotTrack: '1' }, { doNotTrack: '1' }, { gpc: false, dnt: false })).toBeNull();
  });

  it('should not throw when every getter throws', () => {
    const nav = Object.defineProperties(
      {},
      {
        globalPrivacyControl: {
          get() {
            throw new Error('x');
          },
        },
        doNotTrack: {
          get() {
            throw new Error('x');
          },
        },
        msDoNotTrack: {
          get() {
            throw new Error('x');
          },
        },
      },
    );
    expect(readPrivacySignal(nav, throwing('doNotTrack'), BOTH)).toBeNull();
  });

  it('should read a proxy that throws on every access as no signal', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('x');
        },
      },
    );
    expect(readPrivacySignal(hostile, hostile, BOTH)).toBeNull();
  });
});
