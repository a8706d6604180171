'use strict';
(async () => {
  const {api, el, live, header, toast, t} = Baton;
  const me = await header();
  const main = document.getElementById('main');

  async function load() {
    const r = await api('GET', '/api/drafts');
    const supervisor = me.role === 'supervisor';
    main.replaceChildren(el('h1', {}, t('Knowledge drafts')),
      el('p', {class: 'muted'}, t('Answers agents saved from conversations. Approving moves the draft into the '
        + 'knowledge folder and reindexes it, so the bot can use it.') + (supervisor ? '' : t(' A supervisor approves.'))),
      r.items.length === 0 ? el('p', {class: 'empty'}, t('No drafts waiting.')) :
        el('ul', {class: 'drafts'}, r.items.map(d => el('li', {class: 'card draft', 'data-name': d.name},
          el('h2', {}, d.question || d.name), el('pre', {class: 'answer'}, d.answer),
          el('div', {class: 'muted'}, d.name),
          el('div', {class: 'row'},
            el('button', {class: 'approve', disabled: !supervisor, onclick: async () => {
              await api('POST', '/api/drafts/' + encodeURIComponent(d.name) + '/approve');
              toast(t('Approved and reindexed')); load();
            }}, t('Approve')),
            el('button', {class: 'secondary discard', disabled: !supervisor, onclick: async () => {
              await api('POST', '/api/drafts/' + encodeURIComponent(d.name) + '/discard');
              toast(t('Discarded')); load();
            }}, t('Discard')))))));
  }
  live(() => {});
  load();
})();
