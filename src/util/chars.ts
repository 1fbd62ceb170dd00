/**
 * Character checks without regular expressions, for what runs before a return visit's gated
 * scripts (config, record, gate). Chromium compiles a regular expression when it is first
 * used: on the bench page the first one cost ~0.1 ms, each other one ~0.01–0.03 ms (5 µs
 * timers), and that path used ten of them; vanilla-cookieconsent's uses one. Each helper
 * says which expression it stands for; the unit tests compare them on random strings.
 */

/**
 * Whether `s` is `min` to `max` characters, each in one of the ranges of `set`, the first in
 * one of `first`. A set is pairs of first and last character: `isToken(s, "az09", 1, 16)` is
 * `/^[a-z0-9]{1,16}$/.test(s)`, and `"az09__--"` is `[a-z0-9_-]`.
 */
export function isToken(s: string, set: string, min: number, max: number, first = set): boolean {
  if (s.length < min || s.length > max) return false;
  next: for (let i = 0; i < s.length; i++) {
    const ranges = i ? set : first;
    for (let r = 0; r < ranges.length; r += 2) if (s[i]! >= ranges[r]! && s[i]! <= ranges[r + 1]!) continue next;
    return false;
  }
  return true;
}

/** `[a-z0-9_-]`: the characters of a category id after its first letter */
export const ID = 'az09__--';
/** `\w`: A-Z, a-z, 0-9 and `_` */
export const WORD = 'azAZ09__';

/** `/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i`: a language code such as "de" or "pt-BR". */
export function isLangCode(s: string): boolean {
  const [lang, ...rest] = s.split('-');
  return isToken(lang!, 'azAZ', 2, 3) && rest.every((part) => isToken(part, 'azAZ09', 2, 8));
}

/**
 * The words of a space-separated list: `s.split(/\s+/).filter(Boolean)`. Any whitespace
 * separates, as before: a CMS that writes `data-category="analytics&nbsp;"` still means
 * "analytics".
 */
export function words(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    // (`trim` removes exactly what `\s` matches: white space and line terminators)
    const space = i === s.length || !s[i]!.trim();
    if (!space && start < 0) start = i;
    else if (space && start >= 0) {
      out.push(s.slice(start, i));
      start = -1;
    }
  }
  return out;
}
