'use strict';
(async () => {
  const {api, el, duration, live, debounce, header, reasonChips, toast} = Baton;
  const me = await header();
  const main = document.getElementById('main');
  let team = {agents: [], groups: []};
  let items = [];
  let loadedAt = Date.now();

  async function load() {
    const [q, t] = await Promise.all([api('GET', '/api/queue'), api('GET', '/api/team')]);
    items = q.items;
    team = t;
    loadedAt = Date.now();
    render();
  }

  function waitCell(t) {
    return el('td', {class: 'wait', 'data-wait': t.waitSeconds, 'data-ticking': t.status === 'open' ? '1' : null},
      duration(t.waitSeconds));
  }

  function actions(t) {
    const out = [];
    out.push(el('a', {class: 'button secondary open', href: '/inbox/conversations/' + t.conversationId}, 'Open'));
    if (t.status === 'open' || (t.assignee !== me.name && me.role === 'supervisor')) {
      out.push(el('button', {class: 'claim', onclick: async () => {
        await api('POST', '/api/tickets/' + t.id + '/claim');
        location.href = '/inbox/conversations/' + t.conversationId;
      }}, 'Claim'));
    }
    const groupSel = el('select', {class: 'transfer-group', 'aria-label': 'transfer to group'},
      el('option', {value: ''}, 'Transfer to group…'),
      team.groups.filter(g => g.name !== t.group).map(g => el('option', {value: g.name}, g.name)));
    groupSel.addEventListener('change', async () => {
      if (!groupSel.value) return;
      await api('POST', '/api/tickets/' + t.id + '/transfer', {group: groupSel.value});
      toast('Transferred to ' + groupSel.value);
      load();
    });
    if (team.groups.length > 1) out.push(groupSel);
    if (me.role === 'supervisor') {
      const agentSel = el('select', {class: 'assign-agent', 'aria-label': 'assign to agent'},
        el('option', {value: ''}, 'Assign to…'),
        team.agents.filter(a => a.name !== t.assignee).map(a =>
          el('option', {value: a.name}, a.name + ' (' + a.load + '/' + a.capacity + ')')));
      agentSel.addEventListener('change', async () => {
        if (!agentSel.value) return;
        await api('POST', '/api/tickets/' + t.id + '/assign', {agent: agentSel.value});
        toast('Assigned to ' + agentSel.value);
        load();
      });
      out.push(agentSel);
    }
    return el('td', {class: 'actions'}, out);
  }

  function render() {
    const groups = el('div', {class: 'groups'}, team.groups.map(g =>
      el('span', {class: 'group ' + (g.open ? 'open' : 'closed')},
        g.name + ': ' + g.queued + ' waiting' + (g.open ? '' : ' · closed now'))));
    const rows = items.map(t => el('tr', {class: 'ticket' + (t.vip ? ' vip' : '') + (t.sensitive ? ' sensitive' : ''),
        'data-ticket': t.id, 'data-conversation': t.conversationId},
      el('td', {}, t.position ? '#' + t.position : '–'),
      el('td', {}, el('span', {class: 'priority'}, String(t.priority)),
        t.vip ? el('span', {class: 'badge vip'}, 'VIP') : null,
        t.sensitive ? el('span', {class: 'badge sensitive'}, 'sensitive') : null),
      el('td', {}, el('strong', {}, t.customer ? t.customer.name : '?'),
        el('div', {class: 'muted'}, t.customer ? t.customer.channel + (t.customer.tier ? ' · ' + t.customer.tier : '') : '')),
      el('td', {}, reasonChips(t.reasons), el('div', {class: 'summary'}, t.summary || '')),
      el('td', {}, t.group || 'default'),
      waitCell(t),
      el('td', {}, t.status === 'open' ? (t.timedOut ? 'waiting (fallback sent)' : 'waiting') : 'with ' + t.assignee),
      actions(t)));
    main.replaceChildren(
      el('h1', {}, 'Queue ', el('span', {class: 'muted', id: 'queue-count'}, '(' + items.length + ')')),
      groups,
      items.length === 0 ? el('p', {class: 'empty'}, 'Nobody is waiting. New handoffs appear here by themselves.')
        : el('table', {class: 'queue'},
          el('thead', {}, el('tr', {}, ['#', 'Priority', 'Customer', 'Why', 'Group', 'Waiting', 'Status', '']
            .map(h => el('th', {}, h)))),
          el('tbody', {}, rows)));
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
