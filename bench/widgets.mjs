// The three widgets under test, each configured as its own documentation says, with the same
// categories, the same texts (as far as each allows) and one gated analytics script.
// A page is built from: the probe (first script in <head>), the widget's head, and a body.

/** Shared texts: every widget shows these where it has a slot for them. */
export const TEXT = {
  title: 'We use cookies',
  body: 'We use cookies for analytics and marketing only if you agree. You can change your choice at any time under Privacy settings.',
  accept: 'Accept all',
  reject: 'Reject all',
  customize: 'Customize',
  save: 'Save choices',
  prefsTitle: 'Privacy settings',
  prefsBody: 'Choose which kinds of cookies we may use. Necessary ones keep the site working.',
  policy: '/privacy',
};

const BASE_CATEGORIES = [
  { id: 'necessary', label: 'Necessary', description: 'Needed for the site to work.', required: true },
  { id: 'analytics', label: 'Analytics', description: 'Help us understand how the site is used.' },
  { id: 'marketing', label: 'Marketing', description: 'Show relevant ads and measure them.' },
];

/**
 * A scenario's categories. "basic": the three above. "heavy": 50 categories with 4 services
 * each (200) and 100 cookie-name patterns (50 on analytics, 50 on marketing), each pattern
 * matching the names `bk<p>_*` that the withdrawal test sets.
 */
export function categories(scenario) {
  const cats = BASE_CATEGORIES.map((c) => ({ ...c, patterns: [], services: [] }));
  if (scenario !== 'heavy') return cats;
  for (let i = cats.length; i < 50; i++) {
    cats.push({ id: `extra${i}`, label: `Extra purpose ${i}`, description: `Purpose number ${i} of a large site.`, patterns: [], services: [] });
  }
  cats.forEach((c, ci) => {
    for (let s = 0; s < 4; s++) {
      c.services.push({ name: `svc${ci}_${s}`, title: `Service ${ci}.${s}`, provider: `Vendor ${ci}`, cookie: `sc${ci}_${s}`, duration: '1 year' });
    }
  });
  for (let p = 0; p < 100; p++) cats[p < 50 ? 1 : 2].patterns.push(p);
  return cats;
}

/** The gated script body: records when it ran, relative to the page's time origin. */
export const ANALYTICS_JS = 'window.__analyticsRanAt = performance.now();';

// Serialises config as a JS literal, keeping RegExp objects (two peers need them).
function jsLiteral(value) {
  const regexps = [];
  const json = JSON.stringify(value, (_k, v) => (v instanceof RegExp ? `\u0000${regexps.push(v) - 1}\u0000` : v));
  return json.replace(/"\\u0000(\d+)\\u0000"/g, (_m, i) => String(regexps[Number(i)])).replace(/</g, '\\u003c');
}
const jsonInHtml = (v) => JSON.stringify(v).replace(/</g, '\\u003c');
const prefixRe = (p) => new RegExp(`^bk${p}_`);

/**
 * Each widget: `head(scenario)` is what its docs tell a site owner to paste; `gated` is the
 * analytics script in its own convention; `accept` / `prefs` are selector paths (each step
 * after the first is looked up in the previous element's shadow root); `acceptAll`,
 * `withdraw` and `showPrefs` are page expressions using its public API; `dir` is where
 * its files are served from; `cookie` is its consent cookie.
 */
export const WIDGETS = {
  candor: {
    label: 'Candor',
    dir: '/w/candor/',
    cookie: 'candor_consent',
    head(scenario, src = '/w/candor/candor.js') {
      const config = {
        policyUrl: TEXT.policy,
        texts: {
          en: {
            bannerTitle: TEXT.title,
            bannerText: TEXT.body,
            acceptAll: TEXT.accept,
            rejectAll: TEXT.reject,
            customize: TEXT.customize,
            saveChoices: TEXT.save,
            preferencesTitle: TEXT.prefsTitle,
            preferencesText: TEXT.prefsBody,
          },
        },
        categories: categories(scenario).map((c) => ({
          id: c.id,
          label: c.label,
          description: c.description,
          ...(c.required ? { required: true } : {}),
          // Candor's three pattern forms, mixed: a regex string, or a "prefix*".
          ...(c.patterns.length ? { cookies: c.patterns.map((p) => (p % 3 === 0 ? `/^bk${p}_/` : `bk${p}_*`)) } : {}),
          ...(c.services.length
            ? { services: c.services.map((s) => ({ name: s.title, provider: s.provider, purpose: c.label, cookies: [{ name: s.cookie, duration: s.duration }] })) }
            : {}),
        })),
      };
      return `<script type="application/json" id="candor-config">${jsonInHtml(config)}</script><script defer src="${src}"></script>`;
    },
    gated: `<script type="text/plain" data-category="analytics">${ANALYTICS_JS}</script>`,
    accept: ['candor-widget', '[data-candor-action="accept"]'],
    prefs: ['candor-widget', '[data-candor="preferences"]'],
    acceptAll: 'Candor.acceptAll()',
    withdraw: 'Candor.withdraw()',
    showPrefs: 'Candor.showPreferences()',
  },

  vcc: {
    label: 'vanilla-cookieconsent 3.1.0',
    dir: '/w/vcc/',
    cookie: 'cc_cookie',
    head(scenario) {
      const cats = categories(scenario);
      const config = {
        // Its default hides the banner from automated browsers (navigator.webdriver), which
        // is what drives this bench; visitors' browsers never set it.
        hideFromBots: false,
        categories: Object.fromEntries(
          cats.map((c) => [
            c.id,
            {
              ...(c.required ? { enabled: true, readOnly: true } : {}),
              ...(c.patterns.length ? { autoClear: { cookies: c.patterns.map((p) => ({ name: prefixRe(p) })) } } : {}),
              ...(c.services.length ? { services: Object.fromEntries(c.services.map((s) => [s.name, { label: s.title }])) } : {}),
            },
          ]),
        ),
        language: {
          default: 'en',
          translations: {
            en: {
              consentModal: {
                title: TEXT.title,
                description: TEXT.body,
                acceptAllBtn: TEXT.accept,
                acceptNecessaryBtn: TEXT.reject,
                showPreferencesBtn: TEXT.customize,
                footer: `<a href="${TEXT.policy}">Privacy policy</a>`,
              },
              preferencesModal: {
                title: TEXT.prefsTitle,
                acceptAllBtn: TEXT.accept,
                acceptNecessaryBtn: TEXT.reject,
                savePreferencesBtn: TEXT.save,
                closeIconLabel: 'Close',
                sections: [
                  { title: TEXT.prefsTitle, description: TEXT.prefsBody },
                  ...cats.map((c) => ({
                    title: c.label,
                    description: c.description,
                    linkedCategory: c.id,
                    ...(c.services.length
                      ? {
                          cookieTable: {
                            headers: { name: 'Name', service: 'Provider', desc: 'Purpose', duration: 'Duration' },
                            body: c.services.map((s) => ({ name: s.cookie, service: s.provider, desc: c.label, duration: s.duration })),
                          },
                        }
                      : {}),
                  })),
                ],
              },
            },
          },
        },
      };
      return (
        '<link rel="stylesheet" href="/w/vcc/cookieconsent.css"><script defer src="/w/vcc/cookieconsent.umd.js"></script>' +
        `<script>addEventListener('DOMContentLoaded', function () { CookieConsent.run(${jsLiteral(config)}); });</script>`
      );
    },
    gated: `<script type="text/plain" data-category="analytics">${ANALYTICS_JS}</script>`,
    accept: ['#cc-main .cm__btn[data-role="all"]'],
    prefs: ['#cc-main .pm'],
    acceptAll: "CookieConsent.acceptCategory('all')",
    withdraw: 'CookieConsent.acceptCategory([])',
    showPrefs: 'CookieConsent.showPreferences()',
  },

  klaro: {
    label: 'klaro 0.7.22',
    dir: '/w/klaro/',
    cookie: 'klaro',
    head(scenario) {
      const cats = categories(scenario);
      // Klaro consents per service, grouped by purpose: the analytics script is the service
      // "analytics"; each category's patterns go on a service of that purpose.
      const services = [];
      for (const c of cats) {
        if (c.required) services.push({ name: 'session', title: 'Session', purposes: [c.id], required: true });
        if (c.id === 'analytics') services.push({ name: 'analytics', title: 'Analytics script', purposes: ['analytics'] });
        c.services.forEach((s, i) =>
          services.push({ name: s.name, title: s.title, purposes: [c.id], cookies: i === 0 ? c.patterns.map(prefixRe) : [s.cookie] }),
        );
        if (!c.services.length && c.patterns.length) services.push({ name: `${c.id}-cookies`, purposes: [c.id], cookies: c.patterns.map(prefixRe) });
      }
      const config = {
        version: 1,
        elementID: 'klaro',
        storageMethod: 'cookie',
        cookieName: 'klaro',
        cookieExpiresAfterDays: 182,
        default: false,
        mustConsent: false,
        acceptAll: true,
        hideDeclineAll: false,
        hideLearnMore: false,
        noticeAsModal: false,
        groupByPurpose: true,
        htmlTexts: false,
        lang: 'en',
        translations: {
          en: {
            privacyPolicyUrl: TEXT.policy,
            consentNotice: { title: TEXT.title, description: TEXT.body, learnMore: TEXT.customize },
            consentModal: { title: TEXT.prefsTitle, description: TEXT.prefsBody },
            ok: TEXT.accept,
            acceptAll: TEXT.accept,
            decline: TEXT.reject,
            acceptSelected: TEXT.save,
            save: TEXT.save,
            purposes: Object.fromEntries(cats.map((c) => [c.id, { title: c.label, description: c.description }])),
          },
        },
        services,
      };
      return `<script>window.klaroConfig = ${jsLiteral(config)};</script><script defer src="/w/klaro/klaro.js"></script>`;
    },
    gated: `<script type="text/plain" data-type="text/javascript" data-name="analytics">${ANALYTICS_JS}</script>`,
    accept: ['.klaro .cookie-notice .cm-btn-success'],
    prefs: ['.klaro .cookie-modal .cm-modal'],
    acceptAll: 'klaro.getManager().changeAll(true); klaro.getManager().saveAndApplyConsents()',
    withdraw: 'var m = klaro.getManager(); m.changeAll(false); m.saveAndApplyConsents()',
    showPrefs: 'klaro.show(undefined, true)',
  },
};

/**
 * The probe: the first script of every page. It marks the start, records layout shifts and
 * long tasks from the start (buffered), and resolves `__bench.banner` when the Accept button
 * is laid out and not hidden by visibility or opacity (shadow roots included), polling once
 * per frame with requestAnimationFrame: that frame is the one that paints it.
 */
export function probe(bannerPath) {
  return `<script>(function () {
var B = window.__bench = { t0: performance.now(), cls: 0, longest: 0, tasks: 0 };
try { new PerformanceObserver(function (l) { l.getEntries().forEach(function (e) { if (!e.hadRecentInput) B.cls += e.value; }); }).observe({ type: 'layout-shift', buffered: true }); } catch (e) {}
try { new PerformanceObserver(function (l) { l.getEntries().forEach(function (e) { B.tasks++; if (e.duration > B.longest) B.longest = e.duration; }); }).observe({ type: 'longtask', buffered: true }); } catch (e) {}
B.find = function (path) { var r = document; for (var i = 0; i < path.length; i++) { var el = r.querySelector(path[i]); if (!el) return null; if (i === path.length - 1) return el; r = el.shadowRoot; if (!r) return null; } return null; };
B.visible = function (el) { var b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0 && b.bottom > 0 && b.top < innerHeight && el.checkVisibility({ opacityProperty: true, visibilityProperty: true }); };
B.waitFor = function (path, limit) { return new Promise(function (res) { var s = performance.now(); (function tick() { var el = B.find(path); if (el && B.visible(el)) return res(performance.now()); if (performance.now() - s > limit) return res(null); requestAnimationFrame(tick); })(); }); };
if (!/[?&]return/.test(location.search)) B.banner = B.waitFor(${JSON.stringify(bannerPath)}, 20000);
})();</script>`;
}

/** A whole page for one widget and scenario. */
export function page(widget, scenario, headOverride) {
  const w = WIDGETS[widget];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${probe(w.accept)}<title>Bench shop</title>${headOverride ?? w.head(scenario)}</head><body><header><h1>Bench shop</h1></header><main><p>Products, prices and a basket: the page a visitor came for.</p><a href="${TEXT.policy}">Privacy policy</a></main>${w.gated}</body></html>`;
}
