// The AiMarketing demo's interface-language picker. The choice is remembered in
// localStorage only with "preferences" consent (Candor.whenGranted); without it, it lasts
// for this page view. Candor removes the key (the category's `storage` pattern) on withdrawal.
(function () {
  var KEY = 'am_ui_lang';
  var select = document.getElementById('ui-lang');
  var out = document.getElementById('ui-lang-status');
  if (!select) return;
  function stored() {
    try {
      return localStorage.getItem(KEY);
    } catch (e) {
      return null;
    }
  }
  function show(text) {
    if (out) out.textContent = text;
  }
  var saved = stored();
  if (saved) select.value = saved;
  select.addEventListener('change', function () {
    var granted = window.Candor && window.Candor.hasConsent('preferences');
    if (granted) {
      try {
        localStorage.setItem(KEY, select.value);
      } catch (e) {
        /* storage blocked */
      }
      show('Remembered for your next visit.');
    } else {
      show('Used for this visit only: allow "Preferences" in Privacy settings to remember it.');
    }
  });
})();
