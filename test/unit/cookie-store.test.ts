import { afterEach, describe, expect, it } from 'vitest';
import { createCookieStore } from '../../src/storage/cookie-store';

const clear = () => {
  for (const c of document.cookie.split('; ')) if (c) document.cookie = `${c.split('=')[0]}=; Max-Age=0; Path=/`;
};
afterEach(clear);

describe('createCookieStore()', () => {
  const store = (initial?: string) => createCookieStore({ name: 'candor_consent', secure: false, initial });

  it('reads its own cookie only, decoded, never a cookie whose name merely ends the same', () => {
    document.cookie = 'xcandor_consent=wrong; Path=/';
    document.cookie = `candor_consent=${encodeURIComponent('{"v":1,"c":"a b"}')}; Path=/`;
    expect(store().read()).toBe('{"v":1,"c":"a b"}');
  });

  // Bug: with cookieDomain added later, the older host-only copy came first and hid every
  // newer choice (written on the domain). RFC 6265 §5.4: older cookies of a path come first.
  it('with a domain reads the last copy (the newest), without one the first', () => {
    const jar = 'candor_consent=host-only; other=1; candor_consent=shared; xcandor_consent=no';
    expect(createCookieStore({ name: 'candor_consent', domain: 'example.com', secure: false, initial: jar }).read()).toBe('shared');
    expect(store(jar).read()).toBe('host-only');
    expect(createCookieStore({ name: 'candor_consent', domain: 'example.com', secure: false, initial: 'candor_consent=only' }).read()).toBe('only');
  });

  it('of several copies reads the one `age` says is latest; on a tie the first, or with a domain the last', () => {
    const age = (v: string) => Number(v.slice(1));
    const jar = 'candor_consent=t1; other=1; candor_consent=t3; candor_consent=t2';
    expect(createCookieStore({ name: 'candor_consent', secure: false, initial: jar, age }).read()).toBe('t3');
    expect(createCookieStore({ name: 'candor_consent', domain: 'example.com', secure: false, initial: jar, age }).read()).toBe('t3');
    const tie = 'candor_consent=a0; candor_consent=b0';
    expect(createCookieStore({ name: 'candor_consent', secure: false, initial: tie, age }).read()).toBe('a0');
    expect(createCookieStore({ name: 'candor_consent', domain: 'example.com', secure: false, initial: tie, age }).read()).toBe('b0');
    // a malformed copy is skipped, not taken for "none"
    expect(createCookieStore({ name: 'candor_consent', secure: false, initial: 'candor_consent=%E0%A4%A; candor_consent=x1', age }).read()).toBe('x1');
  });

  it('takes the first read from the string it was given, later reads from document.cookie', () => {
    document.cookie = 'candor_consent=live; Path=/';
    const s = store('other=1; candor_consent=given');
    expect(s.read()).toBe('given');
    expect(s.read()).toBe('live');
  });

  it('a value that cannot be decoded counts as none', () => {
    expect(store('candor_consent=%E0%A4%A').read()).toBeUndefined();
  });

  it('what this page wrote stands in for a cookie the browser never kept (writes ignored)', () => {
    Object.defineProperty(document, 'cookie', { configurable: true, get: () => 'other=1', set: () => {} });
    try {
      const s = store();
      expect(s.read()).toBeUndefined();
      s.write('mine', Date.now() + 60_000);
      expect(s.read()).toBe('mine');
      expect(s.read()).toBe('mine');
    } finally {
      delete (document as { cookie?: string }).cookie;
    }
  });

  // Bug: a tab that had written the record kept reading its own write after the cookie was
  // deleted (the visitor cleared the site's cookies), while every other tab read "none".
  it('once the cookie was read back, a deleted cookie reads as none, until this page writes again', () => {
    const s = store();
    s.write('mine', Date.now() + 60_000);
    expect(s.read()).toBe('mine');
    clear();
    expect(s.read()).toBeUndefined();
    s.write('again', Date.now() + 60_000);
    expect(s.read()).toBe('again');
  });

  it('writes with js-cookie, so the value reads back the same', () => {
    const s = store();
    s.write('{"v":1,"x":";,= %"}', Date.now() + 60_000);
    expect(createCookieStore({ name: 'candor_consent', secure: false }).read()).toBe('{"v":1,"x":";,= %"}');
  });
});
