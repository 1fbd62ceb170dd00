import type { Win } from '../util/win';
import { domainVariants, pathVariants } from './cookie-variants';
import type { NameMatcher } from './patterns';

const ROOT = ['/'];
/** How long the browser gets to store the first pass's writes before the page reads again. */
const SETTLE_MS = 40;
// Max-Age for every current browser, and a 1970 date for any that knows only Expires
// (COMPLIANCE K-1); where both are given, Max-Age wins (RFC 6265 §5.3 step 3).
const EXPIRED = '=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT';

/**
 * One cookie as `cookieStore.getAll()` lists it. The standard gives only name and value;
 * Chromium also says where the cookie lives (`domain` null when host-only, else without the
 * leading dot; `path`; `secure`; `partitioned`), and that is what lets one write reach it.
 */
export interface ListedCookie extends CookieListItem {
  domain?: string | null;
  path?: string;
  secure?: boolean;
  partitioned?: boolean;
}

/** The part of the Cookie Store API used here (secure contexts only; absent on http). */
export interface CookieLister {
  getAll(): Promise<ListedCookie[]>;
}

/**
 * Expires every cookie visible to this page whose name matches (COMPLIANCE K-1/K-2), except
 * `keep` (Candor's own record). A cookie is replaced, and so deleted, only by a write with
 * the same name, domain, host-only flag, path and partition (RFC 6265 §5.3). What this costs
 * the page is mostly the browser's: in Chromium each `document.cookie` read is a synchronous
 * trip to its cookie store that first waits for every write before it, and turning
 * `cookieStore.getAll()`'s answer into objects costs the page about as much per cookie. So:
 * 1. one read says which names match (or `snapshot`, what a read said a moment ago, before
 *    a write of Candor's own made the next read wait); nothing matches, nothing more is done;
 * 2. where the Cookie Store API lists where each cookie lives (Chromium, secure contexts),
 *    each copy of a matching name gets one exact write (`document.cookie`, not
 *    `cookieStore.delete()`, which is slower and cannot name a path without a trailing
 *    slash), and nothing is read back: those writes cannot miss;
 * 3. any name the list cannot place (no list, or no `domain`/`path` in it as in Firefox and
 *    Safari, or not on the list because it was set meanwhile) is swept: `Path=/` on every
 *    domain variant, host-only included, where trackers put their cookies; then, for names
 *    a read still shows, every other ancestor path, and on https every path again as a
 *    partitioned copy (no second read at the root of an http page: nothing left to write).
 * A later `document.cookie` read waits for these writes, so once this resolves the cookies
 * are gone for every later read. HttpOnly and third-party cookies are out of JavaScript's
 * reach (K-3). Resolves to the names it found.
 */
export async function deleteCookies(
  doc: Document,
  loc: Location,
  match: NameMatcher,
  keep: string,
  store?: CookieLister | null,
  snapshot?: string,
): Promise<string[]> {
  const matches = (name: string | undefined): name is string => !!name && name !== keep && match(name);
  const visible = (cookies = doc.cookie) => {
    const names = new Set<string>();
    const pairs = cookies.split(';');
    for (let i = 0; i < pairs.length; i++) {
      const pair = pairs[i]!;
      const eq = pair.indexOf('=');
      // RFC 6265bis §5.6: a pair without "=" is a nameless cookie; nothing to match. (Browsers
      // join pairs with "; ": past that space, `trim` has nothing to cut, and makes no copy.)
      const name = eq < 0 ? '' : pair.slice(pair[0] === ' ' ? 1 : 0, eq).trim();
      if (matches(name)) names.add(name);
    }
    return names;
  };
  const found = visible(snapshot);
  if (!found.size) return [];
  const https = loc.protocol === 'https:';
  // A Secure cookie is replaced only by a Secure write, and only from a secure origin (RFC
  // 6265bis §5.7 "leave secure cookies alone"); the prefixes need it anywhere (§4.1.3).
  const secure = (name: string, flag?: boolean) => (https || flag || name.startsWith('__Secure-') || name.startsWith('__Host-') ? '; Secure' : '');
  const sweep = new Set(found);
  if (store) {
    try {
      const placed = new Set<string>();
      for (const { name, domain, path, secure: s, partitioned } of await store.getAll()) {
        // Without `path` and `domain` (null when host-only) the list says too little: sweep.
        if (name === undefined || !found.has(name) || !path || domain === undefined) continue;
        placed.add(name);
        doc.cookie = `${name}${EXPIRED}${domain ? `; Domain=${domain}` : ''}; Path=${path}${secure(name, s || partitioned)}${partitioned ? '; Partitioned' : ''}`;
      }
      for (const name of placed) sweep.delete(name);
    } catch {
      // No list (a browser that refuses it): the sweep below reaches every copy.
    }
  }
  if (!sweep.size) return [...found];
  const domains = ['', ...domainVariants(loc.hostname).map((d) => `; Domain=${d}`)];
  // (Indexed loops and forEach: this runs once, unoptimized, and there each step of a for-of
  // is an object allocated, garbage the page would collect in the middle of the withdrawal.)
  const expire = (names: Set<string>, paths: string[], partitioned = '') =>
    names.forEach((name) => {
      // __Host- cookies exist only host-only on Path=/: one write, where the paths have it.
      if (name.startsWith('__Host-')) {
        if (paths[0] === '/') doc.cookie = `${name}${EXPIRED}; Path=/${secure(name)}${partitioned}`;
        return;
      }
      const tail = `${secure(name)}${partitioned}`;
      for (let i = 0; i < domains.length; i++) for (let j = 0; j < paths.length; j++) doc.cookie = `${name}${EXPIRED}${domains[i]}; Path=${paths[j]}${tail}`;
    });
  expire(sweep, ROOT);
  // The other paths there are to write (none at the root). And on https, partitioned copies
  // (CHIPS): a cookie's partition is part of what it is, so only a write that says
  // `Partitioned` replaces one; the list names them, the sweep cannot. Both for the names a
  // second look still finds (at the root on http, none to look for). So a sweep on https
  // (Firefox, Safari) always ends 40 ms later, and withdraw() shows its banner after that.
  const paths = pathVariants(loc.pathname);
  const others = paths.slice(1);
  if (others.length || https) {
    // The read below (which names are still visible: on other paths, or partitioned) waits
    // in Chromium until the browser has stored every write above: asked at once, it blocked
    // the page for as long as that took (10–15 ms for 67 names here, once the largest part
    // of a withdrawal on http). A moment later the writes are in, and the read is quick.
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const left = visible();
    if (left.size) {
      expire(left, others);
      if (https) expire(left, paths, '; Partitioned');
    }
  }
  return [...found];
}

/**
 * Gets the browser's side of a removal ready while the page is idle, ahead of a withdrawal
 * (`prepareCleanup`). In Chromium the first look into `localStorage` / `sessionStorage` in a
 * page view is a synchronous trip that loads the origin's keys into the page (1–5 ms of a
 * withdrawal's page time, the largest part after the cookie writes). Getting the object
 * alone does not load them; asking its `length` does, and the keys then stay loaded for the
 * page view, so the removal's listing is ~0.1 ms. The first `cookieStore` access creates its
 * connection. Nothing is written.
 */
export function openStorage(win: Win): unknown {
  // Listing the keys, as the removal will (and removing none), is what loads them. (Once a
  // bare `void s?.length` did this, and a minifier dropped it as unused.)
  deleteStorageKeys(win, () => false);
  try {
    // Returned, so that no minifier drops the read.
    return win.cookieStore;
  } catch {
    /* blocked: the removal skips it too */
  }
}

/** Removes the matching keys from localStorage and sessionStorage (COMPLIANCE K-4). */
export function deleteStorageKeys(win: Win, match: NameMatcher): void {
  for (const area of ['localStorage', 'sessionStorage'] as const) {
    try {
      const s = win[area];
      const keys: string[] = [];
      for (let i = 0; i < s.length; i++) keys.push(s.key(i)!);
      for (const k of keys) if (match(k)) s.removeItem(k);
    } catch {
      // Storage blocked (sandboxed frame, privacy settings): nothing there to remove.
    }
  }
}
