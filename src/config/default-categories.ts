/**
 * Name patterns of the common trackers' first-party cookies and storage keys
 * (shared/compliance-notes.md §G, from the Open Cookie Database and vendor docs).
 * A site that uses the default `analytics` or `marketing` category gets these without
 * listing them; site owners add their own through `cookies` / `storage`.
 */
export const ANALYTICS_PATTERNS = [
  '_ga',
  '_ga_*',
  '_gid',
  '_gat',
  '_gat_*',
  '_dc_gtm_*',
  '_gali',
  'AMP_TOKEN',
  '_hj*',
  '_pk_*',
  'mtm_*',
  'MATOMO_SESSID',
  '/^mp_.*_mixpanel$/',
  'ajs_*',
  '/^ph_.*_posthog$/',
  'AMP_*',
  '_hp2_*',
  '_clck',
  '_clsk',
  'CLID',
  '_cs_*',
];

export const MARKETING_PATTERNS = [
  '_gac_*',
  '_gcl_*',
  '_fbp',
  '_fbc',
  '_uet*',
  '__hs*',
  'hubspotutk',
  '_ttp',
  '_tt_enable_cookie',
  'ttcsid*',
  '_scid*',
  '_pin_unauth',
  '_pinterest_ct_ua',
  '_rdt_uuid',
  'li_fat_id',
  'li_sugr',
  '_ym_*',
  'AMCV_*',
  'AMCVS_*',
  's_cc',
  's_sq',
  's_vi',
  '__qca',
  'intercom-*',
];

/**
 * The vendor patterns of the well-known categories, added to the owner's own when cookies and
 * storage are removed. They live with the removal code (the `cleanup` chunk), not in every
 * page view's bundle: only a withdrawal needs them.
 */
export const VENDOR_PATTERNS: Record<string, string[]> = { analytics: ANALYTICS_PATTERNS, marketing: MARKETING_PATTERNS };

/** The names a category's cookies and storage keys may have: its vendors' and the owner's. */
export function removalPatterns(id: string, own: readonly string[]): string[] {
  return [...new Set([...(Object.hasOwn(VENDOR_PATTERNS, id) ? VENDOR_PATTERNS[id]! : []), ...own])];
}

/**
 * The well-known category ids, which come with translated labels, in the order of a config
 * that lists no categories. `necessary` is required; the tracking ones (kept off by Do Not
 * Track and GPC) are those with vendor patterns. Arrays searched with `indexOf`, never an
 * object looked up by key: a category named `constructor` must not find Object (issue 7).
 */
export const DEFAULT_CATEGORY_IDS = ['necessary', 'preferences', 'analytics', 'marketing'];
export const TRACKING_CATEGORY_IDS = ['analytics', 'marketing'];
