// Stand-in for an advertising tag, for the demo sites only: a Meta-pixel-like `_fbp` and a
// Google Ads-like `_gcl_au` cookie, and a device identifier in localStorage (the key is taken
// from data-storage-key on its own tag). Candor runs it only with marketing consent, and
// deletes all three on withdrawal or "Do Not Sell or Share".
(function () {
  var tag = document.currentScript;
  var key = tag && tag.getAttribute('data-storage-key');
  var id = Math.floor(Math.random() * 1e9) + '.' + Date.now();
  var d90 = 60 * 60 * 24 * 90;
  document.cookie = '_fbp=fb.1.' + id + '; path=/; max-age=' + d90 + '; samesite=lax';
  document.cookie = '_gcl_au=1.1.' + id + '; path=/; max-age=' + d90 + '; samesite=lax';
  try {
    if (key) localStorage.setItem(key, id);
  } catch (e) {
    /* storage blocked */
  }
  var runs = (window.demoAds && window.demoAds.runs) || 0;
  window.demoAds = { runs: runs + 1 };
})();
