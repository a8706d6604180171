'use strict';
/* Shared helpers for the inbox pages: API calls with the CSRF token, safe DOM building, live updates by SSE. */
const Baton = (() => {
  let me = null;

  async function whoami() {
    if (me) return me;
    const r = await fetch('/api/me', {credentials: 'same-origin'});
    if (r.status === 401) { location.href = '/inbox/login'; throw new Error('signed out'); }
    me = await r.json();
    return me;
  }

  async function api(method, path, body) {
    const m = await whoami();
    const opts = {method, credentials: 'same-origin', headers: {'Accept': 'application/json'}};
    if (method !== 'GET') {
      opts.headers['X-CSRF-Token'] = m.csrf;
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body || {});
    }
    const r = await fetch(path, opts);
    if (r.status === 401) { location.href = '/inbox/login'; throw new Error('signed out'); }
    const data = r.headers.get('content-type')?.includes('json') ? await r.json() : {};
    if (!r.ok) { toast(data.error || ('HTTP ' + r.status), true); throw new Error(data.error || r.status); }
    return data;
  }

  /** el('div', {class: 'x', onclick: f}, 'text', child) — text is always text, never HTML. */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (k === 'class') e.className = v;
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function toast(text, error) {
    const t = document.getElementById('toast');
    t.textContent = text;
    t.className = 'toast' + (error ? ' error' : '');
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => t.classList.add('hidden'), 4000);
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '–';
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return s + 's';
    if (s < 3600) return Math.floor(s / 60) + 'm ' + String(s % 60).padStart(2, '0') + 's';
    return Math.floor(s / 3600) + 'h ' + String(Math.floor(s % 3600 / 60)).padStart(2, '0') + 'm';
  }

  function time(iso) {
    return new Date(iso).toLocaleString();
  }

  /** Calls onChange(event) for each change; reconnects by itself (EventSource does). */
  function live(onChange) {
    const dot = document.getElementById('live');
    const src = new EventSource('/api/events');
    src.addEventListener('hello', () => { dot.className = 'live on'; });
    src.addEventListener('change', e => onChange(JSON.parse(e.data)));
    src.onerror = () => { dot.className = 'live off'; };
    return src;
  }

  function debounce(f, ms) {
    let t = null;
    return (...a) => { clearTimeout(t); t = setTimeout(() => f(...a), ms); };
  }

  async function header() {
    const m = await whoami();
    document.getElementById('me').textContent = m.name + ' · ' + m.role;
    if (m.role === 'supervisor') {
      document.querySelectorAll('.supervisor-only').forEach(x => x.classList.remove('hidden'));
    }
    const page = document.body.dataset.page;
    document.querySelectorAll('[data-nav]').forEach(a => a.classList.toggle('active', a.dataset.nav === page));
    document.getElementById('logout').addEventListener('click', async () => {
      await fetch('/inbox/logout', {method: 'POST', credentials: 'same-origin',
        headers: {'X-CSRF-Token': m.csrf}});
      location.href = '/inbox/login';
    });
    return m;
  }

  const REASONS = {
    explicit_request: 'asked for a person', button: 'pressed the human button',
    negative_sentiment: 'upset', repeated_question: 'repeated question', knowledge_miss: 'bot had no answer',
    turn_limit: 'too many turns', sensitive_intent: 'sensitive', complaint: 'complaint', vip: 'VIP',
    agent_tool: 'bot chose handoff', llm_unavailable: 'LLM unavailable', unsupported_media: 'unsupported media',
    lookup_failed: 'look-up failed',
    agent_takeover: 'agent took over'
  };

  function reasonChips(reasons) {
    return el('span', {class: 'chips'}, (reasons || []).map(r =>
      el('span', {class: 'chip reason-' + r, title: r}, REASONS[r] || r)));
  }

  return {api, el, toast, duration, time, live, debounce, header, whoami, reasonChips};
})();
