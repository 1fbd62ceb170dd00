import { rt } from './rt';
export const { jsx, Fragment } = rt;
export const jsxs = rt.jsx;
