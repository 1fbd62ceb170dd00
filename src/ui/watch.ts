import type { ReadonlySignal } from '@preact/signals-core';
import { Component } from 'preact';

/**
 * A component that re-renders when a signal it read changes. Candor's UI uses the
 * framework-free signals core and class components, not the @preact/signals adapter (it
 * patches Preact's render options, ~2 KB gzip on every page view) nor Preact's hooks
 * (~0.9 KB, and their render-option patches run on every element Preact renders): the UI
 * reads only a handful of signals.
 */
export abstract class Watch<P = object, S = object> extends Component<P, S> {
  private seen = new Map<ReadonlySignal<unknown>, unknown>();
  private offs: (() => void)[] = [];

  /** The value of `s` for this render; a later change renders again. */
  read<T>(s: ReadonlySignal<T>): T {
    const v = s.peek();
    this.seen.set(s, v);
    return v;
  }

  override componentDidMount(): void {
    // `subscribe` calls at once: a change between the render and now is caught there.
    for (const s of this.seen.keys()) this.offs.push(s.subscribe((v) => v !== this.seen.get(s) && this.forceUpdate()));
  }

  override componentWillUnmount(): void {
    for (const off of this.offs) off();
  }
}
