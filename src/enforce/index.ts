import type { CandorContext, Disposer } from '../api/create-candor';
import type { Chunks } from '../chunks/registry';
import { consentModeState } from './consent-state';
import { createGate } from './gate-elements';
import type { NameMatcher } from './patterns';
import { createVendorBridge } from './vendors';

/**
 * Enforcement of the visitor's choice (SPEC §4): Google Consent Mode and the other vendors'
 * consent APIs, script/frame gating, and cookie and storage removal on withdrawal, all
 * driven by `ctx.onDecision`. Runs synchronously at script start so the Consent Mode
 * default is queued before any Google tag (COMPLIANCE G-1).
 */
export function startEnforcement(ctx: CandorContext): Disposer {
  const { config, store, win, doc } = ctx;
  const ids = config.categories.map((c) => c.id);
  const required = (id: string) => config.categories.some((c) => c.id === id && c.required);
  const has = (id: string) => store.has(id);
  const gcmState = (granted: (id: string) => boolean) => consentModeState(config.googleConsentMode.map, ids, granted);

  // Consent Mode: the default is the state before any choice (only required categories);
  // a stored choice, and a Do Not Track / GPC refusal saved before this ran, is then
  // applied as the one `update` of that decision (COMPLIANCE G-3: restoring a stored
  // choice counts as a decision). Both are queued now, before any Google tag reads them.
  const tell = createVendorBridge(win, config.googleConsentMode);
  const initial = gcmState(required);
  tell('default', initial);
  const now = gcmState(has);
  if (store.consent.peek().given || JSON.stringify(now) !== JSON.stringify(initial)) tell('update', now);

  const gate = createGate(doc, has, ctx.script.nonce);
  // While the parser is still adding elements (Candor in <head>), an inline script's text
  // may not be complete yet: gated elements are first looked at once the document is
  // parsed, then as they are added.
  const observer = typeof win.MutationObserver === 'function'
    ? new win.MutationObserver((records) => {
        for (const r of records) for (const n of Array.from(r.addedNodes)) if (n.nodeType === 1) gate.scan(n as Element);
      })
    : null;
  const parsed = () => doc.readyState !== 'loading';
  const begin = () => {
    doc.removeEventListener('DOMContentLoaded', begin);
    observer?.observe(doc.documentElement, { childList: true, subtree: true });
    gate.scan();
  };
  if (parsed()) begin();
  else doc.addEventListener('DOMContentLoaded', begin);

  // Removal code and compiled patterns are loaded on the first withdrawal, or ahead of it
  // (the `cleanup` chunk): most page views never need them.
  // One matcher for all the patterns of the categories withdrawn together (and the same
  // list for cookies and storage, as a config often gives, compiled once): a name is
  // tested once, not once per category. Looked up by the categories first: a withdrawal
  // does not build the list of patterns again (a few KB the page would collect meanwhile).
  const matchers = new Map<string, NameMatcher>();
  const byCategories = new Map<string, NameMatcher>();
  const matcher = ({ removalPatterns, compilePatterns }: Chunks['cleanup'], ids: string[], kind: 'cookies' | 'storage') => {
    const asked = `${kind} ${ids}`;
    let m = byCategories.get(asked);
    if (!m) {
      const list = ids.flatMap((id) => removalPatterns(id, config.categories.find((c) => c.id === id)?.[kind] ?? []));
      const key = list.join('\n');
      if (!(m = matchers.get(key))) matchers.set(key, (m = compilePatterns(list)));
      byCategories.set(asked, m);
    }
    return m;
  };
  // Ahead of a withdrawal (a choice that granted something, the preference center opened):
  // the code is fetched now; once the page is idle, the patterns of "withdraw everything"
  // (what withdraw() and Reject all remove) are compiled and the page's storage opened, so a
  // withdrawal on this page view waits for none of it. A RegExp is compiled by the engine
  // only when first used (and again, to machine code, when used once more): each matcher is
  // run twice on a name nothing is called.
  const withdrawable = config.categories.filter((c) => !c.required).map((c) => c.id);
  const whenIdle = (fn: () => void) => {
    try {
      if (win.requestIdleCallback) return void win.requestIdleCallback(fn, { timeout: 1000 });
    } catch {
      /* a page's own requestIdleCallback: a timeout does */
    }
    win.setTimeout(fn, 0);
  };
  const prepareCleanup = (ctx.prepareCleanup = () => {
    ctx.loadChunk('cleanup').then(
      (chunk) =>
        whenIdle(() => {
          try {
            for (const kind of ['cookies', 'storage'] as const) {
              const m = matcher(chunk, withdrawable, kind);
              m('\0');
              m('\0');
            }
            chunk.openStorage(win);
          } catch {
            /* the withdrawal does it, and reports what fails */
          }
        }),
      () => {},
    );
  });
  const clean = (decided: readonly string[], cookiesBefore?: string) => {
    // What to remove, as decided now: page code hears of the decision before the chunk is in.
    const ids = [...decided];
    // Still this task once the chunk is there (it was loaded before): `cookiesBefore` is
    // what a read would say, minus Candor's own record, without the wait. Later, read.
    let sameTask = true;
    win.setTimeout(() => (sameTask = false));
    return ctx.loadChunk('cleanup').then(
      (chunk) => {
        // Not what was granted again while the code loaded: its scripts may run by now.
        const still = ids.filter((id) => !has(id));
        if (!still.length) return;
        // Storage first: opening it is a synchronous trip to the browser, which answers it
        // after every cookie write already sent (67 of them took localStorage from ~1 ms to
        // 3-4 ms to open in Chromium), and no cookie write waits for it.
        chunk.deleteStorageKeys(win, matcher(chunk, still, 'storage'));
        return chunk.deleteCookies(doc, win.location, matcher(chunk, still, 'cookies'), config.cookieName, win.cookieStore, sameTask ? cookiesBefore : undefined).catch(() => {});
      },
      (e: unknown) => console.error('[candor] could not remove withdrawn cookies:', e),
    );
  };

  // A decision saved before this listened (DNT/GPC at start) already reached Consent Mode
  // (above); what it withdrew, a stored opt-out-mode OK that GPC overrides, goes now.
  if (ctx.atStart?.cleanup.length) ctx.removal = clean(ctx.atStart.cleanup);
  const off = ctx.onDecision((d) => {
    tell('update', gcmState(has));
    if (d.cleanup.length) ctx.removal = clean(d.cleanup, d.cookiesBefore);
    // Only a grant can let a gated element run: a withdrawal leaves the page's DOM unread.
    if (d.granted.length && parsed()) gate.scan();
    // What is granted now may be withdrawn later on this page: get that ready once the page is free.
    if (d.granted.length) win.setTimeout(prepareCleanup, 50);
  });

  return () => {
    off();
    observer?.disconnect();
    doc.removeEventListener('DOMContentLoaded', begin);
  };
}
