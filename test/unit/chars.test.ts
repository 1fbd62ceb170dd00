import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ID, isLangCode, isToken, WORD, words } from '../../src/util/chars';
import { isSafeUrl } from '../../src/util/url';

// Characters at and around each class's edges ("/" and ":" beside the digits, "@" and "["
// beside A-Z, "`" and "{" beside a-z), separators, and some that are not ASCII.
const EDGES = [...'09az AZ/:@[`{-_.\t\n\f\r\v\u00a0\u0130\u212a\u3000\ufeff\u2028\\#?', 'é', 'ﬀ'];
const edgy = fc.string({ unit: fc.oneof(fc.constantFrom(...EDGES), fc.string({ minLength: 1, maxLength: 1 })), maxLength: 70 });
const property = (fn: (s: string) => void) =>
  fc.assert(
    fc.property(fc.oneof(edgy, fc.string()), (s) => {
      fn(s);
    }),
    { numRuns: 3000 },
  );

describe('character checks stand for the regular expressions they replace', () => {
  it.each([
    ['/^[a-z][a-z0-9_-]*$/', /^[a-z][a-z0-9_-]*$/, (s: string) => isToken(s, ID, 1, Infinity, 'az')],
    ['/^[a-z][a-z0-9_-]{0,39}$/', /^[a-z][a-z0-9_-]{0,39}$/, (s: string) => isToken(s, ID, 1, 40, 'az')],
    ['/^[A-Za-z0-9_-]{8,64}$/', /^[A-Za-z0-9_-]{8,64}$/, (s: string) => isToken(s, `${WORD}--`, 8, 64)],
    ['/^[\\w.-]{1,40}$/', /^[\w.-]{1,40}$/, (s: string) => isToken(s, `${WORD}..--`, 1, 40)],
    ['/^[0-9a-z]{1,16}$/', /^[0-9a-z]{1,16}$/, (s: string) => isToken(s, 'az09', 1, 16)],
    ['/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i', /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i, isLangCode],
  ])('%s', (_name, re, check) => {
    for (const s of ['a', 'ab', 'de', 'pt-BR', 'zh-Hant-TW', 'x-', '-x', 'a1', '1a', 'analytics', 'ab_cd-ef.9', 'abcdefgh', 'Ab-_09xY', '']) {
      expect(check(s), JSON.stringify(s)).toBe(re.test(s));
    }
    property((s) => expect(check(s), JSON.stringify(s)).toBe(re.test(s)));
  });

  it('words splits on whitespace as split(/\\s+/) did: ASCII and Unicode spaces alike', () => {
    expect(words('analytics')).toEqual(['analytics']);
    expect(words('  analytics \t marketing\n\f\r\v')).toEqual(['analytics', 'marketing']);
    expect(words('')).toEqual([]);
    expect(words(' \t ')).toEqual([]);
    // a CMS's trailing no-break space, a BOM, an ideographic space
    expect(words('analytics\u00a0')).toEqual(['analytics']);
    expect(words('\ufeffanalytics\u3000marketing')).toEqual(['analytics', 'marketing']);
    property((s) => expect(words(s)).toEqual(s.split(/\s+/).filter(Boolean)));
    // every code unit: a space for one is a space for the other
    for (let c = 0; c < 0x10000; c++) expect(words(`a${String.fromCharCode(c)}b`).length, c.toString(16)).toBe(`a${String.fromCharCode(c)}b`.split(/\s+/).filter(Boolean).length);
  });

  it('isSafeUrl decides as its regular expressions did', () => {
    const before = (v: string) =>
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the expression it replaced
      v.length <= 2048 && !/[\u0000-\u0020\u007f-\u009f\\]/.test(v) && (v[0] === '/' ? v[1] !== '/' : /^https?:\/\/[^/?#]+/i.test(v));
    for (const s of ['/privacy', 'https://a.example/p', 'HTTP://A.example', 'http://', 'https://', 'https:///x', 'http://?q', 'http://#f', 'httpss://x', 'http:/x', '/']) {
      expect(isSafeUrl(s), s).toBe(before(s));
    }
    fc.assert(
      fc.property(fc.oneof(edgy, edgy.map((s) => `http://${s}`), edgy.map((s) => `HTTPS://${s}`), edgy.map((s) => `/${s}`), fc.webUrl()), (s) => {
        expect(isSafeUrl(s), JSON.stringify(s)).toBe(before(s));
      }),
      { numRuns: 3000 },
    );
  });
});
