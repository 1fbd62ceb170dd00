import { rt } from './rt';
export const { useEffect, useRef, useState } = rt;
