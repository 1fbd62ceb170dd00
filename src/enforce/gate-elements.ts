import { words } from '../util/chars';
import { PLAIN, type ScriptPolicy, scriptPolicy } from '../util/trusted-types';

/** Elements the site owner has put on hold until their categories are granted (SPEC §4). */
const GATED = 'script[type="text/plain"][data-category],iframe[data-category][data-src],img[data-category][data-src]';

/** Activates gated elements; `scan` looks again (after a decision, or at a subtree added later). */
export interface Gate {
  scan(root?: ParentNode): void;
}

/**
 * Script and frame gating. `<script type="text/plain" data-category="a b">` runs once every
 * listed category is granted, as a fresh element (only script elements created by script
 * are executed), with every attribute kept, `type` from `data-type`, and the element's own
 * `nonce`, read from the property because browsers hide the attribute (HTML §"nonce
 * attributes"). Scripts run in document order: an external script without `async` is
 * waited for (load or error) before the next one, as the parser would. `<iframe>`/`<img>`
 * get `src` (and `srcset`) from `data-src` (`data-srcset`). Each element is activated once.
 * DOM only: whether a category is granted comes in as a function.
 *
 * `nonce` is the one on Candor's own tag. When there is one, only gated scripts carrying
 * that same nonce run: under `'strict-dynamic'` every script Candor creates is allowed, so
 * otherwise any markup injected as `<script type="text/plain" data-category>` would run
 * (Candor would be a script gadget, issue 7). The others stay inert, with one warning.
 */
export function createGate(doc: Document, granted: (id: string) => boolean, nonce: string): Gate {
  const seen = new WeakSet<Element>();
  const queue: HTMLScriptElement[] = [];
  let waiting = false;
  let warned = false;

  // Under Trusted Types only a gated script that carries the nonce of Candor's tag is the
  // site owner's for sure: only then does Candor's policy bless its URL or text. Made when a
  // script first runs, not at page load: most page views run none.
  let tt: ScriptPolicy | undefined;
  const run = () => {
    while (!waiting && queue.length) {
      const old = queue.shift()!;
      if (!old.parentNode) continue;
      tt ??= (nonce && scriptPolicy(doc.defaultView)) || PLAIN;
      const s = doc.createElement('script');
      try {
        // (event handler attributes are script too)
        // (by index: in a script run once, a spread or iterator costs more than the copy)
        const attrs = old.attributes;
        for (let i = 0; i < attrs.length; i++) {
          const a = attrs[i]!;
          if (a.name !== 'src') s.setAttribute(a.name, a.name.slice(0, 2).toLowerCase() === 'on' ? tt.createScript(a.value) : a.value);
        }
        if (old.hasAttribute('src')) s.src = tt.createScriptURL(old.getAttribute('src')!);
        else s.text = tt.createScript(old.text);
      } catch (e) {
        // A page that enforces Trusted Types refuses a plain string (no nonce on Candor's tag,
        // or no `candor` policy allowed): the script stays inert, and the page is told why.
        console.error('[candor] gated script not run (Trusted Types, see README):', e);
        continue;
      }
      const type = old.getAttribute('data-type');
      if (type) s.type = type;
      else s.removeAttribute('type');
      if (old.nonce) s.nonce = old.nonce;
      if (s.src) {
        // Dynamically inserted scripts are async by default; keep the parser's order unless
        // the site owner asked for async.
        s.async = old.hasAttribute('async');
        if (!s.async) {
          waiting = true;
          const next = () => {
            waiting = false;
            run();
          };
          s.addEventListener('load', next);
          s.addEventListener('error', next);
        }
      }
      old.replaceWith(s);
    }
  };

  return {
    scan(root = doc) {
      const found = [...((root as Element).matches?.(GATED) ? [root as Element] : []), ...root.querySelectorAll(GATED)];
      for (const el of found) {
        const ids = words(el.getAttribute('data-category') ?? '');
        if (seen.has(el) || !ids.length || !ids.every(granted)) continue;
        seen.add(el);
        if (el.localName === 'script') {
          // CSP's "is element nonceable?": markup injected right before a nonced script can
          // swallow its start tag into an attribute and take its nonce (`<script … x=` then the
          // owner's `<script nonce>`); browsers refuse such a nonce, and so does Candor.
          if (!nonce || ((el as HTMLScriptElement).nonce === nonce && ![...el.attributes].some((a) => /<(script|style)/i.test(a.name + a.value)))) queue.push(el as HTMLScriptElement);
          else warned ||= (console.warn('[candor] gated script not run: it lacks the nonce of Candor\'s tag'), true);
        } else {
          for (const attr of ['src', 'srcset']) {
            const v = el.getAttribute(`data-${attr}`);
            if (v !== null) {
              el.setAttribute(attr, v);
              el.removeAttribute(`data-${attr}`);
            }
          }
        }
      }
      run();
    },
  };
}
