import { rt } from './rt';

/** Inside a chunk: the pieces of the widget candor.js carries anyway (src/ui/), not second copies. */
export const { doNotSell, PolicyLinks, SignalNote } = rt;
