/** Tells whether a cookie or storage key name matches a category's patterns. */
export type NameMatcher = (name: string) => boolean;

/**
 * Compiles name patterns once (SPEC §2 `cookies` / `storage`): `"_gid"` exact, `"_ga*"`
 * prefix (only a trailing `*` is special), `"/^_hj.*$/"` or `"/.../i"` a regex. Exact names go
 * into a Set and prefixes are compared with `startsWith`, so no RegExp is ever built from a
 * name (an unescaped `.` or `(` in a cookie name would change what a concatenated regex
 * matches). Prefixes are filed by their first character, so a name is compared only with the
 * few that could match (a withdrawal matches every cookie name against about a hundred
 * patterns). A regex that does not compile matches nothing: config validation reports it.
 */
export function compilePatterns(patterns: readonly string[]): NameMatcher {
  const exact = new Set<string>();
  // First character (`""` for the pattern "*", which matches every name) → prefixes.
  const prefixes = new Map<string, string[]>();
  const regexes: RegExp[] = [];
  for (const p of patterns) {
    const end = p.lastIndexOf('/');
    if (p.length > 2 && p[0] === '/' && end > 0 && /^i?$/.test(p.slice(end + 1))) {
      try {
        regexes.push(new RegExp(p.slice(1, end), p.slice(end + 1)));
      } catch {
        /* reported by config validation */
      }
    } else if (p.endsWith('*')) {
      const x = p.slice(0, -1);
      const k = x.slice(0, 1);
      prefixes.set(k, [...(prefixes.get(k) ?? []), x]);
    } else exact.add(p);
  }
  return (name) =>
    exact.has(name) || prefixes.has('') || !!prefixes.get(name.slice(0, 1))?.some((x) => name.startsWith(x)) || regexes.some((r) => r.test(name));
}
