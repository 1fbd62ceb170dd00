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
  // Flags ("" or "i") → regex sources, each checked to compile on its own.
  const sources = new Map<string, string[]>();
  for (const p of patterns) {
    const end = p.lastIndexOf('/');
    if (p.length > 2 && p[0] === '/' && end > 0 && /^i?$/.test(p.slice(end + 1))) {
      const flags = p.slice(end + 1);
      const src = p.slice(1, end);
      try {
        new RegExp(src, flags);
        const list = sources.get(flags);
        if (list) list.push(src);
        else sources.set(flags, [src]);
      } catch {
        /* reported by config validation */
      }
    } else if (p.endsWith('*')) {
      const x = p.slice(0, -1);
      const k = x.slice(0, 1);
      const list = prefixes.get(k);
      if (list) list.push(x);
      else prefixes.set(k, [x]);
    } else exact.add(p);
  }
  const regexes = [...sources].flatMap(([flags, list]) => joinRegexes(list, flags));
  // Plain loops: a withdrawal runs this on every cookie name, once, so it is never optimized,
  // and there a callback or an iterator is an object allocated per call, garbage the page
  // would collect in the middle of the withdrawal.
  return (name) => {
    if (exact.has(name) || prefixes.has('')) return true;
    const list = prefixes.get(name.slice(0, 1));
    if (list) for (let i = 0; i < list.length; i++) if (name.startsWith(list[i]!)) return true;
    for (let i = 0; i < regexes.length; i++) if (regexes[i]!.test(name)) return true;
    return false;
  };
}

/**
 * One regex for many with the same flags (`(?:a)|(?:b)`): a name is tested once, not once per
 * pattern. Not when a source refers to a group by number or name (joined, `\1` would mean
 * another group), nor when the joined form does not compile (the same group name twice, in
 * engines before ES2025): those stay one regex each.
 */
function joinRegexes(list: string[], flags: string): RegExp[] {
  const alone = list.filter((src) => /\\[1-9k]/.test(src));
  const joinable = list.filter((src) => !alone.includes(src));
  const out = alone.map((src) => new RegExp(src, flags));
  if (joinable.length) {
    try {
      out.push(new RegExp(joinable.map((src) => `(?:${src})`).join('|'), flags));
    } catch {
      out.push(...joinable.map((src) => new RegExp(src, flags)));
    }
  }
  return out;
}
