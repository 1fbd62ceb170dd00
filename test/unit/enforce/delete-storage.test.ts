import { describe, expect, it } from 'vitest';
import { type CookieLister, deleteCookies, deleteStorageKeys, type ListedCookie, openStorage } from '../../../src/enforce/delete-storage';
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

  it('expires a matching cookie on Path=/ of every domain variant, host-only included, and stops when it is gone', async () => {
    const { doc, writes } = fakeDoc('_ga=GA1.2.3; cart=1; _gid=x', 'cart=1; _gid=x');
    const deleted = await deleteCookies(doc, loc('http://www.shop.example.test/a/page.html'), compilePatterns(['_ga*']), 'candor_consent');
    expect(deleted).toEqual(['_ga']);
    expect(writes).toEqual(domains.map((d) => expired('_ga', d, '/')));
  });

  it('tries every ancestor path on every domain for a name still visible after the first pass', async () => {
    const { doc, writes } = fakeDoc('_ga=1; _gid=2; cart=1', '_gid=2; cart=1');
    await deleteCookies(doc, loc('http://www.shop.example.test/a/page.html'), compilePatterns(['_ga', '_gid']), 'candor_consent');
    const paths = ['/a', '/a/', '/a/page.html'];
    expect(writes).toEqual([
      ...domains.map((d) => expired('_ga', d, '/')),
      ...domains.map((d) => expired('_gid', d, '/')),
      ...domains.flatMap((d) => paths.map((p) => expired('_gid', d, p))),
    ]);
  });

  it('on a page at the root, reads once and is done after the Path=/ writes (no other path to look on)', async () => {
    let reads = 0;
    const writes: string[] = [];
    const doc = {
      get cookie() {
        reads++;
        return '_ga=1; cart=1';
      },
      set cookie(v: string) {
        writes.push(v);
      },
    } as unknown as Document;
    await deleteCookies(doc, loc('http://www.shop.example.test/'), compilePatterns(['_ga']), 'candor_consent');
    expect(reads).toBe(1);
    expect(writes).toEqual(domains.map((d) => expired('_ga', d, '/')));
  });

  // Regression (issue 4): the read after the first pass ran in the same task as its writes,
  // and in Chromium such a read waits until the browser has stored them all: ~15 ms of a
  // blocked page on an http withdrawal with 67 names. It now comes in a later task.
  it('reads again only in a later task, not right after its own writes', async () => {
    let reads = 0;
    const doc = {
      get cookie() {
        reads++;
        return reads === 1 ? '_ga=1; _gid=2' : '_gid=2';
      },
      set cookie(_v: string) {},
    } as unknown as Document;
    const done = deleteCookies(doc, loc('http://www.shop.example.test/a/page.html'), compilePatterns(['_ga', '_gid']), 'candor_consent');
    await Promise.resolve();
    await Promise.resolve();
    expect(reads).toBe(1);
    await done;
    expect(reads).toBe(2);
  });

  it('adds Secure on https and for __Secure- names; __Host- only host-only on Path=/', async () => {
    const { doc, writes } = fakeDoc('__Host-id=1; __Secure-id=2');
    await deleteCookies(doc, loc('http://example.com/'), compilePatterns(['/id$/']), 'candor_consent');
    expect(writes[0]).toBe('__Host-id=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Secure');
    expect(writes.slice(1).every((w) => w.startsWith('__Secure-id=') && w.endsWith('; Secure'))).toBe(true);
    // __Host- once; __Secure- host-only and on Domain=example.com; no other path exists on "/"
    expect(writes).toHaveLength(1 + 2);

    const https = fakeDoc('_fbp=1', '');
    await deleteCookies(https.doc, loc('https://example.com/'), compilePatterns(['_fbp']), 'candor_consent');
    expect(https.writes).toEqual(['', '; Domain=example.com'].map((d) => `${expired('_fbp', d, '/')}; Secure`));
  });

  // CHIPS: a partitioned copy is replaced only by a write that says `Partitioned`. Where the
  // list does not place a cookie (Firefox, Safari), a name still visible after the sweep on
  // https gets partitioned writes on every path, at the root too.
  it('on https, writes partitioned copies of the names a second look still finds, at the root too', async () => {
    const { doc, writes } = fakeDoc('_fbp=1; _ga=2', '_fbp=1');
    await deleteCookies(doc, loc('https://www.shop.example.test/'), compilePatterns(['_fbp', '_ga']), 'candor_consent');
    expect(writes).toEqual([
      ...domains.map((d) => `${expired('_fbp', d, '/')}; Secure`),
      ...domains.map((d) => `${expired('_ga', d, '/')}; Secure`),
      ...domains.map((d) => `${expired('_fbp', d, '/')}; Secure; Partitioned`),
    ]);

    const sub = fakeDoc('__Host-x=1; y=2', '__Host-x=1; y=2');
    await deleteCookies(sub.doc, loc('https://example.com/a/'), compilePatterns(['__Host-x', 'y']), 'candor_consent');
    const partitioned = sub.writes.filter((w) => w.endsWith('; Partitioned'));
    // __Host-: host-only on Path=/ only; y: both domains on /, /a and /a/.
    expect(partitioned).toEqual([
      '__Host-x=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Secure; Partitioned',
      ...['', '; Domain=example.com'].flatMap((d) => ['/', '/a', '/a/'].map((p) => `${expired('y', d, p)}; Secure; Partitioned`)),
    ]);
  });

  it('never deletes Candor’s own record, even when a pattern matches it', async () => {
    const { doc, writes } = fakeDoc('candor_consent=abc; other=1');
    expect(await deleteCookies(doc, loc('http://localhost/'), compilePatterns(['/.*/']), 'candor_consent')).toEqual(['other']);
    expect(writes.some((w) => w.startsWith('candor_consent'))).toBe(false);
  });

  it('writes nothing when nothing matches, and skips nameless cookies', async () => {
    const { doc, writes } = fakeDoc('novalue; a=1');
    expect(await deleteCookies(doc, loc('http://localhost/'), compilePatterns(['b', '*']), 'x')).toEqual(['a']);
    expect(writes.every((w) => w.startsWith('a='))).toBe(true);
    const none = fakeDoc('a=1');
    await deleteCookies(none.doc, loc('http://localhost/'), compilePatterns(['b']), 'x');
    expect(none.writes).toEqual([]);
  });
});

/**
 * A cookie jar as the page sees it: each write replaces (here: expires) the cookie with the
 * same name, domain (none = host-only), path and partition, as RFC 6265 §5.3 says; reading
 * lists what is left. `list` is what `cookieStore.getAll()` reports of it.
 */
interface JarCookie {
  name: string;
  domain: string | null;
  path: string;
  secure?: boolean;
  partitioned?: boolean;
}
function fakeJar(cookies: JarCookie[]) {
  const jar = [...cookies];
  const writes: string[] = [];
  let reads = 0;
  const doc = {
    get cookie() {
      reads++;
      return jar.map((c) => `${c.name}=1`).join('; ');
    },
    set cookie(v: string) {
      writes.push(v);
      const [pair = '', ...attrs] = v.split('; ');
      const attr = (k: string) => attrs.find((a) => a.startsWith(`${k}=`))?.slice(k.length + 1);
      const name = pair.slice(0, pair.indexOf('='));
      const domain = attr('Domain')?.replace(/^\./, '') ?? null;
      const path = attr('Path') ?? '/';
      const partitioned = attrs.includes('Partitioned');
      if (!attrs.includes('Max-Age=0')) throw new Error(`not a deletion: ${v}`);
      const i = jar.findIndex((c) => c.name === name && c.domain === domain && c.path === path && !!c.partitioned === partitioned);
      if (i >= 0) jar.splice(i, 1);
    },
  } as unknown as Document;
  const listed = (c: JarCookie): ListedCookie => ({ value: '1', secure: false, partitioned: false, ...c });
  // The browser's list: what the jar holds at the time of asking, unless `list` says what
  // it sees (a list taken before a cookie was set, or without domain and path).
  return { doc, writes, jar, listed, reads: () => reads, store: (list?: ListedCookie[]): CookieLister & { calls: number } => {
    const s = { calls: 0, getAll: async () => (s.calls++, list ?? jar.map(listed)) };
    return s;
  } };
}
const names = (jar: JarCookie[]) => jar.map((c) => `${c.name}@${c.domain ?? 'host'}${c.path}`).sort();
const X = '=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT';

describe('deleteCookies() with the Cookie Store API (where it lists domain and path)', () => {
  const page = loc('https://www.shop.example.test/a/b/page.html');
  const seed: JarCookie[] = [
    { name: '_ga', domain: 'example.test', path: '/' },
    { name: '_ga', domain: 'shop.example.test', path: '/' },
    { name: '_gid', domain: null, path: '/' },
    // a path without a trailing slash, which cookieStore.delete() could not name
    { name: '_gcl_au', domain: 'example.test', path: '/a/b' },
    { name: '_uetsid', domain: null, path: '/a/b/' },
    { name: 'cart', domain: 'example.test', path: '/' },
    { name: 'candor_consent', domain: null, path: '/' },
  ];
  const match = compilePatterns(['_ga', '_gid', '_gcl_*', '_uet*', 'candor_*']);

  it('deletes each matching copy with one write on its own domain and path, and nothing else, reading document.cookie once', async () => {
    const { doc, writes, jar, store, reads } = fakeJar(seed);
    const s = store();
    const deleted = await deleteCookies(doc, page, match, 'candor_consent', s);
    expect(writes).toEqual([
      `_ga${X}; Domain=example.test; Path=/; Secure`,
      `_ga${X}; Domain=shop.example.test; Path=/; Secure`,
      `_gid${X}; Path=/; Secure`,
      `_gcl_au${X}; Domain=example.test; Path=/a/b; Secure`,
      `_uetsid${X}; Path=/a/b/; Secure`,
    ]);
    expect(names(jar)).toEqual(['candor_consent@host/', 'cart@example.test/']);
    expect(deleted.sort()).toEqual(['_ga', '_gcl_au', '_gid', '_uetsid']);
    // A read after the writes would block the page until the browser had handled them all;
    // exact writes cannot miss, so there is none.
    expect(reads()).toBe(1);
    expect(s.calls).toBe(1);
  });

  it('__Host- cookies host-only on Path=/, partitioned ones with Partitioned, both Secure', async () => {
    const { doc, writes, jar, store } = fakeJar([
      { name: '__Host-track', domain: null, path: '/', secure: true },
      { name: 'track_p', domain: null, path: '/', secure: true, partitioned: true },
      { name: 'track_s', domain: 'example.test', path: '/', secure: true },
    ]);
    // A secure context on http (localhost): Secure only where the cookie is.
    await deleteCookies(doc, loc('http://localhost/'), compilePatterns(['/track/']), 'candor_consent', store());
    expect(writes).toEqual([`__Host-track${X}; Path=/; Secure`, `track_p${X}; Path=/; Secure; Partitioned`, `track_s${X}; Domain=example.test; Path=/; Secure`]);
    expect(jar).toEqual([]);
  });

  it('asks for no list when no visible name matches', async () => {
    const { doc, writes, store } = fakeJar(seed);
    const s = store();
    expect(await deleteCookies(doc, page, compilePatterns(['nothing']), 'candor_consent', s)).toEqual([]);
    expect(s.calls).toBe(0);
    expect(writes).toEqual([]);
  });

  it('a list of names and values only (the standard; Firefox, Safari) falls back to the sweep', async () => {
    const sweep = fakeJar(seed);
    await deleteCookies(sweep.doc, page, match, 'candor_consent');
    const { doc, writes, jar, store } = fakeJar(seed);
    await deleteCookies(doc, page, match, 'candor_consent', store(seed.map(({ name }) => ({ name, value: '1' }))));
    expect(writes).toEqual(sweep.writes);
    expect(names(jar)).toEqual(['candor_consent@host/', 'cart@example.test/']);
  });

  it('a list that cannot be had (getAll rejects) falls back to the sweep', async () => {
    const { doc, writes, jar } = fakeJar(seed);
    const failing: CookieLister = { getAll: () => Promise.reject(new DOMException('denied', 'SecurityError')) };
    await deleteCookies(doc, page, match, 'candor_consent', failing);
    expect(writes[0]).toBe(`_ga${X}; Path=/; Secure`);
    expect(names(jar)).toEqual(['candor_consent@host/', 'cart@example.test/']);
  });

  it('a copy missing from the list (set after it was taken) is still swept, and only its name', async () => {
    const { doc, writes, jar, listed, store } = fakeJar(seed);
    await deleteCookies(doc, page, match, 'candor_consent', store(seed.filter((c) => c.name !== '_gid').map(listed)));
    expect(names(jar)).toEqual(['candor_consent@host/', 'cart@example.test/']);
    // four exact writes for what was listed, then Path=/ on the four domain variants for _gid
    expect(writes.slice(4)).toEqual(['', '; Domain=www.shop.example.test', '; Domain=shop.example.test', '; Domain=example.test'].map((d) => `_gid${X}${d}; Path=/; Secure`));
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

describe('openStorage()', () => {
  // Chromium loads an origin's keys into the page on the first question asked of the storage
  // area, not when the object is got: listing the keys in idle time spares the withdrawal it.
  it('lists each storage area as the removal will, gets cookieStore, writes or removes nothing, and survives blocked storage', () => {
    const asked: string[] = [];
    const area = (name: string) => ({
      get length() {
        asked.push(name);
        return 1;
      },
      key: (i: number) => (asked.push(`${name}.key(${i})`), '_ga'),
      setItem: () => asked.push(`${name}.setItem`),
      removeItem: () => asked.push(`${name}.removeItem`),
    });
    const win = { localStorage: area('local'), sessionStorage: area('session') } as unknown as Win;
    Object.defineProperty(win, 'cookieStore', { get: () => (asked.push('cookieStore'), {}) });
    openStorage(win);
    expect(asked).toEqual(['local', 'local.key(0)', 'local', 'session', 'session.key(0)', 'session', 'cookieStore']);
    const blocked = {} as Win;
    Object.defineProperty(blocked, 'localStorage', { get: () => { throw new DOMException('denied', 'SecurityError'); } });
    expect(() => openStorage(blocked)).not.toThrow();
  });
});
