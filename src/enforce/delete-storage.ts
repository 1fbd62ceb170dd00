import type { Win } from '../util/win';
import { domainVariants, pathVariants } from './cookie-variants';
import type { NameMatcher } from './patterns';

const ROOT = ['/'];
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
 * the same name, domain, host-only flag, path and partition (RFC 6265 §5.3), and every write
 * the browser acts on costs a trip through its cookie store, so:
 * 1. where the Cookie Store API lists where each cookie lives (Chromium), one exact write per
 *    copy; `document.cookie` rather than `cookieStore.delete()`, which is slower and cannot
 *    name a path without a trailing slash;
 * 2. for any name still visible (no list, no `domain`/`path` in it as in Firefox and Safari,
 *    or a cookie set meanwhile), `Path=/` on every domain variant, host-only included, where
 *    trackers put their cookies; then, for names still visible, every other ancestor path.
 * Reading `document.cookie` waits for every write before it, so once this resolves the
 * cookies are gone for every later read. HttpOnly and third-party cookies are out of
 * JavaScript's reach (K-3). Resolves to the names it found.
 */
export async function deleteCookies(doc: Document, loc: Location, match: NameMatcher, keep: string, store?: CookieLister | null): Promise<string[]> {
  const matches = (name: string | undefined): name is string => !!name && name !== keep && match(name);
  const visible = () => {
    const names = new Set<string>();
    for (const pair of doc.cookie.split(';')) {
      const eq = pair.indexOf('=');
      // RFC 6265bis §5.6: a pair without "=" is a nameless cookie; nothing to match.
      const name = eq < 0 ? '' : pair.slice(0, eq).trim();
      if (matches(name)) names.add(name);
    }
    return names;
  };
  const found = visible();
  if (!found.size) return [];
  const https = loc.protocol === 'https:';
  // A Secure cookie is replaced only by a Secure write, and only from a secure origin (RFC
  // 6265bis §5.7 "leave secure cookies alone"); the prefixes need it anywhere (§4.1.3).
  const secure = (name: string, flag?: boolean) => (https || flag || name.startsWith('__Secure-') || name.startsWith('__Host-') ? '; Secure' : '');
  let left = found;
  if (store) {
    try {
      for (const { name, domain, path, secure: s, partitioned } of await store.getAll()) {
        // Without `path` and `domain` (null when host-only) the list says too little: sweep.
        if (matches(name) && path && domain !== undefined) {
          found.add(name);
          doc.cookie = `${name}${EXPIRED}${domain ? `; Domain=${domain}` : ''}; Path=${path}${secure(name, s || partitioned)}${partitioned ? '; Partitioned' : ''}`;
        }
      }
    } catch {
      // No list (a browser that refuses it): the sweep below reaches every copy.
    }
    left = visible();
  }
  if (!left.size) return [...found];
  const domains = ['', ...domainVariants(loc.hostname).map((d) => `; Domain=${d}`)];
  const expire = (names: Set<string>, paths: string[]) => {
    for (const name of names) {
      // __Host- cookies exist only host-only on Path=/: one write, in the first pass.
      if (name.startsWith('__Host-')) {
        if (paths === ROOT) doc.cookie = `${name}${EXPIRED}; Path=/${secure(name)}`;
      }
      else for (const d of domains) for (const p of paths) doc.cookie = `${name}${EXPIRED}${d}; Path=${p}${secure(name)}`;
    }
  };
  expire(left, ROOT);
  left = visible();
  if (left.size) expire(left, pathVariants(loc.pathname).slice(1));
  return [...found];
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
