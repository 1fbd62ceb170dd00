// Stand-in AI chat widget, for the demo sites only. Each `[data-demo-chat]` container gets a
// "Start a chat" button; the panel (`.ai-chat`) is created on click, as real chat launchers
// do, so the demo shows Candor labelling a chat surface that appears after load. Options
// come from the container: data-title, data-greeting, data-cookie (an essential cookie that
// keeps the conversation across reloads), data-human (where a person answers instead).
// Replies are canned: no message leaves the page. Texts are set with textContent only.
(function () {
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  // With `ai.optOut`, the visitor may switch AI processing off; then a person answers.
  function aiAllowed() {
    var c = window.Candor && window.Candor.getConsent();
    return !c || c.categories.ai !== false;
  }
  function open(box) {
    var panel = el('div', 'ai-chat');
    panel.id = box.id ? box.id + '-panel' : '';
    var messages = el('div', 'messages');
    messages.setAttribute('aria-live', 'polite');
    var form = el('form');
    var input = el('input');
    input.setAttribute('aria-label', 'Message');
    input.placeholder = 'Type a message';
    var send = el('button', 'button', 'Send');
    send.type = 'submit';
    form.append(input, send);
    panel.append(el('header', '', box.getAttribute('data-title') || 'Assistant'), messages, form);
    messages.append(el('p', 'msg', box.getAttribute('data-greeting') || 'Hello! How can I help?'));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var text = input.value.trim();
      if (!text) return;
      messages.append(el('p', 'msg me', text));
      input.value = '';
      var human = box.getAttribute('data-human');
      var reply = aiAllowed()
        ? 'This is a demo assistant: a real one would answer "' + text.slice(0, 60) + '" here.'
        : 'AI processing is switched off in your privacy settings, so a person will answer' + (human ? ' at ' + human.replace(/^mailto:/, '') : '') + '.';
      messages.append(el('p', 'msg bot', reply));
      messages.scrollTop = messages.scrollHeight;
    });
    var cookie = box.getAttribute('data-cookie');
    // Essential: keeps the conversation across page reloads (a session cookie).
    if (cookie) document.cookie = cookie + '=' + Math.floor(Math.random() * 1e9) + '; path=/; samesite=lax';
    box.replaceChildren(panel);
    input.focus();
  }
  document.querySelectorAll('[data-demo-chat]').forEach(function (box) {
    var start = el('button', 'button chat-open', box.getAttribute('data-open-label') || 'Start a chat');
    start.type = 'button';
    start.addEventListener('click', function () {
      open(box);
    });
    box.append(start);
  });
})();
