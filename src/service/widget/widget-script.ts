/**
 * The chat widget, served at `/widget.js`: a self-contained vanilla script (no dependencies,
 * no cookies). Embed it with the site's public key:
 *
 *   <script src="https://leadsift.example.com/widget.js" data-site="site_public_key" async></script>
 *
 * or, for a lead the page already knows, with a session token from
 * `POST /v1/leads/:id/conversations` instead of `data-site` (`data-session="lcs_…"`). It asks a
 * visitor for their email, opens a chat (`POST /chat/v1/sessions`), sends messages
 * (`POST /chat/v1/messages`) and polls for new ones (`GET /chat/v1/messages?after=N`) every few
 * seconds while open. The session token stays in the tab's sessionStorage; it reads and writes
 * only its own conversation. Text is set with textContent, never parsed as HTML.
 */
export const WIDGET_SCRIPT = String.raw`(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var base = new URL(script.src, location.href).origin;
  var site = script.getAttribute('data-site') || '';
  var storeKey = 'leadsift-chat:' + (site || 'lead');
  var session = script.getAttribute('data-session') || sessionStorage.getItem(storeKey) || '';
  var seen = 0;
  var timer = null;

  function el(tag, style, text) {
    var e = document.createElement(tag);
    if (style) e.setAttribute('style', style);
    if (text) e.textContent = text;
    return e;
  }
  var root = el('div', 'position:fixed;bottom:16px;right:16px;z-index:2147483000;font:14px/1.4 system-ui,sans-serif');
  var button = el('button', 'border:0;border-radius:20px;padding:10px 16px;background:#1f4fd1;color:#fff;cursor:pointer', 'Chat with us');
  var panel = el('div', 'display:none;width:320px;height:420px;background:#fff;border:1px solid #ccd;border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.15);flex-direction:column');
  var log = el('div', 'flex:1;overflow-y:auto;padding:8px');
  log.setAttribute('aria-live', 'polite');
  var form = el('form', 'display:flex;border-top:1px solid #eee');
  var input = el('input', 'flex:1;border:0;padding:10px;font:inherit');
  var send = el('button', 'border:0;background:#1f4fd1;color:#fff;padding:0 14px;cursor:pointer', 'Send');
  input.setAttribute('aria-label', 'Your message');
  form.appendChild(input);
  form.appendChild(send);
  panel.appendChild(log);
  panel.appendChild(form);
  root.appendChild(panel);
  root.appendChild(button);

  function show(direction, text) {
    var mine = direction === 'inbound';
    var row = el('div', 'margin:4px 0;display:flex;justify-content:' + (mine ? 'flex-end' : 'flex-start'));
    row.appendChild(el('div', 'max-width:80%;white-space:pre-wrap;padding:6px 10px;border-radius:12px;background:' + (mine ? '#1f4fd1;color:#fff' : '#eef'), text));
    log.appendChild(row);
    log.scrollTop = log.scrollHeight;
  }
  function call(method, path, body) {
    var headers = { 'content-type': 'application/json' };
    if (session) headers['x-chat-session'] = session;
    return fetch(base + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error((j.error && j.error.message) || r.statusText); return j; }); });
  }
  function take(messages) {
    (messages || []).forEach(function (m) { if (m.seq > seen) { seen = m.seq; show(m.direction, m.text); } });
  }
  function poll() {
    if (!session) return;
    call('GET', '/chat/v1/messages?after=' + seen).then(function (j) { take(j.messages); }).catch(function () {});
  }
  function start(email) {
    return call('POST', '/chat/v1/sessions', { site: site, email: email, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone })
      .then(function (j) { session = j.sessionToken; sessionStorage.setItem(storeKey, session); take(j.messages); });
  }
  button.addEventListener('click', function () {
    var open = panel.style.display === 'none';
    panel.style.display = open ? 'flex' : 'none';
    if (open) {
      if (!session) { show('outbound', 'Hi! What is your work email, so that we can follow up?'); input.placeholder = 'you@company.com'; }
      poll();
      timer = setInterval(poll, 3000);
    } else if (timer) { clearInterval(timer); timer = null; }
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    if (!session) {
      show('inbound', text);
      start(text).then(function () { input.placeholder = ''; }).catch(function (err) { show('outbound', err.message); });
      return;
    }
    call('POST', '/chat/v1/messages', { text: text }).then(function (j) { take(j.messages); }).catch(function (err) { show('outbound', err.message); });
  });
  document.body.appendChild(root);
})();
`;
