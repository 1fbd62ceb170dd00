import { rt } from './rt';
export const { effect } = rt;
