import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CandorContext } from '../api/create-candor';
import { doNotSell } from './actions';
import { PolicyLinks } from './links';
import { Services } from './services';
import { SignalNote } from './signal-note';

const FOCUSABLE = 'button:not([disabled]),input:not([disabled]),a[href],summary,[tabindex]:not([tabindex="-1"])';

/**
 * The preference center: a modal dialog (WAI-ARIA APG dialog pattern) with one switch per
 * category, its services and cookies. Focus moves in and Tab wraps inside; Escape and Close
 * keep the previous choice (EDPB 05/2020 para 86: closing is no consent) and return focus
 * to the element that opened it.
 */
export function Preferences({ ctx }: { ctx: CandorContext }) {
  const { config } = ctx;
  const { texts } = config;
  const [draft, setDraft] = useState<Record<string, boolean>>(() => ({ ...ctx.store.consent.peek().categories }));
  const dialog = useRef<HTMLDivElement>(null);
  const optOut = config.mode === 'opt-out';

  // Where focus goes back to: the control that opened the dialog, if it is still there.
  const opener = useRef(ctx.lastFocus.current);
  const restoreFocus = () => {
    const el = opener.current;
    if (el instanceof ctx.win.HTMLElement && el.isConnected) el.focus();
  };

  const close = () => {
    const back = ctx.ui.previous.peek();
    ctx.ui.view.value = back === 'preferences' ? 'none' : back;
    // At once, not in the unmount cleanup: Preact runs that after paint, and until then
    // focus would sit on <body> and a screen reader would lose its place.
    restoreFocus();
  };

  // A choice made in another tab while this dialog is open (a withdrawal, above all): the
  // switches show it, so Save cannot grant again what the visitor just withdrew there.
  useEffect(
    () =>
      ctx.onDecision((d) => {
        if (d.fromOtherTab) setDraft({ ...ctx.store.consent.peek().categories });
      }),
    [],
  );

  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    return () => {
      // Other ways out (Save, Accept, the API): the opener may have been re-rendered meanwhile.
      restoreFocus();
      ctx.lastFocus.current = null;
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
      return;
    }
    const box = dialog.current;
    if (e.key !== 'Tab' || !box) return;
    // aria-modal does not trap focus by itself: wrap Tab at both ends (APG dialog pattern).
    const items = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    const active = (box.getRootNode() as ShadowRoot | Document).activeElement;
    if (e.shiftKey ? active === first || !box.contains(active) : active === last) {
      e.preventDefault();
      (e.shiftKey ? last : first)?.focus();
    }
  };

  return (
    <div class="overlay">
      <div
        class="layer dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="candor-prefs-title"
        aria-describedby="candor-prefs-text"
        data-candor="preferences"
        ref={dialog}
        onKeyDown={onKeyDown}
      >
        <div class="dialog-head">
          <h2 class="title" id="candor-prefs-title">
            {texts.preferencesTitle}
          </h2>
          <button type="button" class="close" aria-label={texts.close} data-candor-action="close" onClick={close}>
            ×
          </button>
        </div>
        <div class="dialog-body">
          <p class="text" id="candor-prefs-text">
            {texts.preferencesText}
          </p>
          <SignalNote ctx={ctx} />
          <ul class="categories">
            {config.categories.map((c) => (
              <li key={c.id} class="category">
                <label class="switch-row">
                  <span class="label">{c.label}</span>
                  {c.required && <span class="always">{texts.alwaysOn}</span>}
                  <input
                    type="checkbox"
                    role="switch"
                    class="switch"
                    name={c.id}
                    data-category={c.id}
                    checked={c.required || draft[c.id] === true}
                    disabled={c.required}
                    aria-describedby={c.description ? `candor-desc-${c.id}` : undefined}
                    onChange={(e) => setDraft({ ...draft, [c.id]: (e.currentTarget as HTMLInputElement).checked })}
                  />
                </label>
                {c.description && (
                  <p class="desc" id={`candor-desc-${c.id}`}>
                    {c.description}
                  </p>
                )}
                <Services category={c} texts={texts} />
              </li>
            ))}
          </ul>
          <PolicyLinks config={config} />
        </div>
        <div class="actions">
          <button type="button" class="btn" data-candor-action="save" onClick={() => ctx.decide(draft, 'preferences')}>
            {texts.saveChoices}
          </button>
          <button type="button" class="btn" data-candor-action="accept" onClick={() => ctx.acceptAll('preferences')}>
            {texts.acceptAll}
          </button>
          {optOut ? (
            <button type="button" class="btn" data-candor-action="do-not-sell" onClick={() => doNotSell(ctx, 'preferences')}>
              {texts.doNotSell}
            </button>
          ) : (
            <button type="button" class="btn" data-candor-action="reject" onClick={() => ctx.rejectAll('preferences')}>
              {texts.rejectAll}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
