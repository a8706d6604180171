'use strict';
(async () => {
  const {api, el, duration, live, debounce, header, reasonChips, toast, t, label} = Baton;
  const me = await header();
  const main = document.getElementById('main');
  let team = {agents: [], groups: []};
  let items = [];
  let loadedAt = Date.now();

  async function load() {
    const [q, tm] = await Promise.all([api('GET', '/api/queue'), api('GET', '/api/team')]);
    items = q.items;
    team = tm;
    loadedAt = Date.now();
    render();
  }

  function waitCell(k) {
    return el('td', {class: 'wait', 'data-wait': k.waitSeconds, 'data-ticking': k.status === 'open' ? '1' : null},
      duration(k.waitSeconds));
  }

  function actions(k) {
    const out = [];
    out.push(el('a', {class: 'button secondary open', href: '/inbox/conversations/' + k.conversationId}, t('Open')));
    if (k.status === 'open' || (k.assignee !== me.name && me.role === 'supervisor')) {
      out.push(el('button', {class: 'claim', onclick: async () => {
        await api('POST', '/api/tickets/' + k.id + '/claim');
        location.href = '/inbox/conversations/' + k.conversationId;
      }}, t('Claim')));
    }
    const groupSel = el('select', {class: 'transfer-group', 'aria-label': t('transfer to group')},
      el('option', {value: ''}, t('Transfer to group…')),
      team.groups.filter(g => g.name !== k.group).map(g => el('option', {value: g.name}, g.name)));
    groupSel.addEventListener('change', async () => {
      if (!groupSel.value) return;
      await api('POST', '/api/tickets/' + k.id + '/transfer', {group: groupSel.value});
      toast(t('Transferred to {0}', groupSel.value));
      load();
    });
    if (team.groups.length > 1) out.push(groupSel);
    if (me.role === 'supervisor') {
      const agentSel = el('select', {class: 'assign-agent', 'aria-label': t('assign to agent')},
        el('option', {value: ''}, t('Assign to…')),
        team.agents.filter(a => a.name !== k.assignee).map(a =>
          el('option', {value: a.name}, a.name + ' (' + a.load + '/' + a.capacity + ')')));
      agentSel.addEventListener('change', async () => {
        if (!agentSel.value) return;
        await api('POST', '/api/tickets/' + k.id + '/assign', {agent: agentSel.value});
        toast(t('Assigned to {0}', agentSel.value));
        load();
      });
      out.push(agentSel);
    }
    return el('td', {class: 'actions'}, out);
  }

  function render() {
    const groups = el('div', {class: 'groups'}, team.groups.map(g =>
      el('span', {class: 'group ' + (g.open ? 'open' : 'closed')},
        t('{0}: {1} waiting', g.name, g.queued) + (g.open ? '' : t(' · closed now')))));
    const rows = items.map(k => row(k));
    main.replaceChildren(
      el('h1', {}, t('Queue') + ' ', el('span', {class: 'muted', id: 'queue-count'}, '(' + items.length + ')')),
      groups,
      items.length === 0 ? el('p', {class: 'empty'}, t('Nobody is waiting. New handoffs appear here by themselves.'))
        : el('table', {class: 'queue'},
          el('thead', {}, el('tr', {}, ['#', t('Priority'), t('Customer'), t('Why'), t('Group'), t('Waiting'),
            t('Status'), ''].map(h => el('th', {}, h)))),
          el('tbody', {}, rows)));
  }

  /** One ticket: the reasons as labels with the summary under them (what the customer wants now). */
  function row(k) {
    return el('tr', {class: 'ticket' + (k.vip ? ' vip' : '') + (k.sensitive ? ' sensitive' : ''),
        'data-ticket': k.id, 'data-conversation': k.conversationId},
      el('td', {}, k.position ? '#' + k.position : '–'),
      el('td', {}, el('span', {class: 'priority'}, String(k.priority)),
        k.vip ? el('span', {class: 'badge vip'}, 'VIP') : null,
        k.sensitive ? el('span', {class: 'badge sensitive'}, t('sensitive')) : null),
      el('td', {}, el('strong', {title: k.customer ? k.customer.name : null}, k.customer ? k.customer.name : '?'),
        el('div', {class: 'muted'}, k.customer ? label('channel', k.customer.channel) + (k.customer.tier ? ' · ' + k.customer.tier : '') : '')),
      el('td', {class: 'reason-cell'}, reasonChips(k.reasons, k.reasonLabels), el('div', {class: 'summary'}, k.summary || '')),
      el('td', {}, k.group || t('default')),
      waitCell(k),
      el('td', {}, k.status === 'open' ? (k.timedOut ? t('waiting (fallback sent)') : t('waiting'))
        : t('with {0}', k.assignee)),
      actions(k));
  }

  setInterval(() => {
    const extra = (Date.now() - loadedAt) / 1000;
    document.querySelectorAll('td.wait[data-ticking]').forEach(td => {
      td.textContent = duration(Number(td.dataset.wait) + extra);
    });
  }, 1000);
  setInterval(load, 30000);
  live(debounce(load, 200));
  load();
})();
