import { effect } from '@preact/signals-core';
import { Component, createRef, Fragment, h, render } from 'preact';

/** The shared libraries a chunk may use: one Preact for the whole widget, so components and render agree. */
export const RUNTIME = { effect, Component, createRef, Fragment, h, render };
export type Runtime = typeof RUNTIME;

/** Makes the runtime reachable to chunks (they are separate classic scripts). */
export function exposeRuntime(win: Window): void {
  (win as unknown as { __candorRt?: Runtime }).__candorRt = RUNTIME;
}
