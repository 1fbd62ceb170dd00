// Settings a visitor picks on a demo page (AiMarketing's interface language and time zone,
// Aramin's theme), for the demo sites only. Each <select data-remember="KEY"> is kept in
// localStorage only with "preferences" consent; without it the choice lasts for this page
// view. If the visitor allows preferences later (candor:change), the choices made on this page
// are kept then. Candor deletes the keys on withdrawal (the category's `storage` patterns).
// Optional attributes: data-status="<id>" (where to say what happened) and data-applies="<name>"
// (sets data-<name> on <html>, so the page's CSS shows the choice at once).
// Texts are set with textContent only.
(function () {
  function allowed() {
    return !!(window.Candor && window.Candor.hasConsent('preferences'));
  }
  function read(key) {
    try {
      return localStorage.getItem(key);
    } catch (e) {
      return null; // storage blocked: nothing remembered
    }
  }
  function keep(key, value) {
    try {
      localStorage.setItem(key, value);
      return true;
    } catch (e) {
      return false;
    }
  }
  var chosen = [];
  function remember(select) {
    var out = document.getElementById(select.getAttribute('data-status') || '');
    var kept = allowed() && keep(select.getAttribute('data-remember'), select.value);
    if (out) out.textContent = kept ? 'Remembered for your next visit.' : 'Used for this visit only: allow "Preferences" in Privacy settings to remember it.';
  }
  document.querySelectorAll('select[data-remember]').forEach(function (select) {
    var applies = select.getAttribute('data-applies');
    function apply() {
      if (applies) document.documentElement.setAttribute('data-' + applies, select.value);
    }
    var saved = read(select.getAttribute('data-remember'));
    if (saved !== null && Array.prototype.some.call(select.options, function (o) { return o.value === saved; })) select.value = saved;
    apply();
    select.addEventListener('change', function () {
      apply();
      if (chosen.indexOf(select) < 0) chosen.push(select);
      remember(select);
    });
  });
  // Allowed after the visitor chose: keep what was chosen on this page, as they would expect.
  document.addEventListener('candor:change', function (e) {
    if (e.detail && e.detail.granted.indexOf('preferences') >= 0) chosen.forEach(remember);
  });
})();
