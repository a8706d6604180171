'use strict';
(async () => {
  const {api, el, time, header, toast, live, t: tr} = Baton;
  const me = await header();
  const main = document.getElementById('main');
  const supervisor = me.role === 'supervisor';
  let agents = [me.name];
  if (supervisor) {
    try {
      agents = (await api('GET', '/api/team')).agents.map(a => a.name);
    } catch (e) { /* keep just me */ }
  }
  const nameInput = el('input', {id: 'token-name', maxlength: 64, placeholder: tr('What it is for, e.g. helpdesk-sync')});
  const agentSelect = el('select', {id: 'token-agent'}, agents.map(a =>
    el('option', {value: a, selected: a === me.name}, a)));
  const secretBox = el('div', {id: 'token-created', class: 'card hidden'});

  async function create() {
    const name = nameInput.value.trim();
    if (!name) { toast(tr('Give the token a name'), true); return; }
    const body = {name};
    if (supervisor) body.agent = agentSelect.value;
    const r = await api('POST', '/api/tokens', body);
    nameInput.value = '';
    secretBox.replaceChildren(el('h2', {}, tr('Token "{0}" for {1}', r.name, r.agent)),
      el('p', {}, tr('Copy it now: it is shown only this once. Baton keeps only a hash.')),
      el('pre', {id: 'token-secret', class: 'token-secret'}, r.token),
      el('p', {class: 'muted'}, tr('Use it as: Authorization: Bearer <token>. It acts as {0} with their role.', r.agent)),
      el('button', {class: 'secondary', onclick: () => { secretBox.replaceChildren(); secretBox.classList.add('hidden'); }},
        tr('Done, I copied it')));
    secretBox.classList.remove('hidden');
    load();
  }

  async function revoke(t) {
    if (!confirm(tr('Revoke token "{0}" of {1}? Scripts using it will get 401.', t.name, t.agent))) return;
    await api('DELETE', '/api/tokens/' + t.id);
    toast(tr('Revoked'));
    load();
  }

  async function load() {
    const r = await api('GET', '/api/tokens');
    main.replaceChildren(el('h1', {}, tr('API tokens')),
      el('p', {class: 'muted'}, tr('Personal Bearer tokens for scripts and helpdesks. A token acts as its owner, with '
        + 'the owner\'s role. ') + (supervisor ? tr('You see everyone\'s tokens.') : tr('You see your own tokens.'))),
      el('section', {class: 'card', id: 'token-form'}, el('h2', {}, tr('New token')),
        el('div', {class: 'row'}, nameInput, supervisor ? agentSelect : null,
          el('button', {id: 'token-create', onclick: create}, tr('Create')))),
      secretBox,
      r.items.length === 0 ? el('p', {class: 'empty'}, tr('No tokens yet.')) :
        el('table', {id: 'tokens'}, el('thead', {}, el('tr', {},
          ['Name', 'Agent', 'Starts with', 'Created', 'Last used', 'State', ''].map(h => el('th', {}, h ? tr(h) : '')))),
        el('tbody', {}, r.items.map(t => el('tr', {'data-id': t.id, class: t.revokedAt ? 'revoked muted' : ''},
          el('td', {}, t.name), el('td', {}, t.agent), el('td', {}, el('code', {}, t.prefix + '…')),
          el('td', {}, time(t.createdAt) + (t.createdBy && t.createdBy !== t.agent ? tr(' by {0}', t.createdBy) : '')),
          el('td', {}, t.lastUsedAt ? time(t.lastUsedAt) : tr('never')),
          el('td', {}, t.revokedAt ? tr('revoked {0}', time(t.revokedAt)) : tr('active')),
          el('td', {class: 'actions'}, t.revokedAt ? null :
            el('button', {class: 'secondary revoke', onclick: () => revoke(t)}, tr('Revoke'))))))));
  }
  live(() => {});
  nameInput.addEventListener('keydown', e => { if (e.key === 'Enter') create(); });
  load();
})();
