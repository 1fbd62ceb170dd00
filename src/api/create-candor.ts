import { type ConfigResult, readConfig } from '../config/read-config';
import type { Win } from '../util/win';
import type { Category, ResolvedConfig } from '../config/resolve';
import { type ConsentSnapshot, type ConsentStore, createConsentStore, type Decision } from '../core/consent-store';
import { createUiState, type UiState, type View } from '../core/ui-state';
import { startEnforcement } from '../enforce';
import { startAi } from '../ai';
import type { ScriptInfo } from '../chunks/fetch-chunk';
import { createChunkLoader } from '../chunks/load';
import type { ChunkName, Chunks } from '../chunks/registry';
import { type PrivacySignal, readPrivacySignal } from '../signals/privacy-signals';
import { createCookieStore, type RecordStore } from '../storage/cookie-store';
import { sendConsentLog } from '../storage/consent-log';
import {
  type ConsentRecord,
  type ConsentSource,
  decodeRecord,
  encodeRecord,
  isCurrent,
  newConsentId,
  shortHash,
} from '../storage/record';
import { doNotSell, openPreferences } from '../ui/actions';
import { mountUi } from '../ui/mount';
import { type CandorEventName, createEmitter, EVENT_NAMES, reportError } from './events';
import type { CandorApi, CandorConfig } from './types';

declare const __CANDOR_VERSION__: string;
/** The version of this build. */
export const VERSION: string = typeof __CANDOR_VERSION__ === 'string' ? __CANDOR_VERSION__ : '0.0.0-dev';

/** A decision plus the categories whose cookies and storage must go now. */
export interface SavedDecision extends Pick<Decision, 'granted' | 'revoked'> {
  /** Categories whose cookies and storage go now: the revoked ones, every non-required one on `withdraw()`, none when another tab's record merely went away. */
  cleanup: string[];
  /** True when the state came from another tab rather than a choice on this page. */
  fromOtherTab: boolean;
  /**
   * `document.cookie` as it was just before this decision's record was written, when there
   * is something to clean up: in Chromium a read after a write waits for the browser to
   * store it, so the removal reads this instead when it runs in the same task.
   */
  cookiesBefore?: string;
}

/** What the script tag knows about the page it starts on. */
export interface StartOptions {
  /** Candor's own `<script>` (for the chunks' URL, nonce and crossorigin). */
  tag?: HTMLScriptElement | null;
  /** Makes the API reachable (`window.Candor`) before `candor:ready` fires. */
  expose?: (api: CandorApi) => void;
  /** `document.cookie`, read a moment ago from a small function (see src/entries/script.ts). */
  cookies?: string;
}

/** Disposes what a feature set up. */
export type Disposer = () => void;

/**
 * What each feature (enforcement, AI notices, UI) gets: the typed config, the store, the
 * page, and named actions. Features never write the cookie themselves.
 */
export interface CandorContext {
  config: ResolvedConfig;
  store: ConsentStore;
  ui: UiState;
  win: Win;
  doc: Document;
  signal: PrivacySignal;
  /**
   * Records a visitor's choice and applies it everywhere (cookie, log, events, enforcement),
   * and says `words` in the live region (default: `texts.saved`).
   */
  decide(choices: Record<string, boolean>, source: ConsentSource, words?: string): void;
  acceptAll(source: ConsentSource): void;
  rejectAll(source: ConsentSource): void;
  acknowledgeAi(): void;
  /** Subscribes to every saved decision, from this page or another tab. */
  onDecision(fn: (d: SavedDecision) => void): Disposer;
  /** The element that had focus before Candor opened a layer, to return focus to. */
  lastFocus: { current: Element | null };
  /** Candor's own `<script>` tag as it was while the script ran (URL, nonce, crossorigin). */
  script: ScriptInfo;
  /** The banner's site-wide AI section, from the `ai` chunk once loaded (pages with `ai.notice`). */
  aiSection?: Chunks['ai']['AiSection'];
  /**
   * Moves the floating button aside if the element that has focus lies under it (WCAG
   * 2.4.11; set by the UI): for focus taken before the button appeared, which no focusin tells.
   */
  placeFab?: () => void;
  /** Set once the preference center's styles are in the shadow root. */
  prefsStyled?: boolean;
  /** Loads a lazy chunk (src/chunks/registry.ts) once per page view. */
  loadChunk: <N extends ChunkName>(name: N) => Promise<Chunks[N]>;
  /** Gets a withdrawal ready ahead of time: loads the removal code and compiles the patterns (set by enforcement). */
  prepareCleanup?: () => void;
  /** The removal started by this page's last decision that withdrew something; settles when it is done (set by enforcement). */
  removal?: Promise<unknown>;
  /** A decision saved at start, before enforcement listened (DNT/GPC): it removes what that decision withdrew. */
  atStart?: SavedDecision;
}

const consoleLine = (problems: string[]) =>
  `[candor] invalid config; Candor grants nothing beyond required categories until it is fixed:\n${problems
    .map((p) => `  - ${p}`)
    .join('\n')}`;

function copy(s: ConsentSnapshot): ConsentSnapshot {
  return { ...s, categories: { ...s.categories } };
}

/**
 * Starts Candor on a page from an already-read config. Used by the script tag (which reads
 * the page's config sources) and by {@link createCandor}.
 */
export function startCandor(
  { config, errors }: ConfigResult,
  win: Win = window,
  page: StartOptions = {},
): CandorApi {
  const { tag, expose, cookies } = page;
  const doc = win.document;
  if (errors.length) console.error(consoleLine(errors));

  // Read when first needed, at the latest once enforcement has run (below): on a return visit
  // in opt-in mode no decision needs it, and it is the page's first use of `navigator`,
  // ~0.1 ms in Chromium, that the gated scripts need not wait for. Read once: the signal in
  // force for this page view.
  let signalRead = false;
  let signalInForce: PrivacySignal = null;
  const privacySignal = (): PrivacySignal => {
    if (!signalRead) {
      signalRead = true;
      try {
        signalInForce = readPrivacySignal(win.navigator, win, {
          gpc: config.respectGlobalPrivacyControl,
          dnt: config.respectDoNotTrack,
        });
      } catch {
        signalInForce = null;
      }
    }
    return signalInForce;
  };

  // Hashed when a choice is recorded, not on every page view (the CPU profile showed it), and
  // after a translation has loaded, so it covers the texts the visitor actually saw. Once per
  // language: a translation replaces `config.texts` (and the labels) in one step.
  let hashed: [ResolvedConfig['texts'], string, string] | undefined;
  const textsHash = () => {
    if (hashed?.[0] !== config.texts || hashed[1] !== config.lang) {
      hashed = [config.texts, config.lang, shortHash(JSON.stringify([config.revision, config.policyUrl, config.lang, config.texts, config.categories.map((c) => [c.id, c.label, c.description])]))];
    }
    return hashed[2];
  };

  let secure = false;
  try {
    // The document's URL, not `location`: the page's first use of `location` costs ~0.04 ms.
    secure = doc.URL.startsWith('https:');
  } catch {
    /* no URL to read */
  }
  // When a record's choice was made (0: none yet; -1: not a record). Of two records, the later
  // choice is the visitor's latest; an AI acknowledgement keeps the choice it was made on.
  const choiceAt = (raw: string | undefined) => {
    const r = decodeRecord(raw);
    return r ? (r.givenAt ?? 0) : -1;
  };
  const jar: RecordStore = createCookieStore({ name: config.cookieName, domain: config.cookieDomain, secure, initial: cookies, age: choiceAt });
  const currency = () => ({ revision: config.revision, now: Date.now(), maxAgeDays: config.consentMaxAgeDays });
  const readStored = (raw: string | undefined): ConsentRecord | null => {
    const rec = decodeRecord(raw);
    return rec && isCurrent(rec, currency()) ? rec : null;
  };

  // The cookie as this page last saw it: a change is news from another tab, our own write
  // is not. Read once at start for both uses.
  let lastRaw = jar.read();
  // A broken config fails closed: a stored choice is not applied on this page view (it
  // stays in the cookie, and counts again once the config is fixed).
  // Decoded once: the same record is either applied or, of another revision, carried.
  const old = config.degraded ? null : decodeRecord(lastRaw);
  const current = old && isCurrent(old, currency()) ? old : null;
  const store = createConsentStore({
    categories: config.categories,
    revision: config.revision,
    mode: config.mode,
    maxAgeDays: config.consentMaxAgeDays,
    degraded: config.degraded,
    signal: privacySignal,
    textsHash,
    now: () => Date.now(),
    newId: newConsentId,
    initial: current,
  });
  if (old && !current) {
    // A record of another revision of the config asks again (SPEC §2: a change may need new
    // consent), but its refusals stand until the visitor chooses: a new text never needs a
    // new refusal, and an opt-out of sale or sharing (opt-out mode) or an objection (a
    // category granted by default) must not be undone by the site editing its policy. In
    // memory only (store.limit): the cookie keeps the old record until then.
    // (Only when it refuses something granted here: a limited page view stores no AI
    // acknowledgement, see acknowledgeAi.)
    const refused = (id: string) => old.givenAt != null && Date.now() < old.expiresAt && Object.hasOwn(old.categories, id) && old.categories[id] === false;
    if (old.revision !== config.revision && config.categories.some((c) => store.has(c.id) && refused(c.id))) store.limit((id) => !refused(id));
  }

  const emitter = createEmitter(doc, win);
  const decisionListeners = new Set<(d: SavedDecision) => void>();
  const disposers: Disposer[] = [];
  // Opened once enforcement has started (below): creating it is a trip to the browser that
  // a return visit's gated scripts need not wait for. A choice saved before then (the Do Not
  // Track / GPC refusal at start) reaches other tabs when they are next focused.
  let channel: BroadcastChannel | null = null;

  const canShowUi = config.policyUrl !== undefined;
  const nonRequired = (): Category[] => config.categories.filter((c) => !c.required);
  // The first layer: the banner, or the notice when every category is required.
  const ask = (): View => (canShowUi ? (nonRequired().length ? 'banner' : 'notice') : 'none');
  const ui = createUiState('none');
  // The banner that withdraw() shows once its removal is done, while still pending.
  let cancelBanner = () => {};

  // Page code hears `ready` first (SPEC §6): the events of a decision made while Candor
  // starts (the Do Not Track / GPC refusal) wait here until then, when window.Candor is set.
  // Only the events: enforcement has already applied that decision.
  let held: (() => void)[] | null = [];
  const publish = (d: SavedDecision) => {
    if (!decisionListeners.size) ctx.atStart = d;
    for (const fn of [...decisionListeners]) {
      try {
        fn(d);
      } catch (e) {
        reportError(win, e);
      }
    }
    const consent = copy(store.consent.peek());
    const tell = () => {
      emitter.emit('consent', consent);
      if (d.granted.length || d.revoked.length) emitter.emit('change', { granted: d.granted, revoked: d.revoked, consent });
    };
    if (held) held.push(tell);
    else tell();
  };

  /** Stores a record (cookie, other tabs) and sends it to the consent log when there is one. */
  // When the choice this tab wrote last was made, until a choice from another tab is applied:
  // messages can cross, and one carrying an older choice must not undo this tab's newer one.
  let ownChoice = 0;
  const persist = (rec: ConsentRecord) => {
    if (config.consentLogUrl) sendConsentLog(win, config.consentLogUrl, rec);
    const raw = encodeRecord(rec);
    jar.write(raw, rec.expiresAt);
    // What a read would now return, stored or (cookies blocked) kept in memory: no
    // document.cookie round trip (the CPU profile of withdraw() put cookie reads first).
    lastRaw = raw;
    try {
      // The record itself: the other tabs' cookie read could still miss this write.
      channel?.postMessage(raw);
    } catch {
      /* other tabs catch up on focus */
    }
  };

  const save = (choices: Record<string, boolean>, source: ConsentSource, cleanupAll = false, words = config.texts.saved) => {
    const decision = store.decide(choices, source);
    // (a choice, not an AI acknowledgement: that keeps the choice it was made on, which may be dated ahead)
    ownChoice = Date.now();
    const cleanup = cleanupAll ? nonRequired().map((c) => c.id) : decision.revoked;
    let cookiesBefore: string | undefined;
    try {
      if (cleanup.length) cookiesBefore = doc.cookie;
    } catch {
      /* cookies unavailable (sandboxed frame) */
    }
    persist(decision.record);
    publish({ ...decision, cleanup, fromOtherTab: false, cookiesBefore });
    // A live region announces changes, not values: the same words again end in a no-break
    // space, so a second save is announced too, in one change of the text (clearing it first
    // and setting it a task later, as before, cost the page a frame more per choice; the
    // region is aria-atomic, so the whole text is read). The automatic DNT/GPC refusal at
    // page load is no visitor's action and announces nothing; nor do texts set to "".
    if (source !== privacySignal() && words) ui.status.value = ui.status.peek() === words ? `${words}\u00a0` : words;
  };

  const all = (on: boolean) => Object.fromEntries(config.categories.map((c) => [c.id, on || c.required]));

  const script = readScriptInfo(doc, tag);
  const ctx: CandorContext = {
    script,
    loadChunk: createChunkLoader(win, script),
    config,
    store,
    ui,
    win,
    doc,
    get signal() {
      return privacySignal();
    },
    decide: (choices, source, words) => {
      save(choices, source, false, words);
      ui.view.value = 'none';
    },
    acceptAll: (source) => ctx.decide(all(true), source),
    rejectAll: (source) => ctx.decide(all(false), source),
    acknowledgeAi: () => {
      // On the newest record, not on what this tab last heard: an acknowledgement written over
      // a choice made meanwhile in another tab would undo it. Only a newer one: a cookie write
      // that lags behind (or that a privacy tool dropped) must not undo what came by message.
      if (choiceAt(jar.read()) >= (store.consent.peek().givenAt ?? 0)) syncFromOtherTab();
      const rec = store.acknowledgeAi();
      // A broken config never restored the stored record, and a tab limited by another tab's
      // record (store.limit) holds a record the cookie no longer has: writing either would
      // replace the visitor's stored choice for good. The acknowledgement holds for this page view.
      if (!config.degraded && !store.limited()) persist(rec);
      emitter.emit('ai-acknowledged', { at: rec.aiAcknowledgedAt, consent: copy(store.consent.peek()) });
    },
    onDecision: (fn) => {
      decisionListeners.add(fn);
      return () => decisionListeners.delete(fn);
    },
    lastFocus: { current: null },
  };

  // Do Not Track / GPC (SPEC §4): tracking categories are denied without asking, and that
  // is stored like any refusal. An explicit choice made earlier is left as it is. With a
  // broken config the stored choice was not read (fail closed, above), so "no choice yet"
  // is unknown: the refusal then holds for this page view only, and the cookie (and the
  // consent log) keep the visitor's choice for when the config is fixed.
  // In opt-out mode GPC also overrides a stored "OK" (the banner's "keep the defaults", which
  // is no opt-in): a consumer's signal is processed even where a setting allowed selling or
  // sharing (CCPA regs §7025(c)(3)). An explicit choice in the preference center stands.
  const consent = store.consent.peek();
  const tracking = config.categories.filter((c) => c.tracking && !c.required);
  // (the signal last: a stored choice in opt-in mode does not read it)
  const overrides = !consent.given || (config.mode === 'opt-out' && consent.source === 'banner' && tracking.some((c) => store.has(c.id)) && privacySignal() === 'gpc');
  const signal = tracking.length && overrides ? privacySignal() : null;
  if (signal) {
    const off = Object.fromEntries(config.categories.filter((c) => c.tracking).map((c) => [c.id, false]));
    if (config.degraded) store.decide(off, signal);
    else save(off, signal);
  }
  ui.view.value = store.consent.peek().given ? 'none' : ask();

  // The cookie no longer holds a choice this tab can apply: another tab runs another revision
  // of the config (opened before the site changed it, or after), or the cookie was deleted
  // (the visitor cleared the site's cookies; see cookie-store.ts for a browser that never
  // kept it). A reload here would ask again; until then this tab keeps granted only
  // what it grants now and the cookie's record grants too, whatever its revision: a
  // withdrawal in any tab reaches every tab (GDPR Art. 7(3)), and a grant given to other
  // texts grants nothing here. In memory only (store.limit): this tab's own record stays as
  // it was, nothing is written, and the cookie keeps the other tab's record. Cookies and
  // storage are removed only when a choice made elsewhere withdrew something, not when the
  // record merely went away (deleted, expired, or an AI acknowledgement only).
  const narrowTo = (raw: string | undefined) => {
    const other = decodeRecord(raw);
    const choice = other?.givenAt != null && Date.now() < other.expiresAt ? other : null;
    // A category the other record does not know (its config has none) is no choice either way.
    const d = store.limit((id) => !!choice && (!Object.hasOwn(choice.categories, id) || choice.categories[id] === true));
    if (d) publish({ ...d, cleanup: choice ? d.revoked : [], fromOtherTab: true });
  };

  // Another tab saved a choice: apply it here too, without a reload.
  const syncFromOtherTab = (e?: Event) => {
    const sent = (e as MessageEvent | undefined)?.data;
    if (typeof sent === 'string') {
      // Messages can cross: a choice made in that tab before this tab's own newer one (a
      // withdrawal here, say) arrives after it, and must not undo it.
      if (ownChoice && choiceAt(sent) < ownChoice) return;
      // (where cookies are blocked, the store keeps it in memory as if it had written it)
      jar.adopt(sent);
    }
    const raw = typeof sent === 'string' ? sent : jar.read();
    if (raw === lastRaw) return;
    lastRaw = raw;
    ownChoice = 0;
    const rec = readStored(raw);
    // A broken config applies no stored choice (fail closed), but a withdrawal still counts.
    if (!rec || config.degraded) return narrowTo(raw);
    const d = store.restore(rec);
    if (!d) return;
    if (rec.givenAt !== null && (ui.view.peek() === 'banner' || ui.view.peek() === 'notice')) ui.view.value = 'none';
    publish({ ...d, cleanup: d.revoked, fromOtherTab: true });
  };
  const onVisible = () => {
    if (doc.visibilityState !== 'hidden') syncFromOtherTab();
  };

  // Any page element with `data-candor-open` opens the preference center (SPEC §7); one with
  // `data-candor-do-not-sell` (the site's "Do Not Sell or Share My Personal Information" link,
  // CCPA regs §7013) opts out at once; one with `data-candor-reject-all` refuses every
  // category that is not required, as the banner's Reject all does: withdrawing in one click,
  // as accepting took one (GDPR 7(3), COMPLIANCE C-8; the floating button takes two).
  const onClick = (e: Event) => {
    const target = e.target as Element | null;
    // (the closest of them, when one sits inside another)
    const hit = typeof target?.closest === 'function' ? target.closest(`[data-candor-do-not-sell],[data-candor-reject-all]${canShowUi ? ',[data-candor-open]' : ''}`) : null;
    if (!hit) return;
    const reject = !hit.hasAttribute('data-candor-do-not-sell') && hit.hasAttribute('data-candor-reject-all');
    // Nothing to withdraw (every category required): a link goes where it points.
    if (reject && !nonRequired().length) return;
    e.preventDefault();
    if (hit.hasAttribute('data-candor-do-not-sell')) return doNotSell(ctx, 'api');
    if (reject) {
      // Every optional category's cookies and storage go, as on withdraw(): a grant that does
      // not count on this page (an older revision, a broken config) may have left some.
      save(all(false), 'api', true);
      ui.view.value = 'none';
      return;
    }
    // The opener itself, not `activeElement`: a non-focusable opener, or Safari (where a
    // clicked button does not take focus), would leave focus nowhere to return to.
    openPreferences(ctx, hit);
  };

  // Enforcement first: Google Consent Mode's default must be queued synchronously, before
  // any Google tag on the page runs (COMPLIANCE G-1).
  for (const start of [startEnforcement, startAi, mountUi]) {
    try {
      disposers.push(start(ctx));
    } catch (e) {
      console.error('[candor] could not start a feature:', e);
    }
  }
  // The page's listeners once enforcement has run: the first listener a page view adds to the
  // document costs ~0.1 ms in Chromium, which the gated scripts need not wait for (nothing
  // can click or focus in between: this is all one task). A page that refuses them loses
  // what they do (another tab's choice on focus, the data-candor-* links), not the rest.
  try {
    doc.addEventListener('visibilitychange', onVisible);
    win.addEventListener('focus', onVisible);
    doc.addEventListener('click', onClick);
  } catch (e) {
    console.error('[candor] could not start a feature:', e);
  }
  // The privacy signal as it is now, before page scripts that run after Candor's start could
  // change what `navigator` says (the banner's or button's signal note reads it later).
  privacySignal();
  disposers.push(() => {
    doc.removeEventListener('visibilitychange', onVisible);
    win.removeEventListener('focus', onVisible);
    doc.removeEventListener('click', onClick);
  });
  if ((channel = openChannel(win, config.cookieName))) {
    channel.onmessage = syncFromOtherTab;
    disposers.push(() => channel!.close());
  }

  const api: CandorApi = {
    version: VERSION,
    getConsent: () => copy(store.consent.peek()),
    hasConsent: (category) => typeof category === 'string' && store.has(category),
    acceptAll: () => ctx.acceptAll('api'),
    rejectAll: () => ctx.rejectAll('api'),
    setConsent(choices) {
      if (typeof choices !== 'object' || choices === null || Array.isArray(choices)) {
        console.error('[candor] setConsent() takes an object such as { analytics: true }');
        return;
      }
      const valid: Record<string, boolean> = {};
      const problems: string[] = [];
      for (const [id, on] of Object.entries(choices)) {
        const cat = config.categories.find((c) => c.id === id);
        if (!cat) problems.push(`"${id}" is not a configured category`);
        else if (typeof on !== 'boolean') problems.push(`"${id}" must be true or false`);
        else if (cat.required && !on) problems.push(`"${id}" is required and stays on`);
        else valid[id] = on;
      }
      if (problems.length) console.error(`[candor] setConsent(): ${problems.join('; ')}; ignored`);
      // Only what was understood is recorded; a call with nothing valid records nothing.
      if (Object.keys(valid).length) ctx.decide(valid, 'api');
    },
    withdraw() {
      ctx.removal = undefined;
      save(all(false), 'api', true);
      // The removal first, the banner once it is done: rendered at once, the banner and its
      // first frame (~4–5 ms) ran while the removal waited for the browser's cookie list, and
      // held it up. At most 100 ms (removal code still to fetch on a slow network), and not
      // over a layer that something else opened meanwhile.
      // Nor after a later choice (the record changed), hide() or destroy().
      const view = ui.view.peek();
      const rec = store.record.peek();
      cancelBanner();
      let live = true;
      const show = () => {
        if (!live) return;
        cancelBanner();
        if (ui.view.peek() === view && store.record.peek() === rec) ui.view.value = ask();
      };
      const timer = win.setTimeout(show, 100);
      cancelBanner = () => {
        live = false;
        win.clearTimeout(timer);
      };
      void Promise.resolve(ctx.removal).then(show, show);
    },
    showBanner() {
      ui.view.value = ask();
    },
    showPreferences() {
      let from: Element | null = null;
      try {
        from = doc.activeElement;
      } catch {
        /* focus returns nowhere */
      }
      if (canShowUi) openPreferences(ctx, from);
    },
    hide() {
      cancelBanner();
      ui.view.value = 'none';
    },
    acknowledgeAi: () => ctx.acknowledgeAi(),
    on(event, fn) {
      if (!(EVENT_NAMES as readonly string[]).includes(event) || typeof fn !== 'function') {
        console.error(`[candor] on(): unknown event "${String(event)}" or missing function; use one of ${EVENT_NAMES.join(', ')}`);
        return () => {};
      }
      const off = emitter.on(event as CandorEventName, fn as (d: unknown) => void);
      // `ready` has already fired by the time page code can call on(): answer at once.
      if (event === 'ready') {
        try {
          (fn as (d: ConsentSnapshot) => void)(api.getConsent());
        } catch (e) {
          reportError(win, e);
        }
      }
      return off;
    },
    whenGranted(category, fn) {
      if (typeof fn !== 'function') {
        console.error('[candor] whenGranted(category, fn): fn must be a function');
        return;
      }
      if (!config.categories.some((c) => c.id === category)) {
        console.error(`[candor] whenGranted(): "${String(category)}" is not a configured category`);
        return;
      }
      const run = () => {
        try {
          fn();
        } catch (e) {
          reportError(win, e);
        }
      };
      if (store.has(category)) return run();
      const off = emitter.on('change', () => {
        if (!store.has(category)) return;
        off();
        run();
      });
    },
    destroy() {
      cancelBanner();
      for (const d of disposers.splice(0)) {
        try {
          d();
        } catch {
          /* keep disposing the rest */
        }
      }
      decisionListeners.clear();
      emitter.clear();
    },
  };

  Object.freeze(api);
  // The API is reachable (window.Candor) before `candor:ready` fires, so listeners can use it.
  expose?.(api);
  emitter.emit('ready', api.getConsent());
  // In order, with any decision a `ready` listener made meanwhile queued behind.
  for (const tell of held) tell();
  held = null;
  return api;
}

/** Reads Candor's own tag while it runs (`currentScript` is null afterwards and for modules). */
function readScriptInfo(doc: Document, tag: HTMLScriptElement | null | undefined): ScriptInfo {
  try {
    const el = tag ?? (doc.currentScript as HTMLScriptElement | null);
    if (el) return { src: el.src || null, nonce: el.nonce ?? '', crossOrigin: el.getAttribute('crossorigin') };
  } catch {
    /* no tag: chunks cannot be located */
  }
  return { src: null, nonce: '', crossOrigin: null };
}

function openChannel(win: Win, name: string): BroadcastChannel | null {
  try {
    return typeof win.BroadcastChannel === 'function' ? new win.BroadcastChannel(`candor:${name}`) : null;
  } catch {
    return null;
  }
}

/**
 * Starts Candor with a config object (the ESM entry, for bundler users). Renders the banner,
 * enforces consent and returns the same API as `window.Candor`. Invalid config is reported
 * once on the console and never throws.
 */
export function createCandor(config: CandorConfig, win?: Win): CandorApi {
  win ??= typeof window === 'undefined' ? undefined : window;
  if (!win?.document) return serverApi(config);
  let htmlLang: string | null = null;
  let languages: readonly string[] = [];
  try {
    htmlLang = win.document.documentElement.getAttribute('lang');
    languages = win.navigator.languages ?? [];
  } catch {
    /* fall back to English */
  }
  return startCandor(readConfig({ global: config }, { htmlLang, navigatorLanguages: languages }), win);
}

let serverNoted = false;

/**
 * `createCandor()` where there is no browser window (a framework's server render, a Node
 * script): nothing to show and no visitor's choice to read, so it grants nothing beyond the
 * required categories (fail closed), runs no page code (`whenGranted` callbacks are for the
 * browser) and every action does nothing. It says so once per process (a server renders
 * many pages), instead of throwing and taking the server render down with it.
 */
function serverApi(config: CandorConfig): CandorApi {
  const { config: resolved, errors } = readConfig({ global: config });
  if (!serverNoted) {
    serverNoted = true;
    console.warn(
      `[candor] createCandor() needs a browser window: here (a server render?) it grants only required categories and shows nothing; call it in the browser, for example in an effect.${errors.length ? `\n${consoleLine(errors)}` : ''}`,
    );
  }
  const categories = Object.fromEntries(resolved.categories.map((c) => [c.id, !!c.required]));
  const snapshot = (): ConsentSnapshot => ({
    id: null,
    given: false,
    categories: { ...categories },
    revision: resolved.revision,
    source: null,
    givenAt: null,
    expiresAt: null,
    aiAcknowledgedAt: null,
  });
  const nothing = () => {};
  return Object.freeze({
    version: VERSION,
    getConsent: snapshot,
    hasConsent: (category: string) => categories[category] === true,
    acceptAll: nothing,
    rejectAll: nothing,
    setConsent: nothing,
    withdraw: nothing,
    showBanner: nothing,
    showPreferences: nothing,
    hide: nothing,
    acknowledgeAi: nothing,
    on: () => nothing,
    whenGranted: nothing,
    destroy: nothing,
  });
}
