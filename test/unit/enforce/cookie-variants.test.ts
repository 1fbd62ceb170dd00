import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { domainVariants, pathVariants } from '../../../src/enforce/cookie-variants';

describe('domainVariants()', () => {
  it('lists the host and each parent domain up to the registrable one, most specific first', () => {
    expect(domainVariants('www.shop.example.test')).toEqual(['www.shop.example.test', 'shop.example.test', 'example.test']);
    expect(domainVariants('example.com')).toEqual(['example.com']);
  });

  it('never offers a public suffix, including two-level ones like co.uk', () => {
    expect(domainVariants('blog.example.co.uk')).toEqual(['blog.example.co.uk', 'example.co.uk']);
    expect(domainVariants('shop.example.com.au')).toEqual(['shop.example.com.au', 'example.com.au']);
    expect(domainVariants('a.b.example.co.jp')).toEqual(['a.b.example.co.jp', 'b.example.co.jp', 'example.co.jp']);
    expect(domainVariants('www.example.ne.jp')).toEqual(['www.example.ne.jp', 'example.ne.jp']);
  });

  it('does not treat co/com under a generic TLD as a suffix', () => {
    expect(domainVariants('www.co.example')).toEqual(['www.co.example', 'co.example']);
  });

  it('gives none for IP addresses and single-label hosts (host-only cookies only)', () => {
    for (const h of ['localhost', '127.0.0.1', '[::1]', '192.168.1.20']) expect(domainVariants(h)).toEqual([]);
  });

  it('is case-insensitive and ignores a trailing dot', () => {
    expect(domainVariants('WWW.Example.COM.')).toEqual(['www.example.com', 'example.com']);
  });

  it('property: every variant is a suffix of the host on a label boundary, and none is a bare TLD', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
    fc.assert(fc.property(fc.array(label, { minLength: 1, maxLength: 6 }), (labels) => {
      const host = labels.join('.');
      const out = domainVariants(host);
      if (/^[\d.]+$/.test(host)) return;
      if (labels.length === 1) {
        expect(out).toEqual([]);
        return;
      }
      // the least specific variant is the registrable domain: one label below a one-label
      // suffix, or below a two-level ccTLD suffix such as co.uk
      const last = out.at(-1)!.split('.');
      expect(last.length === 2 || (last.length === 3 && last[2]!.length === 2)).toBe(true);
      expect(out.length).toBe(labels.length - last.length + 1);
      for (const d of out) {
        expect(host === d || host.endsWith(`.${d}`)).toBe(true);
        expect(d.includes('.')).toBe(true);
      }
      // most specific first, each one label shorter
      for (let i = 1; i < out.length; i++) expect(out[i - 1]!.endsWith(`.${out[i]}`)).toBe(true);
      if (out.length) expect(out[0]).toBe(host);
    }));
  });
});

describe('pathVariants()', () => {
  it('lists "/", every ancestor with and without its slash, and the path itself', () => {
    expect(pathVariants('/a/b/page.html')).toEqual(['/', '/a', '/a/', '/a/b', '/a/b/', '/a/b/page.html']);
    expect(pathVariants('/a/b/')).toEqual(['/', '/a', '/a/', '/a/b', '/a/b/']);
    expect(pathVariants('/')).toEqual(['/']);
  });

  it('falls back to "/" for an empty or odd pathname and drops variants with ";"', () => {
    expect(pathVariants('')).toEqual(['/']);
    expect(pathVariants('/a;b/c')).toEqual(['/']);
  });

  it('property: every variant path-matches the page (RFC 6265 §5.1.4), so a cookie there is visible', () => {
    const seg = fc.stringMatching(/^[a-z0-9._-]{1,6}$/);
    fc.assert(fc.property(fc.array(seg, { maxLength: 6 }), fc.boolean(), (segs, slash) => {
      const path = `/${segs.join('/')}${slash && segs.length ? '/' : ''}`;
      const out = pathVariants(path);
      expect(out[0]).toBe('/');
      expect(new Set(out).size).toBe(out.length);
      for (const p of out) {
        const matches = p === path || (path.startsWith(p) && (p.endsWith('/') || path[p.length] === '/'));
        expect(matches, `${p} for ${path}`).toBe(true);
      }
      // the RFC default-path of the page (its directory) is always covered
      const dir = path.lastIndexOf('/') > 0 ? path.slice(0, path.lastIndexOf('/')) : '/';
      expect(out).toContain(dir);
    }));
  });
});
