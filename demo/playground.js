// The events playground (demo/playground.html): logs every candor:* event with its detail
// and shows Candor.getConsent() live; the buttons call the public API. Loaded before
// candor.js, so even candor:ready is caught. Texts are set with textContent only.
(function () {
  var EVENTS = ['ready', 'consent', 'change', 'ai-acknowledged'];
  var pending = [];
  var log = null;
  var state = null;
  function time() {
    return new Date().toISOString().slice(11, 23);
  }
  function write(name, detail) {
    if (!log) return pending.push([name, detail]);
    var li = document.createElement('li');
    li.setAttribute('data-event', name);
    li.textContent = time() + '  ' + name + (detail === undefined ? '' : '  ' + (typeof detail === 'string' ? detail : JSON.stringify(detail)));
    log.prepend(li);
    if (window.Candor) state.textContent = JSON.stringify(window.Candor.getConsent(), null, 2);
  }
  EVENTS.forEach(function (n) {
    document.addEventListener('candor:' + n, function (e) {
      var d = e.detail;
      // `change` carries the whole consent too; the lists are what integrators use.
      write('candor:' + n, n === 'change' ? { granted: d.granted, revoked: d.revoked } : n === 'ai-acknowledged' ? { at: d.at } : d);
    });
  });
  document.addEventListener('DOMContentLoaded', function () {
    log = document.getElementById('log');
    state = document.getElementById('state');
    pending.splice(0).forEach(function (p) {
      write(p[0], p[1]);
    });
    if (window.Candor) state.textContent = JSON.stringify(window.Candor.getConsent(), null, 2);
    document.getElementById('clear-log').addEventListener('click', function () {
      log.replaceChildren();
    });
    document.querySelectorAll('[data-call]').forEach(function (b) {
      b.addEventListener('click', function () {
        var C = window.Candor;
        var name = b.getAttribute('data-call');
        if (!C) return write('error', 'Candor is not loaded');
        if (name === 'whenGranted') {
          C.whenGranted('analytics', function () {
            write('whenGranted callback', 'analytics is granted');
          });
          return write('call', 'whenGranted("analytics", fn)');
        }
        var arg = b.hasAttribute('data-arg') ? JSON.parse(b.getAttribute('data-arg')) : undefined;
        var result = arg === undefined ? C[name]() : C[name](arg);
        write('call', name + '(' + (arg === undefined ? '' : JSON.stringify(arg)) + ')' + (result === undefined ? '' : ' → ' + JSON.stringify(result)));
      });
    });
  });
})();
