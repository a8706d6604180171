'use strict';
/*
 * Callbacks (回电/留言): what customers left to be called back, the earliest promise first, overdue ones marked; an
 * agent calls, then records how it went (reached / could not reach, and a note) and the callback is closed.
 */
(async () => {
  const {api, el, live, debounce, header, toast, t, label, time} = Baton;
  await header();
  const main = document.getElementById('main');
  let listing = 'open';
  const drafts = {}; // what an agent typed per callback survives live reloads

  async function load() {
    const r = await api('GET', '/api/callbacks?status=' + listing);
    render(r.items);
  }

  function tabs() {
    const tab = (key, text) => el('button', {class: 'secondary tab' + (listing === key ? ' active' : ''),
      'data-tab': key, onclick: () => { listing = key; load(); }}, text);
    return el('div', {class: 'tabs'}, tab('open', t('Open callbacks')), tab('done', t('Done (last 7 days)')));
  }

  function closeForm(k) {
    const d = drafts[k.id] || (drafts[k.id] = {outcome: 'reached', note: ''});
    const outcome = el('select', {class: 'outcome', 'aria-label': t('Outcome')},
      ['reached', 'unreachable'].map(o => el('option', {value: o, selected: d.outcome === o}, label('outcome', o))));
    const note = el('input', {class: 'outcome-note', placeholder: t('Outcome note (what was agreed)'), maxlength: 2000,
      value: d.note});
    outcome.addEventListener('change', () => { d.outcome = outcome.value; });
    note.addEventListener('input', () => { d.note = note.value; });
    return el('div', {class: 'callback-close'}, outcome, note,
      el('button', {class: 'close-callback', onclick: async () => {
        await api('POST', '/api/callbacks/' + k.id + '/close', {outcome: d.outcome, note: d.note});
        delete drafts[k.id];
        toast(t('Called back: {0}', k.name || k.contact));
        load();
      }}, t('Mark called back')));
  }

  function customer(k) {
    return [el('strong', {}, k.name || '–'), el('div', {class: 'muted'}, label('channel', k.channel)),
      el('a', {href: '/inbox/conversations/' + k.conversationId, class: 'muted'}, t('Open'))];
  }

  /** A live update must not take the field the agent is typing in: remember it, render, put focus and caret back. */
  function render(items) {
    const a = document.activeElement;
    const row = a && a.closest ? a.closest('tr[data-callback]') : null;
    const typing = row && a.classList.contains('outcome-note')
      ? {id: row.dataset.callback, start: a.selectionStart, end: a.selectionEnd} : null;
    draw(items);
    if (typing) {
      const field = main.querySelector('tr[data-callback="' + typing.id + '"] .outcome-note');
      if (field) { field.focus(); field.setSelectionRange(typing.start, typing.end); }
    }
  }

  function draw(items) {
    const open = listing === 'open';
    const head = open ? [t('Promised by'), t('Customer'), t('Contact'), t('Question'), t('Group'), t('From'), t('Left'), '']
      : [t('Closed'), t('Customer'), t('Contact'), t('Question'), t('Closed by'), t('Outcome')];
    main.replaceChildren(
      el('h1', {}, t('Callbacks') + ' ', el('span', {class: 'muted', id: 'callback-count'}, '(' + items.length + ')')),
      el('p', {class: 'muted'}, t('Messages customers left to be called back, the earliest promise first. Call, then record how it went.')),
      tabs(),
      items.length === 0 ? el('p', {class: 'empty'}, open ? t('No callbacks waiting.') : t('No callbacks closed in the last 7 days.'))
        : el('table', {class: 'queue callbacks'},
          el('thead', {}, el('tr', {}, head.map(h => el('th', {}, h)))),
          el('tbody', {}, items.map(k => open
            ? el('tr', {class: 'callback' + (k.overdue ? ' overdue' : ''), 'data-callback': k.id},
              el('td', {class: 'promised', title: k.promisedAt}, time(k.promisedAt),
                k.overdue ? el('span', {class: 'badge overdue'}, t('overdue')) : null),
              el('td', {}, customer(k)),
              el('td', {class: 'contact'}, k.contact),
              el('td', {class: 'question'}, k.question || '–'),
              el('td', {}, k.group || t('default')),
              el('td', {}, label('origin', k.origin)),
              el('td', {title: k.createdAt}, time(k.createdAt)),
              el('td', {}, closeForm(k)))
            : el('tr', {class: 'callback done', 'data-callback': k.id},
              el('td', {title: k.closedAt}, time(k.closedAt)),
              el('td', {}, customer(k)),
              el('td', {class: 'contact'}, k.contact),
              el('td', {class: 'question'}, k.question || '–'),
              el('td', {}, k.closedBy),
              el('td', {}, el('strong', {}, label('outcome', k.outcome)), k.outcomeNote ? ': ' + k.outcomeNote : ''))))));
  }

  live(debounce(e => { if (e.kind === 'CALLBACK' || e.kind === 'STATE') load(); }, 200));
  setInterval(load, 60000);
  load();
})();
