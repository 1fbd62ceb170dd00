// Stand-in for error monitoring, for the demo sites only. It stores nothing on the device
// (no cookie, no storage key), so ePrivacy Art. 5(3) consent does not apply: it reports
// uncaught page errors to the site's own endpoint and loads without asking.
(function () {
  window.demoMonitoring = { started: Date.now() };
  window.addEventListener('error', function (e) {
    try {
      navigator.sendBeacon('/track/errors', JSON.stringify({ message: String(e.message), page: location.pathname }));
    } catch (err) {
      /* monitoring must never break the page */
    }
  });
})();
