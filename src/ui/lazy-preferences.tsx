import { Component, h } from 'preact';
import type { CandorContext } from '../api/create-candor';
import type { Chunks } from '../chunks/registry';
import { adoptStyles } from './mount';

type PreferencesView = Chunks['prefs']['Preferences'];

/** Loads the preference center once: its code and its styles (adopted into the widget's shadow root). */
function loadPreferences(ctx: CandorContext, root: Node | null): Promise<PreferencesView> {
  return ctx.loadChunk('prefs').then((m) => {
    if (!ctx.prefsStyled && root instanceof ctx.win.ShadowRoot) {
      adoptStyles(ctx.win, root, m.css);
      ctx.prefsStyled = true;
    }
    return m.Preferences;
  });
}

/**
 * Starts loading the preference center when the pointer or focus reaches a control that opens
 * it, so the usual click finds it ready. Nothing is fetched for visitors who never go there.
 */
export function prefetchPreferences(ctx: CandorContext, target: EventTarget | null): void {
  const el = target as Element | null;
  if (el?.closest?.('[data-candor-action="customize"],[data-candor="floating-button"]')) void ctx.loadChunk('prefs').catch(() => {});
}

/** The preference center, rendered once its chunk is in. If it cannot load, the layer below comes back. */
export class LazyPreferences extends Component<{ ctx: CandorContext }, { View?: PreferencesView }> {
  private anchor: HTMLElement | null = null;
  private live = true;

  override componentDidMount(): void {
    const { ctx } = this.props;
    // Withdrawals mostly happen here: have the removal code ready when something is granted.
    if (ctx.config.categories.some((c) => !c.required && ctx.store.has(c.id))) ctx.prepareCleanup?.();
    loadPreferences(ctx, this.anchor?.getRootNode() ?? null).then(
      (View) => this.live && this.setState({ View }),
      (e: unknown) => {
        console.error('[candor] the preference center could not be loaded:', e);
        if (this.live) ctx.ui.view.value = ctx.ui.previous.peek() === 'banner' ? 'banner' : 'none';
      },
    );
  }

  override componentWillUnmount(): void {
    this.live = false;
  }

  override render({ ctx }: { ctx: CandorContext }, { View }: { View?: PreferencesView }) {
    return View ? <View ctx={ctx} /> : <span ref={(el) => void (this.anchor = el)} hidden />;
  }
}
