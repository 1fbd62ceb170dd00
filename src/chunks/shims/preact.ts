import { rt } from './rt';
export type { ComponentChild } from 'preact';
export const { Component, createRef, h, render, Fragment } = rt;
