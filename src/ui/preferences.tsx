import { Component, createRef, h } from 'preact';
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
type Props = { ctx: CandorContext };
type State = { draft: Record<string, boolean> };

export class Preferences extends Component<Props, State> {
  dialog = createRef<HTMLDivElement>();
  // Where focus goes back to: the control that opened the dialog, if it is still there.
  opener = this.props.ctx.lastFocus.current;
  off: () => void = () => {};

  constructor(props: Props) {
    super(props);
    this.state = { draft: { ...props.ctx.store.consent.peek().categories } };
  }

  restoreFocus = () => {
    const el = this.opener;
    if (el instanceof this.props.ctx.win.HTMLElement && el.isConnected) el.focus();
  };

  close = () => {
    const { ui } = this.props.ctx;
    const back = ui.previous.peek();
    ui.view.value = back === 'preferences' ? 'none' : back;
    // At once, not only on unmount: until then focus would sit on <body> and a screen
    // reader would lose its place.
    this.restoreFocus();
  };

  override componentDidMount(): void {
    const { ctx } = this.props;
    // A choice made in another tab while this dialog is open (a withdrawal, above all): the
    // switches show it, so Save cannot grant again what the visitor just withdrew there.
    this.off = ctx.onDecision((d) => {
      if (d.fromOtherTab) this.setState({ draft: { ...ctx.store.consent.peek().categories } });
    });
    this.dialog.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  }

  override componentWillUnmount(): void {
    this.off();
    // Other ways out (Save, Accept, the API): the opener may have been re-rendered meanwhile.
    this.restoreFocus();
    this.props.ctx.lastFocus.current = null;
  }

  onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close();
      return;
    }
    const box = this.dialog.current;
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

  override render({ ctx }: Props, { draft }: State) {
    const { config } = ctx;
    const { texts } = config;
    const { dialog, onKeyDown, close } = this;
    const optOut = config.mode === 'opt-out';
    const setDraft = (next: Record<string, boolean>) => this.setState({ draft: next });
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
}
