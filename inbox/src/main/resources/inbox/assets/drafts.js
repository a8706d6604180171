'use strict';
(async () => {
  const {api, el, live, header, toast} = Baton;
  const me = await header();
  const main = document.getElementById('main');

  async function load() {
    const r = await api('GET', '/api/drafts');
    const supervisor = me.role === 'supervisor';
    main.replaceChildren(el('h1', {}, 'Knowledge drafts'),
      el('p', {class: 'muted'}, 'Answers agents saved from conversations. Approving moves the draft into the '
        + 'knowledge folder and reindexes it, so the bot can use it.' + (supervisor ? '' : ' A supervisor approves.')),
      r.items.length === 0 ? el('p', {class: 'empty'}, 'No drafts waiting.') :
        el('ul', {class: 'drafts'}, r.items.map(d => el('li', {class: 'card draft', 'data-name': d.name},
          el('h2', {}, d.question || d.name), el('pre', {class: 'answer'}, d.answer),
          el('div', {class: 'muted'}, d.name),
          el('div', {class: 'row'},
            el('button', {class: 'approve', disabled: !supervisor, onclick: async () => {
              await api('POST', '/api/drafts/' + encodeURIComponent(d.name) + '/approve');
              toast('Approved and reindexed'); load();
            }}, 'Approve'),
            el('button', {class: 'secondary discard', disabled: !supervisor, onclick: async () => {
              await api('POST', '/api/drafts/' + encodeURIComponent(d.name) + '/discard');
              toast('Discarded'); load();
            }}, 'Discard'))))));
  }
  live(() => {});
  load();
})();
