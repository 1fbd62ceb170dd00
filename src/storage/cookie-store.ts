import Cookies from 'js-cookie';

/** Where the consent record lives between page views. */
export interface RecordStore {
  read(): string | undefined;
  write(value: string, expiresAt: number): void;
  /**
   * Takes a record another tab wrote (and sent): where this page never saw the cookie
   * (cookies blocked), reads then return it instead of this page's own older write.
   */
  adopt(value: string): void;
}

export interface CookieStoreOptions {
  name: string;
  domain?: string;
  /** `Secure` on https pages (SPEC §3). */
  secure: boolean;
  /** `document.cookie` as just read by the caller: the first read uses it instead of reading again. */
  initial?: string;
  /**
   * When several copies are visible (one on this host, one a sibling host wrote on a parent
   * domain), the one for which this is highest is read: the visitor's latest choice.
   */
  age?: (value: string) => number;
}

/**
 * The `candor_consent` cookie: written with js-cookie (`Path=/`, `SameSite=Lax`, `Secure` on
 * https), and read from a `document.cookie` string.
 * Every access is guarded: a sandboxed frame throws on `document.cookie`, and some privacy
 * tools make it ignore writes. Either way the visitor's choice still holds for the page view:
 * a read that finds no cookie returns the value this page last wrote, until a read has found
 * the cookie since that write. From then on cookies work here, and a missing cookie was
 * deleted (the visitor cleared the site's cookies, or it expired): that reads as none, as it
 * does in every other tab.
 *
 * A write is not read back to check it: in Chromium a `document.cookie` read waits for every
 * write before it to reach the browser's cookie store, so checking made each decision block
 * the page for as long as the browser was busy (up to tens of ms on a withdrawal while other
 * cookies were being written).
 */
export function createCookieStore({ name, domain, secure, initial, age = () => 0 }: CookieStoreOptions): RecordStore {
  const jar = Cookies.withAttributes({ path: '/', sameSite: 'Lax', secure, ...(domain ? { domain } : {}) });
  let written: string | undefined;
  // A read found the cookie since this page's last write (see above).
  let seen = false;
  let first = initial;
  return {
    read() {
      try {
        // Each cookie of that name (a plain token: the config checks it), decoded as js-cookie
        // encodes it; a malformed value counts as none. Of several copies, the latest choice
        // (`age`); on a tie the first, or with `domain` the last: a host-only copy from before
        // `cookieDomain` was set (on this or a sibling host, until that host writes again) is
        // older, and RFC 6265 §5.4 lists older cookies of the same path first. (An order
        // alone let a sibling's stale copy on the parent domain hide every later choice here.)
        let value = '';
        for (const pair of (first ?? document.cookie).split('; ')) {
          if (!pair.startsWith(`${name}=`)) continue;
          try {
            const v = decodeURIComponent(pair.slice(name.length + 1));
            if (v && (!value || (domain ? age(v) >= age(value) : age(v) > age(value)))) value = v;
          } catch {
            /* malformed: none */
          }
        }
        first = undefined;
        if (value) seen = true;
        return value || (seen ? undefined : written);
      } catch {
        return written;
      }
    },
    adopt(value) {
      if (!seen) written = value;
    },
    write(value, expiresAt) {
      written = value;
      seen = false;
      try {
        // RFC 6265 §5.3: only a write without Domain replaces or deletes a host-only cookie.
        // A host-only copy from before `cookieDomain` was set would otherwise stay beside the
        // shared one, and be read instead of it on this host.
        if (domain) Cookies.remove(name);
        jar.set(name, value, { expires: new Date(expiresAt) });
      } catch {
        // blocked: the value lives in `written` for this page view
      }
    },
  };
}
