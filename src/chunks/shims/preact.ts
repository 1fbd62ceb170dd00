import { rt } from './rt';
export type { ComponentChild } from 'preact';
export const { h, render, Fragment } = rt;
