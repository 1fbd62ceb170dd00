import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANALYTICS_PATTERNS, MARKETING_PATTERNS } from '../../../src/config/default-categories';
import { isValidPattern } from '../../../src/config/schema';
import { compilePatterns } from '../../../src/enforce/patterns';

describe('compilePatterns()', () => {
  it('matches exact names only exactly', () => {
    const m = compilePatterns(['_gid']);
    expect(m('_gid')).toBe(true);
    expect(m('_gid2')).toBe(false);
    expect(m('x_gid')).toBe(false);
    expect(m('_GID')).toBe(false);
  });

  it('treats a trailing * as a prefix and nothing else as a wildcard', () => {
    const m = compilePatterns(['_ga*', 'a*b']);
    expect(m('_ga')).toBe(true);
    expect(m('_ga_ABC123')).toBe(true);
    expect(m('x_ga')).toBe(false);
    // "*" inside a name is a literal character, not a glob
    expect(m('a*b')).toBe(true);
    expect(m('axxb')).toBe(false);
  });

  it('compiles /regex/ and /regex/i patterns', () => {
    const m = compilePatterns(['/^mp_.*_mixpanel$/', '/^AMP_/i']);
    expect(m('mp_abc_mixpanel')).toBe(true);
    expect(m('mp_abc_mixpanel_x')).toBe(false);
    expect(m('amp_token')).toBe(true);
  });

  it('never lets regex metacharacters in an exact or prefix pattern act as regex', () => {
    // Regression: vanilla-cookieconsent concatenated names into a RegExp, so "." matched anything.
    const m = compilePatterns(['_pk_id.1.', 'a.(b*']);
    expect(m('_pk_id.1.')).toBe(true);
    expect(m('_pk_idX1X')).toBe(false);
    expect(m('a.(bcd')).toBe(true);
    expect(m('aX(bcd')).toBe(false);
  });

  it('tests many regexes as one, each keeping its own anchors, alternatives, flags and group numbers', () => {
    const m = compilePatterns(['/^a$|^b$/', '/^c/i', '/^(x)\\1$/', '/^(?<n>y)\\k<n>$/', '/d$/', '/^e+$/i']);
    for (const n of ['a', 'b', 'C', 'cat', 'xx', 'yy', 'ad', 'EeE']) expect(m(n), n).toBe(true);
    // "^a$|^b$" alternatives stay inside their pattern; \1 and \k<n> still mean their own group
    for (const n of ['ab', 'xy', 'x', 'yz', 'y', 'da', 'D', 'ex']) expect(m(n), n).toBe(false);
  });

  it('ignores a regex that does not compile instead of throwing', () => {
    const m = compilePatterns(['/(/', 'ok']);
    expect(m('(')).toBe(false);
    expect(m('ok')).toBe(true);
  });

  it('an empty pattern list matches nothing', () => {
    expect(compilePatterns([])('anything')).toBe(false);
  });

  it('default vendor patterns are valid and catch the documented cookie names', () => {
    for (const p of [...ANALYTICS_PATTERNS, ...MARKETING_PATTERNS]) expect(isValidPattern(p), p).toBe(true);
    const analytics = compilePatterns(ANALYTICS_PATTERNS);
    const marketing = compilePatterns(MARKETING_PATTERNS);
    for (const n of ['_ga', '_ga_X1Y2Z3', '_gid', '_gat_gtag_UA_1', '_hjSessionUser_123', '_pk_id.1.abcd', 'mp_tok_mixpanel', 'ajs_anonymous_id', 'ph_phc_x_posthog', '_clck']) {
      expect(analytics(n), n).toBe(true);
    }
    for (const n of ['_gcl_au', '_fbp', '_fbc', '_uetsid', '_uetvid', 'hubspotutk', '__hstc', '_ttp', 'li_fat_id', 'intercom-id-abc']) {
      expect(marketing(n), n).toBe(true);
    }
    for (const n of ['candor_consent', 'PHPSESSID', 'cart', 'lang']) {
      expect(analytics(n) || marketing(n), n).toBe(false);
    }
  });

  describe('properties', () => {
    const name = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !s.endsWith('*') && !s.startsWith('/'));
    it('an exact pattern matches exactly that name', () => {
      fc.assert(fc.property(name, fc.string({ maxLength: 30 }), (p, other) => {
        const m = compilePatterns([p]);
        expect(m(p)).toBe(true);
        expect(m(other)).toBe(other === p);
      }));
    });
    it('a prefix pattern matches exactly the names that start with the prefix', () => {
      fc.assert(fc.property(fc.string({ maxLength: 10 }).filter((s) => !s.startsWith('/')), fc.string({ maxLength: 30 }), (prefix, other) => {
        const m = compilePatterns([`${prefix}*`]);
        expect(m(prefix + other)).toBe(true);
        expect(m(other)).toBe(other.startsWith(prefix));
      }));
    });
    it('a list matches a name iff some single pattern of it does', () => {
      const pat = fc.oneof(name, name.map((s) => `${s}*`));
      fc.assert(fc.property(fc.array(pat, { maxLength: 8 }), fc.string({ maxLength: 20 }), (list, n) => {
        expect(compilePatterns(list)(n)).toBe(list.some((p) => compilePatterns([p])(n)));
      }));
    });
    it('a list of regexes matches a name iff some single one does', () => {
      const src = fc.constantFrom('^a', 'b$', '^(a)\\1', 'a|b', '^a*$', 'ab?', '(?<g>b)\\k<g>', '[ab]{2}', '^$');
      const pat = fc.tuple(src, fc.constantFrom('', 'i')).map(([x, f]) => `/${x}/${f}`);
      fc.assert(fc.property(fc.array(pat, { maxLength: 6 }), fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'B'), maxLength: 4 }), (list, n) => {
        expect(compilePatterns(list)(n)).toBe(list.some((p) => compilePatterns([p])(n)));
      }));
    });
    it('prefixes filed under the same first character, and "*" alone, still each match on their own', () => {
      // A three-letter alphabet makes prefixes share first characters and names hit them.
      const s = (max: number) => fc.string({ unit: fc.constantFrom('a', 'b', '_'), maxLength: max });
      const pat = fc.oneof(s(4).filter((x) => x.length > 0), s(4).map((x) => `${x}*`));
      fc.assert(fc.property(fc.array(pat, { maxLength: 10 }), s(6), (list, n) => {
        const expected = list.some((p) => (p.endsWith('*') ? n.startsWith(p.slice(0, -1)) : n === p));
        expect(compilePatterns(list)(n)).toBe(expected);
      }));
    });
  });
});
