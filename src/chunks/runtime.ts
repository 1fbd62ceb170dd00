import { effect } from '@preact/signals-core';
import { Fragment, h, render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/** The shared libraries a chunk may use: one Preact for the whole widget, so hooks and render agree. */
export const RUNTIME = { effect, Fragment, h, render, useEffect, useRef, useState };
export type Runtime = typeof RUNTIME;

/** Makes the runtime reachable to chunks (they are separate classic scripts). */
export function exposeRuntime(win: Window): void {
  (win as unknown as { __candorRt?: Runtime }).__candorRt = RUNTIME;
}
