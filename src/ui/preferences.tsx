import { useEffect, useRef, useState } from 'preact/hooks';
import type { CandorContext } from '../api/create-candor';
import { PolicyLinks } from './links';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * The preference center: a modal dialog (APG dialog pattern) with one switch per category.
 * Escape and Close keep the previous choice and return focus to where it was.
 */
export function Preferences({ ctx }: { ctx: CandorContext }) {
  const { config } = ctx;
  const { texts } = config;
  const [draft, setDraft] = useState<Record<string, boolean>>(() => ({ ...ctx.store.consent.peek().categories }));
  const dialog = useRef<HTMLDivElement>(null);

  const close = () => {
    const back = ctx.ui.previous.peek();
    ctx.ui.view.value = back === 'preferences' ? 'none' : back;
  };

  useEffect(() => {
    const el = dialog.current;
    el?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    const returnTo = ctx.lastFocus.current;
    return () => {
      if (returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus();
      ctx.lastFocus.current = null;
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
      return;
    }
    if (e.key !== 'Tab' || !dialog.current) return;
    // Keep Tab inside the modal (aria-modal does not trap focus by itself).
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    const active = dialog.current.getRootNode() instanceof ShadowRoot ? (dialog.current.getRootNode() as ShadowRoot).activeElement : null;
    if (e.shiftKey && active === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first?.focus();
    }
  };

  return (
    <div class="overlay">
      <div
        class="layer dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="candor-prefs-title"
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
        <p class="text">{texts.preferencesText}</p>
        {ctx.signal === 'gpc' && <p class="signal">{texts.gpcHonored}</p>}
        {ctx.signal === 'dnt' && <p class="signal">{texts.dntHonored}</p>}
        <ul class="categories">
          {config.categories.map((c) => (
            <li key={c.id} class="category">
              <label class="switch-row">
                <input
                  type="checkbox"
                  role="switch"
                  name={c.id}
                  data-category={c.id}
                  checked={c.required || draft[c.id] === true}
                  disabled={c.required}
                  aria-describedby={`candor-desc-${c.id}`}
                  onChange={(e) => setDraft({ ...draft, [c.id]: (e.currentTarget as HTMLInputElement).checked })}
                />
                <span class="label">{c.label}</span>
                {c.required && <span class="always">{texts.alwaysOn}</span>}
              </label>
              <p class="desc" id={`candor-desc-${c.id}`}>
                {c.description}
              </p>
            </li>
          ))}
        </ul>
        <PolicyLinks config={config} />
        <div class="actions">
          <button type="button" class="btn" data-candor-action="save" onClick={() => ctx.decide(draft, 'preferences')}>
            {texts.saveChoices}
          </button>
          <button type="button" class="btn" data-candor-action="accept" onClick={() => ctx.acceptAll('preferences')}>
            {texts.acceptAll}
          </button>
          <button type="button" class="btn" data-candor-action="reject" onClick={() => ctx.rejectAll('preferences')}>
            {texts.rejectAll}
          </button>
        </div>
      </div>
    </div>
  );
}
