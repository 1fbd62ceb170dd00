import type { Win } from '../util/win';
import { domainVariants, pathVariants } from './cookie-variants';
import type { NameMatcher } from './patterns';

const ROOT = ['/'];
const EXPIRED = '=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT';

/**
 * Expires every cookie visible to this page whose name matches, for every domain and path
 * variant that could hold it (COMPLIANCE K-1/K-2), except `keep` (Candor's own record).
 * Each `document.cookie` write is a round trip to the browser's cookie store, so it goes in
 * two passes: first `Path=/` on every domain variant (where trackers put their cookies),
 * then, only for names still visible, every other ancestor path. HttpOnly and third-party
 * cookies are out of JavaScript's reach (K-3). Returns the names it found.
 */
export function deleteCookies(doc: Document, loc: Location, match: NameMatcher, keep: string): string[] {
  const visible = () => {
    const names = new Set<string>();
    for (const pair of doc.cookie.split(';')) {
      const eq = pair.indexOf('=');
      // RFC 6265bis §5.6: a pair without "=" is a nameless cookie; nothing to match.
      const name = eq < 0 ? '' : pair.slice(0, eq).trim();
      if (name && name !== keep && match(name)) names.add(name);
    }
    return names;
  };
  const found = visible();
  if (!found.size) return [];
  const https = loc.protocol === 'https:';
  const domains = ['', ...domainVariants(loc.hostname).map((d) => `; Domain=${d}`)];
  const expire = (names: Set<string>, paths: string[]) => {
    for (const name of names) {
      // A Secure cookie is replaced only by a Secure write, and only from https (RFC 6265bis
      // §5.7 "leave secure cookies alone"); the prefixes need it anywhere (§4.1.3).
      const secure = https || name.startsWith('__Secure-') || name.startsWith('__Host-') ? '; Secure' : '';
      // __Host- cookies exist only host-only on Path=/: one write, in the first pass.
      if (name.startsWith('__Host-')) {
        if (paths === ROOT) doc.cookie = `${name}${EXPIRED}; Path=/${secure}`;
      }
      else for (const d of domains) for (const p of paths) doc.cookie = `${name}${EXPIRED}${d}; Path=${p}${secure}`;
    }
  };
  expire(found, ROOT);
  const left = visible();
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
