/**
 * True for the only link targets Candor will ever put in an `href`: absolute http(s) URLs
 * and root-relative paths. `javascript:`, `data:`, `vbscript:` and protocol-relative
 * (`//host`) URLs are refused, as are URLs with whitespace or control characters, which
 * browsers strip before parsing and attackers use to hide a scheme.
 */
export function isSafeUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2048) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse them
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(value)) return false;
  if (value[0] === '/') return value[1] !== '/';
  return /^https?:\/\/[^/?#]+/i.test(value);
}
