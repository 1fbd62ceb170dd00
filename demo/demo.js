// Shows Candor's state live on the demo page.
(function () {
  var out = document.getElementById('state');
  function show() {
    out.textContent = JSON.stringify(window.Candor ? window.Candor.getConsent() : null, null, 2);
  }
  ['ready', 'consent', 'change', 'ai-acknowledged'].forEach(function (n) {
    document.addEventListener('candor:' + n, show);
  });
  document.getElementById('withdraw').addEventListener('click', function () {
    window.Candor.withdraw();
  });
  show();
})();
