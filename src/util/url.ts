/**
 * True for the only link targets Candor will ever put in an `href`: absolute http(s) URLs
 * and root-relative paths. `javascript:`, `data:`, `vbscript:` and protocol-relative
 * (`//host`) URLs are refused, as are URLs with whitespace or control characters, which
 * browsers strip before parsing and attackers use to hide a scheme.
 */
export function isSafeUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2048) return false;
  // No regular expressions (src/util/chars.ts): this checks the policy link on every page view.
  // /[\u0000-\u0020\u007f-\u009f\\]/
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x5c) return false;
  }
  if (value[0] === '/') return value[1] !== '/';
  // /^https?:\/\/[^/?#]+/i
  const head = value.slice(0, 8).toLowerCase();
  const at = head.startsWith('https://') ? 8 : head.startsWith('http://') ? 7 : 0;
  return at > 0 && at < value.length && !'/?#'.includes(value[at]!);
}
