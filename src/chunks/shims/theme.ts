import { rt } from './rt';

/** Inside a chunk: the theme's CSS from candor.js (styles/theme.css), not a second copy. */
export default rt.theme;
