import { effect } from '@preact/signals-core';
import { Component, createRef, Fragment, h, render } from 'preact';
import theme from '../../styles/theme.css?inline';
import { doNotSell } from '../ui/actions';
import { PolicyLinks } from '../ui/links';
import { SignalNote } from '../ui/signal-note';
import { isSafeUrl } from '../util/url';

/**
 * The shared libraries a chunk may use: one Preact for the whole widget, so components and
 * render agree; and what candor.js carries anyway: the theme's CSS (the AI notices use it too),
 * the link check, and the policy links, signal note and Do Not Sell action of the preference
 * center.
 */
export const RUNTIME = { effect, Component, createRef, Fragment, h, render, theme, isSafeUrl, doNotSell, PolicyLinks, SignalNote };
export type Runtime = typeof RUNTIME;

/** Makes the runtime reachable to chunks (they are separate classic scripts). */
export function exposeRuntime(win: Window): void {
  (win as unknown as { __candorRt?: Runtime }).__candorRt = RUNTIME;
}
