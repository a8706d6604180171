// The customer's side of the dev channel: POST /api/dev/messages to talk, GET /api/dev/messages?after= to hear
// what arrives later (a human's replies from /inbox, queue updates). Plain script, no build step.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const messages = $('messages');
  const seen = new Set();
  let lastId = 0;
  let polling = null;
  let tierChanged = false; // the tier is sent only when chosen here, so a tier set in /inbox is not undone

  const LABELS = { customer: 'You', bot: 'Bot', human: 'Agent', system: 'Baton' };

  function customer() { return $('customer').value.trim(); }

  function add(author, text, id) {
    if (id != null) {
      if (seen.has(id)) { return; }
      seen.add(id);
      lastId = Math.max(lastId, id);
    }
    const li = document.createElement('li');
    li.className = author;
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = LABELS[author] || author;
    li.appendChild(who);
    li.appendChild(document.createTextNode(text));
    messages.appendChild(li);
    li.scrollIntoView({ block: 'end' });
  }

  function showState(state) {
    const text = { BOT: 'with the bot', QUEUED: 'waiting for a person', HUMAN: 'with a person', CLOSED: 'closed' };
    $('state').textContent = state ? (text[state] || state) : '–';
  }

  function error(message) {
    $('error').hidden = !message;
    $('error').textContent = message || '';
  }

  async function send(body) {
    error(null);
    const payload = Object.assign({ customer: customer() }, body);
    const name = $('name').value.trim();
    if (name) { payload.name = name; }
    if (tierChanged) {
      payload.tier = $('tier').value;
      tierChanged = false;
    }
    const response = await fetch('/api/dev/messages', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload)
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      error(data.error || ('HTTP ' + response.status));
      return;
    }
    (data.replies || []).forEach((r) => add(r.author, r.text, r.id));
    showState(data.state);
  }

  async function poll() {
    if (!customer()) { return; }
    try {
      const response = await fetch('/api/dev/messages?customer=' + encodeURIComponent(customer()) + '&after=' + lastId);
      if (!response.ok) { return; }
      const data = await response.json();
      (data.replies || []).forEach((r) => add(r.author, r.text, r.id));
      showState(data.state);
    } catch (e) {
      // Baton restarting: try again on the next tick
    }
  }

  function start() {
    if (!customer()) {
      $('customer').value = 'web-' + Math.random().toString(36).slice(2, 8);
    }
    localStorage.setItem('baton.dev.customer', customer());
    if (polling) { clearInterval(polling); }
    polling = setInterval(poll, 1500);
    poll();
  }

  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('text').value;
    if (!text.trim() || !customer()) { return; }
    $('text').value = '';
    add('customer', text, null);
    send({ text: text });
  });
  $('human').addEventListener('click', () => {
    if (!customer()) { return; }
    add('customer', '[Talk to a human]', null);
    send({ human: true });
  });
  $('tier').addEventListener('change', () => { tierChanged = true; });
  $('new-customer').addEventListener('click', () => {
    $('customer').value = '';
    messages.textContent = '';
    seen.clear();
    lastId = 0;
    showState(null);
    start();
  });
  $('customer').addEventListener('change', () => {
    messages.textContent = '';
    seen.clear();
    lastId = 0;
    start();
  });

  $('customer').value = new URLSearchParams(location.search).get('customer')
    || localStorage.getItem('baton.dev.customer') || '';
  start();
})();
