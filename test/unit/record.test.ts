import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConsentRecord,
  DAY,
  decodeRecord,
  encodeRecord,
  isCurrent,
  MAX_RAW_LENGTH,
  newConsentId,
  SOURCES,
  shortHash,
} from '../../src/storage/record';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const ID = '0123456789abcdef0123456789abcdef';

const decided = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id: ID,
  revision: '1',
  givenAt: NOW,
  expiresAt: NOW + 182 * DAY,
  categories: { necessary: true, preferences: false, analytics: true, marketing: false },
  source: 'banner',
  textsHash: shortHash('texts'),
  aiAcknowledgedAt: null,
  ...over,
});

/** The wire form of {@link decided}, to tamper with one field at a time. */
const wire = (over: Record<string, unknown> = {}): string =>
  JSON.stringify({
    v: 1,
    id: ID,
    r: '1',
    e: NOW + 182 * DAY,
    g: NOW,
    c: { necessary: 1, analytics: 0 },
    s: 'banner',
    h: 'abc123',
    ...over,
  });

const without = (key: string): string => {
  const w = JSON.parse(wire()) as Record<string, unknown>;
  delete w[key];
  return JSON.stringify(w);
};

/** A valid record with n categories: about 12 characters each. */
const manyCategories = (n: number): string =>
  wire({ c: Object.fromEntries(Array.from({ length: n }, (_, i) => [`cat_${String(i).padStart(4, '0')}`, 1])) });

describe('encodeRecord() / decodeRecord()', () => {
  it('should decode a valid record just below MAX_RAW_LENGTH, and the same kind just above it is refused', () => {
    expect(manyCategories(200).length).toBeLessThan(MAX_RAW_LENGTH);
    expect(decodeRecord(manyCategories(200))).not.toBeNull();
    expect(manyCategories(300).length).toBeGreaterThan(MAX_RAW_LENGTH);
  });

  it('should round-trip a decided record', () => {
    const rec = decided();
    expect(decodeRecord(encodeRecord(rec))).toEqual(rec);
  });

  it('should round-trip a decided record with an AI acknowledgement', () => {
    const rec = decided({ aiAcknowledgedAt: NOW - 1000, source: 'gpc' });
    expect(decodeRecord(encodeRecord(rec))).toEqual(rec);
  });

  it.each(SOURCES)('should round-trip the source %s', (source) => {
    expect(decodeRecord(encodeRecord(decided({ source })))?.source).toBe(source);
  });

  it('should round-trip a record that only acknowledges the AI notice', () => {
    const rec: ConsentRecord = {
      id: ID,
      revision: '3',
      givenAt: null,
      expiresAt: NOW + 182 * DAY,
      categories: {},
      source: null,
      textsHash: '',
      aiAcknowledgedAt: NOW,
    };
    expect(decodeRecord(encodeRecord(rec))).toEqual(rec);
  });

  it('should write compact JSON with short keys and 0/1 choices', () => {
    expect(JSON.parse(encodeRecord(decided({ aiAcknowledgedAt: NOW })))).toEqual({
      v: 1,
      id: ID,
      r: '1',
      e: NOW + 182 * DAY,
      g: NOW,
      s: 'banner',
      h: shortHash('texts'),
      c: { necessary: 1, preferences: 0, analytics: 1, marketing: 0 },
      a: NOW,
    });
  });

  it('should stay well below the cookie size limit for many categories', () => {
    const categories = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`category_${i}`, i % 2 === 0]));
    const raw = encodeRecord(decided({ categories }));
    expect(raw.length).toBeLessThan(MAX_RAW_LENGTH);
    expect(decodeRecord(raw)?.categories).toEqual(categories);
  });

  it('should decode a hand-written valid record', () => {
    expect(decodeRecord(wire())).toEqual({
      id: ID,
      revision: '1',
      givenAt: NOW,
      expiresAt: NOW + 182 * DAY,
      categories: { necessary: true, analytics: false },
      source: 'banner',
      textsHash: 'abc123',
      aiAcknowledgedAt: null,
    });
  });

  it('should accept a record of exactly 395 days', () => {
    expect(decodeRecord(wire({ e: NOW + 395 * DAY }))).not.toBeNull();
  });

  // Regression: the decoder read `g`, `s`, `h` and `c` with plain property access, so on a
  // page with a polluted Object.prototype a record holding only an AI acknowledgement
  // decoded as a choice granting analytics.
  it('should read own fields only when Object.prototype is polluted', () => {
    const proto = Object.prototype as Record<string, unknown>;
    const ackOnly = JSON.stringify({ v: 1, id: 'abcdefgh12345678', r: '1', e: NOW + DAY, a: NOW });
    try {
      Object.assign(proto, { g: NOW - DAY, s: 'banner', h: 'abc', c: { analytics: 1 } });
      const rec = decodeRecord(ackOnly);
      expect(rec).not.toBeNull();
      expect(rec!.givenAt).toBeNull();
      expect(rec!.categories).toEqual({});
    } finally {
      for (const k of ['g', 's', 'h', 'c']) delete proto[k];
    }
  });

  describe('returns null, never throws, for', () => {
    const cases: [string, unknown][] = [
      ['undefined', undefined],
      ['null', null],
      ['a number', 1],
      ['an object', { v: 1 }],
      ['an empty string', ''],
      ['a valid record longer than MAX_RAW_LENGTH', manyCategories(300)],
      ['non-JSON', '{v:1}'],
      ['URL-encoded JSON', encodeURIComponent(wire())],
      ['a JSON array', '[1]'],
      ['JSON null', 'null'],
      ['a JSON string', '"x"'],
      ['a JSON number', '1'],
      ['an extra key', wire({ x: 1 })],
      ['v = 2', wire({ v: 2 })],
      ['v = "1"', wire({ v: '1' })],
      ['no v', without('v')],
      ['no id', without('id')],
      ['a short id', wire({ id: 'abc' })],
      ['an id with bad characters', wire({ id: 'abcdefgh<script>' })],
      ['an id over 64 characters', wire({ id: 'a'.repeat(65) })],
      ['a numeric id', wire({ id: 12345678 })],
      ['no revision', without('r')],
      ['an empty revision', wire({ r: '' })],
      ['a revision with a space', wire({ r: '1 2' })],
      ['a numeric revision', wire({ r: 1 })],
      ['a revision over 40 characters', wire({ r: 'x'.repeat(41) })],
      ['no expiry', without('e')],
      ['a string expiry', wire({ e: String(NOW + DAY) })],
      ['a fractional expiry', wire({ e: NOW + 0.5 })],
      ['a negative expiry', wire({ e: -1 })],
      ['an unsafe-integer expiry', wire({ e: 2 ** 60 })],
      ['g equal to e', wire({ e: NOW })],
      ['g after e', wire({ e: NOW - 1 })],
      ['e - g over 395 days', wire({ e: NOW + 395 * DAY + 1 })],
      ['a zero givenAt', wire({ g: 0 })],
      ['a string givenAt', wire({ g: String(NOW) })],
      ['a decided record without givenAt', without('g')],
      ['an unknown source', wire({ s: 'cookie-wall' })],
      ['no source', without('s')],
      ['a numeric source', wire({ s: 1 })],
      ['no hash', without('h')],
      ['an empty hash', wire({ h: '' })],
      ['an upper-case hash', wire({ h: 'ABC' })],
      ['a hash over 16 characters', wire({ h: 'a'.repeat(17) })],
      ['no categories', without('c')],
      ['categories as an array', wire({ c: [1, 0] })],
      ['categories as null', wire({ c: null })],
      ['a category value true', wire({ c: { analytics: true } })],
      ['a category value 2', wire({ c: { analytics: 2 } })],
      ['a category value "1"', wire({ c: { analytics: '1' } })],
      ['a category value null', wire({ c: { analytics: null } })],
      ['an upper-case category name', wire({ c: { Analytics: 1 } })],
      ['a category name starting with a digit', wire({ c: { '1a': 1 } })],
      ['a category name over 40 characters', wire({ c: { ['a'.repeat(41)]: 1 } })],
      ['an empty category name', wire({ c: { '': 1 } })],
      ['"__proto__" in the categories', '{"v":1,"id":"0123456789abcdef","r":"1","e":2,"g":1,"s":"api","h":"a","c":{"__proto__":1}}'],
      ['"__proto__" as an object in the categories', wire({ c: JSON.parse('{"__proto__":{"analytics":1}}') as unknown })],
      ['a string AI acknowledgement', wire({ a: String(NOW) })],
      ['a zero AI acknowledgement', wire({ a: 0 })],
      ['an AI-only record with a bad acknowledgement', JSON.stringify({ v: 1, id: ID, r: '1', e: NOW + DAY, a: 'x' })],
      ['an AI-only record with a null acknowledgement', JSON.stringify({ v: 1, id: ID, r: '1', e: NOW + DAY, a: null })],
      ['a top-level "__proto__" key', `{"__proto__":{},${wire().slice(1)}`],
    ];

    it.each(cases)('%s', (_name, raw) => {
      let result: ConsentRecord | null | undefined;
      expect(() => {
        result = decodeRecord(raw);
      }).not.toThrow();
      expect(result).toBeNull();
    });
  });

  it('should not let a "constructor" category name reach Object.prototype', () => {
    const rec = decodeRecord(wire({ c: { constructor: 1, analytics: 1 } }));
    expect(rec?.categories).toEqual({ constructor: true, analytics: true });
    expect(({} as Record<string, unknown>).analytics).toBeUndefined();
  });

  it('should never throw and return null or a well-formed record for any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (raw) => {
        const rec = decodeRecord(raw);
        return rec === null || Object.values(rec.categories).every((v) => typeof v === 'boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('should never throw and return null or a well-formed record for any JSON value (property)', () => {
    const field = fc.oneof(fc.jsonValue(), fc.constant(1), fc.constant(ID), fc.constant('1'), fc.constant(NOW), fc.constant('banner'));
    const wireLike = fc.record(
      {
        v: fc.oneof(fc.constant(1), fc.jsonValue()),
        id: field,
        r: field,
        e: fc.oneof(fc.integer({ min: NOW, max: NOW + 400 * DAY }), fc.jsonValue()),
        g: fc.oneof(fc.integer({ min: NOW - DAY, max: NOW }), fc.jsonValue()),
        c: fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.constant(0), fc.constant(1), fc.jsonValue())), fc.jsonValue()),
        s: fc.oneof(fc.constantFrom(...SOURCES), fc.jsonValue()),
        h: fc.oneof(fc.constant('abc'), fc.jsonValue()),
        a: fc.oneof(fc.integer({ min: 1, max: NOW }), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), wireLike), (value) => {
        const raw = JSON.stringify(value) ?? '';
        const rec = decodeRecord(raw);
        if (rec === null) return true;
        return (
          typeof rec.id === 'string' &&
          typeof rec.revision === 'string' &&
          Object.values(rec.categories).every((v) => typeof v === 'boolean') &&
          (rec.givenAt === null || rec.givenAt < rec.expiresAt)
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('should decode whatever it encodes (property)', () => {
    const categoryName = fc.stringMatching(/^[a-z][a-z0-9_-]{0,39}$/);
    const record = fc.record({
      id: fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      revision: fc.stringMatching(/^[\w.-]{1,40}$/),
      givenAt: fc.integer({ min: 1, max: 2 ** 45 }),
      ageDays: fc.integer({ min: 1, max: 395 }),
      categories: fc.dictionary(categoryName, fc.boolean(), { maxKeys: 10 }),
      source: fc.constantFrom(...SOURCES),
      textsHash: fc.string().map(shortHash),
      aiAcknowledgedAt: fc.option(fc.integer({ min: 1, max: 2 ** 45 }), { nil: null }),
    });
    fc.assert(
      fc.property(record, ({ ageDays, ...r }) => {
        const rec: ConsentRecord = { ...r, expiresAt: r.givenAt + ageDays * DAY };
        expect(decodeRecord(encodeRecord(rec))).toEqual(rec);
      }),
      { numRuns: 300 },
    );
  });
});

describe('isCurrent()', () => {
  const now = NOW + 10 * DAY;
  const currency = { revision: '1', now, maxAgeDays: 182 };

  it('should accept a fresh record of the current revision', () => {
    expect(isCurrent(decided(), currency)).toBe(true);
  });

  it('should refuse a record of another revision', () => {
    expect(isCurrent(decided({ revision: '2' }), currency)).toBe(false);
    expect(isCurrent(decided(), { ...currency, revision: '2' })).toBe(false);
  });

  it('should refuse a record at or after its expiry', () => {
    const rec = decided();
    expect(isCurrent(rec, { ...currency, now: rec.expiresAt - 1 })).toBe(true);
    expect(isCurrent(rec, { ...currency, now: rec.expiresAt })).toBe(false);
    expect(isCurrent(rec, { ...currency, now: rec.expiresAt + DAY })).toBe(false);
  });

  it('should apply a shortened consentMaxAgeDays to an older record', () => {
    const rec = decided({ givenAt: NOW, expiresAt: NOW + 395 * DAY });
    expect(isCurrent(rec, { revision: '1', now: NOW + 100 * DAY, maxAgeDays: 395 })).toBe(true);
    expect(isCurrent(rec, { revision: '1', now: NOW + 100 * DAY, maxAgeDays: 30 })).toBe(false);
    expect(isCurrent(rec, { revision: '1', now: NOW + 29 * DAY, maxAgeDays: 30 })).toBe(true);
  });

  it('should refuse a record given more than a day in the future', () => {
    expect(isCurrent(decided({ givenAt: NOW + 2 * DAY, expiresAt: NOW + 100 * DAY }), { ...currency, now: NOW })).toBe(false);
  });

  it('should tolerate a clock less than a day behind', () => {
    expect(isCurrent(decided({ givenAt: NOW + DAY / 2, expiresAt: NOW + 100 * DAY }), { ...currency, now: NOW })).toBe(true);
  });

  it('should accept an AI-only record within its lifetime', () => {
    const rec: ConsentRecord = {
      ...decided(),
      givenAt: null,
      source: null,
      categories: {},
      textsHash: '',
      aiAcknowledgedAt: NOW,
      expiresAt: NOW + 182 * DAY,
    };
    expect(isCurrent(rec, currency)).toBe(true);
    expect(isCurrent(rec, { ...currency, now: NOW + 182 * DAY })).toBe(false);
  });

  it('should refuse an AI-only record whose expiry lies further ahead than the maximum age allows', () => {
    const rec: ConsentRecord = {
      ...decided(),
      givenAt: null,
      source: null,
      categories: {},
      textsHash: '',
      aiAcknowledgedAt: NOW,
      expiresAt: NOW + 395 * DAY,
    };
    expect(isCurrent(rec, { revision: '1', now: NOW, maxAgeDays: 30 })).toBe(false);
  });
});

describe('shortHash()', () => {
  it('should be stable for the same input', () => {
    expect(shortHash('We value your privacy')).toBe(shortHash('We value your privacy'));
  });

  it('should match the FNV-1a 32-bit value in base 36', () => {
    // FNV-1a("") = 0x811c9dc5, FNV-1a("a") = 0xe40c292c
    expect(shortHash('')).toBe((0x811c9dc5).toString(36));
    expect(shortHash('a')).toBe((0xe40c292c).toString(36));
  });

  it('should differ for different texts', () => {
    expect(shortHash('Accept all')).not.toBe(shortHash('Accept All'));
  });

  it('should be short lower-case base 36, as decodeRecord expects', () => {
    for (const s of ['', 'x', 'a'.repeat(10_000), '\u{1F36A}']) {
      expect(shortHash(s)).toMatch(/^[0-9a-z]{1,16}$/);
    }
  });
});

describe('newConsentId()', () => {
  it('should return 32 lower-case hex characters', () => {
    expect(newConsentId()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('should return a different id each time', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newConsentId()));
    expect(ids.size).toBe(200);
  });

  it('should be accepted by decodeRecord as an id', () => {
    const rec = decided({ id: newConsentId() });
    expect(decodeRecord(encodeRecord(rec))?.id).toBe(rec.id);
  });
});
