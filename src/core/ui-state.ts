import { type Signal, signal } from '@preact/signals-core';

/** Which layer of the UI is showing. `notice` is the no-question notice for sites with required cookies only. */
export type View = 'none' | 'banner' | 'preferences' | 'notice';

export interface UiState {
  view: Signal<View>;
  /** The view to go back to when the preference center closes without saving. */
  previous: Signal<View>;
  /** Text for the `role="status"` live region ("Your choices have been saved."). */
  status: Signal<string>;
}

export function createUiState(initial: View): UiState {
  return { view: signal(initial), previous: signal<View>('none'), status: signal('') };
}
