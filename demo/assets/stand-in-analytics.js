// Stand-in for a third-party analytics tag, for the demo sites only. It does what such tags
// do on a first-party domain: writes identifier cookies (Google Analytics-like `_ga*`/`_gid`
// or Matomo-like `_pk_*`), queues events in localStorage and sends a hit. Candor's job is to
// run it only after consent and to delete what it wrote on withdrawal. Behaviour comes from
// its own tag: data-vendor="ga|matomo", data-storage-key="<localStorage key>".
(function () {
  var tag = document.currentScript;
  var vendor = (tag && tag.getAttribute('data-vendor')) || 'ga';
  var key = tag && tag.getAttribute('data-storage-key');
  var id = Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000);
  function set(name, value, maxAge) {
    document.cookie = name + '=' + value + '; path=/; max-age=' + maxAge + '; samesite=lax';
  }
  if (vendor === 'matomo') {
    set('_pk_id.1.d3m0', id, 60 * 60 * 24 * 395); // 13 months
    set('_pk_ses.1.d3m0', '1', 30 * 60); // 30 minutes
  } else {
    set('_ga', 'GA1.1.' + id, 60 * 60 * 24 * 730); // 2 years
    set('_ga_D3M0', 'GS1.1.' + id, 60 * 60 * 24 * 730);
    set('_gid', 'GA1.1.' + id, 60 * 60 * 24); // 24 hours
  }
  try {
    if (key) localStorage.setItem(key, JSON.stringify([{ page: location.pathname, at: Date.now() }]));
  } catch (e) {
    /* storage blocked: nothing to queue */
  }
  var runs = (window.demoAnalytics && window.demoAnalytics.runs) || 0;
  window.demoAnalytics = { vendor: vendor, runs: runs + 1 };
  new Image().src = '/track/collect?v=' + vendor + '&p=' + encodeURIComponent(location.pathname);
})();
