import { CONSENT_KEYS, type ConsentModeKey } from '../config/schema';

/** The seven Google Consent Mode v2 keys, each `granted` or `denied`. */
export type ConsentState = Record<ConsentModeKey, 'granted' | 'denied'>;

/**
 * Google Consent Mode state for the given category choices. A key is granted when every
 * configured category mapped to it is granted (fail closed when two categories share a
 * key); a key no configured category maps to is denied, except `security_storage`, which
 * Candor grants by default (COMPLIANCE G-1). Map entries for categories that are not
 * configured are ignored. Pure.
 */
export function consentModeState(
  map: Readonly<Record<string, readonly ConsentModeKey[]>>,
  categoryIds: readonly string[],
  has: (id: string) => boolean,
): ConsentState {
  const state = {} as ConsentState;
  for (const key of CONSENT_KEYS) {
    // Own entries only: a category named `constructor` must not find Object in the map (issue 7).
    const ids = categoryIds.filter((id) => Object.hasOwn(map, id) && map[id]!.includes(key));
    state[key] = (ids.length ? ids.every(has) : key === 'security_storage') ? 'granted' : 'denied';
  }
  return state;
}
