/**
 * Trusted Types (CSP `require-trusted-types-for 'script'`): on such a page the browser takes
 * a script's URL or text only from a policy. Candor's is named `candor` (a page that lists
 * policies allows it with `trusted-types candor`) and is private to Candor: it blesses only
 * what Candor passes it, which is its own chunks' URLs (built from its own tag's `src`) and
 * gated scripts that carry the nonce of Candor's tag (the site owner's own, see
 * gate-elements.ts). Null where there is no Trusted Types, or the page allows no `candor`
 * policy: Candor then uses plain strings, which such a page refuses with a clear error.
 */
export interface ScriptPolicy {
  createScriptURL(url: string): string;
  createScript(text: string): string;
}

/** What a policy does with what Candor passes it, and what Candor does without one: nothing. */
export const PLAIN: ScriptPolicy = { createScriptURL: String, createScript: String };
// One per window (a policy name can be taken once); none is kept for a missing window.
const policies = new WeakMap<object, ScriptPolicy | null>();

export function scriptPolicy(win: Window | null): ScriptPolicy | null {
  if (!win) return null;
  if (!policies.has(win)) {
    let p = null;
    try {
      p = (win as { trustedTypes?: { createPolicy(name: string, rules: ScriptPolicy): ScriptPolicy } }).trustedTypes?.createPolicy('candor', PLAIN) ?? null;
    } catch {
      /* not allowed: plain strings */
    }
    policies.set(win, p);
  }
  return policies.get(win)!;
}
