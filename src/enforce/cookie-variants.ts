/*
 * Where a cookie that page code can see may live, so that deleting it reaches every copy.
 * RFC 6265 §5.3: a cookie is identified by name, domain, host-only flag and path; it is
 * replaced (and so deleted) only by a Set-Cookie with the same three. Pure: no DOM.
 */

// Second-level labels that, under a two-letter country TLD, form a public suffix
// (co.uk, com.au, co.jp, ne.jp, gov.uk, org.nz, com.br, gob.mx …). A compact stand-in for
// the Public Suffix List, which is too large to ship on every page view. Erring towards
// "suffix" is safe: a Domain= the browser would refuse is simply never tried.
const SECOND_LEVEL = /^(co|com|net|org|gov|govt|edu|ac|or|ne|go|gob|mil|ltd|plc|me|nom|sch|id)$/;

/**
 * The `Domain=` values a cookie visible on `host` may carry: the host itself and each
 * parent domain up to the registrable one (`_ga` sits on the highest), never a public
 * suffix (RFC 6265 §5.3 step 5: browsers reject those). The last label always counts as a
 * suffix, and so do two labels like `co.uk` (see {@link SECOND_LEVEL}). IP addresses and
 * single-label hosts (`localhost`) get none: only host-only cookies exist there.
 * Most specific first.
 */
export function domainVariants(host: string): string[] {
  const h = host.toLowerCase().replace(/\.$/, '');
  // (an IPv6 address, bracketed or not, has a colon)
  if (!h.includes('.') || h.includes(':') || /^[\d.]+$/.test(h)) return [];
  const labels = h.split('.');
  const n = labels.length;
  const suffix = n > 2 && labels[n - 1]!.length === 2 && SECOND_LEVEL.test(labels[n - 2]!) ? 2 : 1;
  const out: string[] = [];
  for (let i = 0; i < n - suffix; i++) out.push(labels.slice(i).join('.'));
  return out;
}

/**
 * The `Path=` values of cookies visible on `pathname`: `/`, each ancestor with and without
 * its trailing slash (RFC 6265 §5.1.4: the default path is the directory, `/a/b` for
 * `/a/b/page.html`, while scripts often write `/a/b/`), and the path itself. A path with a
 * `;` could not be written as an attribute and is left out.
 */
export function pathVariants(pathname: string): string[] {
  const out = new Set(['/']);
  const p = pathname[0] === '/' ? pathname : '/';
  for (let i = 1; i < p.length; i++) {
    if (p[i] === '/') out.add(p.slice(0, i)).add(p.slice(0, i + 1));
  }
  out.add(p);
  return [...out].filter((v) => !v.includes(';'));
}
