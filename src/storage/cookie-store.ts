import Cookies from 'js-cookie';

/** Where the consent record lives between page views. */
export interface RecordStore {
  read(): string | undefined;
  /** Returns false when the browser kept nothing (cookies blocked): the value then lives in memory for this page view. */
  write(value: string, expiresAt: number): boolean;
}

export interface CookieStoreOptions {
  name: string;
  domain?: string;
  /** `Secure` on https pages (SPEC §3). */
  secure: boolean;
}

/**
 * The `candor_consent` cookie, written with js-cookie: `Path=/`, `SameSite=Lax`, `Secure` on
 * https. Every access is guarded: a sandboxed frame throws on `document.cookie`, and some
 * privacy tools make it ignore writes. Either way the visitor's choice still holds for the
 * page view, kept in memory.
 */
export function createCookieStore({ name, domain, secure }: CookieStoreOptions): RecordStore {
  const jar = Cookies.withAttributes({ path: '/', sameSite: 'Lax', secure, ...(domain ? { domain } : {}) });
  let memory: string | undefined;
  return {
    read() {
      if (memory !== undefined) return memory;
      try {
        return jar.get(name);
      } catch {
        return undefined;
      }
    },
    write(value, expiresAt) {
      memory = value;
      try {
        jar.set(name, value, { expires: new Date(expiresAt) });
        if (jar.get(name) === value) {
          memory = undefined;
          return true;
        }
      } catch {
        // blocked: keep the in-memory copy
      }
      return false;
    },
  };
}
