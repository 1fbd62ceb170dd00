// The configurator (demo/configurator.html): a form for the common options, the snippet to
// paste, and a live preview of the real widget. Plain browser JS, served as is.
//
// The form does not validate: it passes what was typed to Candor, whose config checks are the
// one judge. The preview page (preview.html) loads /dist/candor.js with the config and posts back
// Candor's `[candor]` error lines; each `path: message` is shown at the field whose
// data-path is the longest prefix of the path, so the site owner reads the exact message
// Candor would log on their page. Texts are set with textContent only.
(function () {
  var form = document.getElementById('config-form');
  var list = document.getElementById('categories');
  var iframe = document.getElementById('preview');
  var snippet = document.getElementById('snippet');
  var general = document.getElementById('general-error');
  var $ = function (id) {
    return document.getElementById(id);
  };

  var categoryCount = 0;
  function addCategory(values) {
    var n = categoryCount++;
    var box = document.createElement('div');
    box.className = 'category';
    box.setAttribute('data-category-row', '');
    function field(key, labelText, value, multiline) {
      var wrap = document.createElement('div');
      wrap.className = 'field';
      var label = document.createElement('label');
      var input = document.createElement(multiline ? 'textarea' : 'input');
      input.id = 'cat-' + n + '-' + key;
      input.setAttribute('data-key', key);
      if (multiline) input.rows = 3;
      input.value = value || '';
      label.htmlFor = input.id;
      label.textContent = labelText;
      wrap.append(label, input);
      return wrap;
    }
    var row = document.createElement('div');
    row.className = 'row';
    row.append(field('id', 'Id', values.id), field('label', 'Label (optional)', values.label));
    var req = document.createElement('div');
    req.className = 'field check';
    var cb = document.createElement('input');
    cb.type = 'checkbox';
    cb.id = 'cat-' + n + '-required';
    cb.setAttribute('data-key', 'required');
    cb.checked = !!values.required;
    var cbl = document.createElement('label');
    cbl.htmlFor = cb.id;
    cbl.textContent = 'Required (always on)';
    req.append(cb, cbl);
    var remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'button secondary';
    remove.textContent = 'Remove';
    remove.addEventListener('click', function () {
      box.remove();
      update();
    });
    box.append(
      row,
      req,
      field('cookies', 'Extra cookie patterns to delete on withdrawal (comma-separated: name, prefix*, /regex/)', values.cookies),
      field('services', 'Services and cookies (Service, cookie, duration per line)', values.services, true),
      remove,
    );
    list.append(box);
  }

  var split = function (s) {
    return s
      .split(',')
      .map(function (x) {
        return x.trim();
      })
      .filter(Boolean);
  };

  // "Service, cookie, duration" lines → services with their cookies, grouped by service name.
  function services(text) {
    var byName = {};
    var out = [];
    text.split('\n').forEach(function (line) {
      if (!line.trim()) return;
      var parts = line.split(',').map(function (x) {
        return x.trim();
      });
      var name = parts[0];
      if (!byName[name]) {
        byName[name] = { name: name, cookies: [] };
        out.push(byName[name]);
      }
      if (parts.length > 1) byName[name].cookies.push({ name: parts[1] || '', duration: parts.slice(2).join(', ') });
    });
    return out;
  }

  /** The config the form describes; only what differs from Candor's defaults. */
  function buildConfig() {
    var c = { policyUrl: $('policyUrl').value.trim() };
    if ($('cookiePolicyUrl').value.trim()) c.cookiePolicyUrl = $('cookiePolicyUrl').value.trim();
    if ($('revision').value.trim()) c.revision = $('revision').value.trim();
    if ($('lang').value) c.lang = $('lang').value;
    if ($('mode').value) c.mode = $('mode').value;
    if (!$('respectDoNotTrack').checked) c.respectDoNotTrack = false;
    if (!$('respectGlobalPrivacyControl').checked) c.respectGlobalPrivacyControl = false;
    var cats = [];
    list.querySelectorAll('[data-category-row]').forEach(function (box) {
      var get = function (k) {
        return box.querySelector('[data-key="' + k + '"]');
      };
      var cat = { id: get('id').value.trim() };
      if (get('label').value.trim()) cat.label = get('label').value.trim();
      if (get('required').checked) cat.required = true;
      var patterns = split(get('cookies').value);
      if (patterns.length) cat.cookies = patterns;
      var svc = services(get('services').value);
      if (svc.length) cat.services = svc;
      cats.push(cat);
    });
    var standard = cats.length === 4 && ['necessary', 'preferences', 'analytics', 'marketing'].every(function (id, i) {
      return JSON.stringify(cats[i]) === JSON.stringify(id === 'necessary' ? { id: id, required: true } : { id: id });
    });
    if (!standard) c.categories = cats;
    var ui = {};
    if ($('theme').value) ui.theme = $('theme').value;
    if ($('position').value) ui.position = $('position').value;
    if (Object.keys(ui).length) c.ui = ui;
    if ($('ai-on').checked) {
      var ai = {};
      if ($('chatSelector').value.trim()) ai.chatSelector = $('chatSelector').value.trim();
      var providers = split($('providers').value);
      if (providers.length) ai.providers = providers;
      if ($('humanReview').value.trim()) ai.humanReview = $('humanReview').value.trim();
      if ($('learnMoreUrl').value.trim()) ai.learnMoreUrl = $('learnMoreUrl').value.trim();
      if ($('optOut').checked) ai.optOut = true;
      c.ai = ai;
    }
    return c;
  }

  // `<` escaped so the JSON can never close its <script> element early.
  function snippetFor(config) {
    var json = JSON.stringify(config, null, 2).replace(/</g, '\\u003c');
    return (
      '<script type="application/json" id="candor-config">\n' +
      json +
      '\n</script>\n<script src="/candor/candor.js" defer></script>'
    );
  }

  // --- errors at their fields ------------------------------------------------------------
  function fieldFor(path) {
    var best = null;
    var bestLen = -1;
    form.querySelectorAll('[data-path]').forEach(function (f) {
      var p = f.getAttribute('data-path');
      var boundary = path.charAt(p.length);
      if (path.indexOf(p) === 0 && (boundary === '' || boundary === '.' || boundary === '[') && p.length > bestLen) {
        best = f;
        bestLen = p.length;
      }
    });
    // categories[2].… → the third category row (rows are in config order).
    var m = /^categories\[(\d+)\](?:\.(id|label|required|cookies|services))?/.exec(path);
    if (m) {
      var row = list.querySelectorAll('[data-category-row]')[Number(m[1])];
      var input = row && row.querySelector('[data-key="' + (m[2] || 'id') + '"]');
      if (input) return input.closest('.field');
    }
    return best;
  }
  function clearErrors() {
    form.querySelectorAll('.field-error[data-for]').forEach(function (e) {
      e.remove();
    });
    form.querySelectorAll('[aria-invalid]').forEach(function (e) {
      e.removeAttribute('aria-invalid');
      e.removeAttribute('aria-describedby');
    });
    general.hidden = true;
    general.textContent = '';
  }
  var errorCount = 0;
  function showErrors(problems) {
    clearErrors();
    problems.forEach(function (line) {
      var path = line.slice(0, line.indexOf(': '));
      var field = fieldFor(path);
      if (!field) {
        general.hidden = false;
        general.textContent += (general.textContent ? '\n' : '') + line;
        return;
      }
      var msg = document.createElement('p');
      msg.className = 'field-error';
      msg.id = 'err-' + errorCount++;
      msg.setAttribute('data-for', path);
      msg.textContent = line;
      field.append(msg);
      var control = field.querySelector('input, select, textarea');
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', msg.id);
      }
    });
  }
  window.addEventListener('message', function (e) {
    if (e.origin !== location.origin || e.source !== iframe.contentWindow || !e.data || e.data.source !== 'candor-preview') return;
    showErrors(e.data.problems || []);
  });

  // --- update ---------------------------------------------------------------------------
  var timer = 0;
  function update() {
    var config = buildConfig();
    snippet.textContent = snippetFor(config);
    clearTimeout(timer);
    // A short pause while typing, so the preview reloads once per edit, not per key.
    timer = setTimeout(function () {
      iframe.src = '/demo/preview.html?' + Date.now() + '#' + encodeURIComponent(JSON.stringify(config));
    }, 250);
  }
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
  });
  $('add-category').addEventListener('click', function () {
    addCategory({});
    update();
  });
  // Without clipboard access (an http page that is not localhost, a refused permission) the
  // snippet is selected instead, so Ctrl+C / Cmd+C copies exactly what is shown.
  $('copy').addEventListener('click', function () {
    var done = function (ok) {
      if (!ok) {
        var range = document.createRange();
        range.selectNodeContents(snippet);
        var selection = getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
      $('copy-status').textContent = ok ? 'Copied.' : 'Selected: press Ctrl+C (Cmd+C on a Mac) to copy.';
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(snippet.textContent).then(done.bind(null, true), done.bind(null, false));
    else done(false);
  });

  [{ id: 'necessary', required: true }, { id: 'preferences' }, { id: 'analytics' }, { id: 'marketing' }].forEach(addCategory);
  update();
})();
