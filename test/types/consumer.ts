// A strict consumer of the published types (dist/candor.d.ts, through package.json's
// "exports"): checked by test/browser/dist-package.test.ts with `tsc -p test/types`.
// Each @ts-expect-error fails the check if the types got looser (or became `any`).
import { type CandorApi, type CandorConfig, type ChangeDetail, type ConsentSnapshot, createCandor, version } from 'candor';

const config: CandorConfig = {
  policyUrl: '/privacy',
  revision: '2',
  mode: 'opt-out',
  categories: [{ id: 'necessary', required: true }, { id: 'analytics', tracking: true, cookies: ['_ga*'] }],
  ui: { position: 'bottom', theme: 'dark' },
};
const candor: CandorApi = createCandor(config);
const v: string = version;
const snapshot: ConsentSnapshot = candor.getConsent();
const granted: boolean | undefined = snapshot.categories['analytics'];
const off: () => void = candor.on('change', (d: ChangeDetail) => d.granted.concat(d.revoked));
candor.on('ready', (c) => c.given);
candor.whenGranted('analytics', () => undefined);
off();

// window.Candor (script tag) and the DOM events, declared globally by the package
const fromWindow: boolean = window.Candor?.hasConsent('marketing') ?? false;
window.CandorConfig = { policyUrl: '/privacy' };
document.addEventListener('candor:consent', (e) => e.detail.categories);
document.addEventListener('candor:change', (e) => e.detail.revoked.length);

// @ts-expect-error policyUrl is a string
createCandor({ policyUrl: 42 });
// @ts-expect-error there is no such event
candor.on('changed', () => undefined);
// @ts-expect-error window.Candor is undefined until the script has run
window.Candor.getConsent();
// @ts-expect-error getConsent() returns a snapshot, not a promise
void candor.getConsent().then;

export { fromWindow, granted, v };
