'use strict';
/*
 * The canned-reply picker of the reply box: typing "/" (at the start or after a space) lists the team's and the
 * agent's own canned replies whose shortcut or text matches what follows; ↑/↓ choose, Enter or a click inserts the
 * reply filled for this conversation, which the agent can still edit. A variable the server could not fill (unknown,
 * or no value for this customer) stays in the text as written, is flagged in the list and under the box, and sending
 * a text that still contains it asks first.
 */
Baton.cannedPicker = (textarea, conversationId) => {
  const {api, el, t, debounce} = Baton;
  const box = el('ul', {id: 'canned-picker', class: 'canned-picker hidden', role: 'listbox'});
  const warning = el('div', {id: 'canned-warning', class: 'banner closing hidden'});
  let items = [];
  let selected = 0;
  let token = null;          // {start, end, query} of the "/query" being typed
  const unresolved = new Set();

  /** The "/query" just before the caret, or null. */
  function currentToken() {
    const upTo = textarea.value.slice(0, textarea.selectionStart);
    const m = /(^|\s)\/([^\s/]*)$/.exec(upTo);
    return m ? {start: upTo.length - m[2].length - 1, end: textarea.selectionStart, query: m[2]} : null;
  }

  const search = debounce(async () => {
    token = currentToken();
    if (!token) { hide(); return; }
    const r = await api('GET', '/api/canned-replies?conversation=' + conversationId + '&q='
      + encodeURIComponent(token.query));
    if (!currentToken()) { hide(); return; }
    items = r.items;
    selected = 0;
    show();
  }, 120);

  function scopeLabel(item) {
    return item.scope === 'team' ? t('team') : t('mine');
  }

  function show() {
    box.replaceChildren(...(items.length === 0
      ? [el('li', {class: 'empty-pick muted'}, t('No canned reply matches “/{0}”.', token.query))]
      : items.map((item, i) => el('li', {class: 'pick' + (i === selected ? ' selected' : ''), role: 'option',
          'data-shortcut': item.shortcut, onmousedown: e => { e.preventDefault(); insert(i); }},
        el('div', {class: 'pick-head'}, el('strong', {}, '/' + item.shortcut), ' ',
          el('span', {class: 'chip'}, scopeLabel(item))),
        el('div', {class: 'pick-text'}, item.filled.text),
        item.filled.unresolved.length > 0
          ? el('div', {class: 'unresolved'}, t('Not filled in: {0}. Edit it before sending.',
            item.filled.unresolved.join(' ')))
          : null))));
    box.classList.remove('hidden');
  }

  function hide() {
    box.classList.add('hidden');
    items = [];
    token = null;
  }

  function insert(i) {
    const item = items[i];
    if (!item || !token) return;
    const v = textarea.value;
    textarea.value = v.slice(0, token.start) + item.filled.text + v.slice(token.end);
    const caret = token.start + item.filled.text.length;
    textarea.focus();
    textarea.setSelectionRange(caret, caret);
    item.filled.unresolved.forEach(x => unresolved.add(x));
    hide();
    flag();
  }

  /** The flagged variables still in the text. */
  function unresolvedIn(text) {
    return [...unresolved].filter(x => text.includes(x));
  }

  function flag() {
    const left = unresolvedIn(textarea.value);
    warning.textContent = left.length ? t('Not filled in: {0}. Edit it before sending.', left.join(' ')) : '';
    warning.classList.toggle('hidden', left.length === 0);
  }

  textarea.addEventListener('input', () => { search(); flag(); });
  textarea.addEventListener('keydown', e => {
    if (box.classList.contains('hidden') || items.length === 0) {
      if (e.key === 'Escape') hide();
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      selected = (selected + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      show();
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      e.stopImmediatePropagation();
      insert(selected);
    } else if (e.key === 'Escape') {
      hide();
    }
  });
  // closed when the agent leaves the box, not when a live update moves it and gives the focus back
  textarea.addEventListener('blur', () => setTimeout(() => { if (document.activeElement !== textarea) hide(); }, 150));

  return {
    box, warning, unresolvedIn,
    open: () => !box.classList.contains('hidden'),
    reset: () => { unresolved.clear(); flag(); hide(); }
  };
};
