import { describe, expect, it } from 'vitest';
import { deleteCookies, deleteStorageKeys } from '../../../src/enforce/delete-storage';
import { compilePatterns } from '../../../src/enforce/patterns';
import type { Win } from '../../../src/util/win';

/** A document whose cookie jar records every write, to check the exact Set-Cookie strings. */
function fakeDoc(cookie: string, afterFirstPass = cookie) {
  const writes: string[] = [];
  const doc = {
    get cookie() {
      return writes.length ? afterFirstPass : cookie;
    },
    set cookie(v: string) {
      writes.push(v);
    },
  } as unknown as Document;
  return { doc, writes };
}
const loc = (href: string) => new URL(href) as unknown as Location;

describe('deleteCookies()', () => {
  const domains = ['', '; Domain=www.shop.example.test', '; Domain=shop.example.test', '; Domain=example.test'];
  const expired = (name: string, d: string, p: string) => `${name}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT${d}; Path=${p}`;

  it('expires a matching cookie on Path=/ of every domain variant, host-only included, and stops when it is gone', () => {
    const { doc, writes } = fakeDoc('_ga=GA1.2.3; cart=1; _gid=x', 'cart=1; _gid=x');
    const deleted = deleteCookies(doc, loc('http://www.shop.example.test/a/page.html'), compilePatterns(['_ga*']), 'candor_consent');
    expect(deleted).toEqual(['_ga']);
    expect(writes).toEqual(domains.map((d) => expired('_ga', d, '/')));
  });

  it('tries every ancestor path on every domain for a name still visible after the first pass', () => {
    const { doc, writes } = fakeDoc('_ga=1; _gid=2; cart=1', '_gid=2; cart=1');
    deleteCookies(doc, loc('http://www.shop.example.test/a/page.html'), compilePatterns(['_ga', '_gid']), 'candor_consent');
    const paths = ['/a', '/a/', '/a/page.html'];
    expect(writes).toEqual([
      ...domains.map((d) => expired('_ga', d, '/')),
      ...domains.map((d) => expired('_gid', d, '/')),
      ...domains.flatMap((d) => paths.map((p) => expired('_gid', d, p))),
    ]);
  });

  it('adds Secure on https and for __Secure- names; __Host- only host-only on Path=/', () => {
    const { doc, writes } = fakeDoc('__Host-id=1; __Secure-id=2');
    deleteCookies(doc, loc('http://example.com/'), compilePatterns(['/id$/']), 'candor_consent');
    expect(writes[0]).toBe('__Host-id=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Secure');
    expect(writes.slice(1).every((w) => w.startsWith('__Secure-id=') && w.endsWith('; Secure'))).toBe(true);
    // __Host- once; __Secure- host-only and on Domain=example.com; no other path exists on "/"
    expect(writes).toHaveLength(1 + 2);

    const https = fakeDoc('_fbp=1');
    deleteCookies(https.doc, loc('https://example.com/'), compilePatterns(['_fbp']), 'candor_consent');
    expect(https.writes.every((w) => w.endsWith('; Secure'))).toBe(true);
  });

  it('never deletes Candor’s own record, even when a pattern matches it', () => {
    const { doc, writes } = fakeDoc('candor_consent=abc; other=1');
    expect(deleteCookies(doc, loc('http://localhost/'), compilePatterns(['/.*/']), 'candor_consent')).toEqual(['other']);
    expect(writes.some((w) => w.startsWith('candor_consent'))).toBe(false);
  });

  it('writes nothing when nothing matches, and skips nameless cookies', () => {
    const { doc, writes } = fakeDoc('novalue; a=1');
    expect(deleteCookies(doc, loc('http://localhost/'), compilePatterns(['b', '*']), 'x')).toEqual(['a']);
    expect(writes.every((w) => w.startsWith('a='))).toBe(true);
    const none = fakeDoc('a=1');
    deleteCookies(none.doc, loc('http://localhost/'), compilePatterns(['b']), 'x');
    expect(none.writes).toEqual([]);
  });
});

describe('deleteStorageKeys()', () => {
  it('removes matching keys from localStorage and sessionStorage only', () => {
    localStorage.clear();
    sessionStorage.clear();
    localStorage.setItem('_hjSession_1', 'x');
    localStorage.setItem('ajs_user_id', 'x');
    localStorage.setItem('keep', 'x');
    sessionStorage.setItem('_hjTLDTest', 'x');
    sessionStorage.setItem('cart', 'x');
    deleteStorageKeys(window as unknown as Win, compilePatterns(['_hj*', 'ajs_*']));
    expect(Object.keys(localStorage)).toEqual(['keep']);
    expect(Object.keys(sessionStorage)).toEqual(['cart']);
  });

  it('does not throw when storage access throws (sandboxed frames)', () => {
    const win = {} as Win;
    Object.defineProperty(win, 'localStorage', { get: () => { throw new DOMException('denied', 'SecurityError'); } });
    expect(() => deleteStorageKeys(win, () => true)).not.toThrow();
  });
});
