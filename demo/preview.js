// The configurator's preview page (demo/preview.html). It reads the config from
// location.hash (URL-encoded JSON), puts it into a #candor-config element and loads the real
// /dist/candor.js, as a site owner's page does. Candor reports an invalid config with one
// `[candor]` console.error; this page catches that line and posts it to the configurator
// (same origin only), which shows each `path: message` at its form field.
(function () {
  var lines = [];
  var origError = console.error;
  console.error = function () {
    var first = arguments[0];
    if (typeof first === 'string' && first.indexOf('[candor]') === 0) {
      lines.push(Array.prototype.map.call(arguments, String).join(' '));
    }
    return origError.apply(console, arguments);
  };
  function report() {
    var problems = [];
    lines.forEach(function (line) {
      line.split('\n').forEach(function (l) {
        var m = /^\s+- (.*)$/.exec(l);
        if (m) problems.push(m[1]);
      });
    });
    if (parent !== window) parent.postMessage({ source: 'candor-preview', problems: problems, lines: lines }, location.origin);
  }
  // Each preview is a first visit: the preview keeps its choice in its own cookie (a config
  // that sets cookieName wins, since #candor-config is read after window.CandorConfig),
  // cleared before every load.
  var name = 'candor_preview';
  document.cookie = name + '=; path=/; max-age=0';
  window.CandorConfig = { cookieName: name };
  var json = '';
  try {
    json = decodeURIComponent(location.hash.slice(1));
  } catch (e) {
    json = '';
  }
  var data = document.createElement('script');
  data.type = 'application/json';
  data.id = 'candor-config';
  data.textContent = json;
  document.head.appendChild(data);
  var tag = document.createElement('script');
  tag.src = '/dist/candor.js';
  tag.onload = report;
  tag.onerror = function () {
    lines.push('[candor] could not load /dist/candor.js: run `npm run build`');
    report();
  };
  document.head.appendChild(tag);
  // A new hash is a new config: start over as a fresh page.
  window.addEventListener('hashchange', function () {
    location.reload();
  });
})();
