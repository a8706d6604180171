'use strict';
/*
 * The analytics page (supervisors): a date range and filters (channel, group, agent), the headline numbers, lines per
 * day or per week, handoffs by reason, CSAT, and the tables with a CSV link each. Everything comes from
 * GET /api/analytics/report (the same query string gives the CSV tables); charts are inline SVG (charts.js).
 */
(async () => {
  const {api, el, duration, live, header, t, label, lang} = Baton;
  await header();
  const main = document.getElementById('main');
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const iso = d => d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  const daysAgo = n => { const d = new Date(); d.setDate(d.getDate() - n); return iso(d); };
  const state = {from: daysAgo(6), to: daysAgo(0), channel: '', group: '', agent: '', per: 'day', csatBy: 'agent'};

  function pct(x) { return x === null || x === undefined ? '–' : (Math.round(x * 1000) / 10) + '%'; }
  function score(x) { return x === null || x === undefined ? '–' : x.toFixed(2); }

  function query() {
    const p = new URLSearchParams({from: state.from, to: state.to, tz: zone});
    for (const k of ['channel', 'group', 'agent']) if (state[k]) p.set(k, state[k]);
    return p.toString();
  }

  /** A date of the API ("2026-03-02") as agents read it: "3月2日" / "2 Mar". */
  function day(s) {
    const d = new Date(s + 'T00:00:00Z');
    return d.toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB', {month: 'short', day: 'numeric', timeZone: 'UTC'});
  }

  /** Under a median: how long 9 in 10 took, and out of how many ("median · 90% within 2 min · 14 replies"). */
  function spread(p, one, many) {
    if (!p.samples) return t('no data yet');
    return t(p.samples === 1 ? 'median · 90% within {0} · 1 ' + one : 'median · 90% within {0} · {1} ' + many,
      duration(p.p90), p.samples);
  }

  function card(id, title, value, sub, hint) {
    return el('div', {class: 'card metric', id, title: hint || null}, el('div', {class: 'muted'}, title),
      el('div', {class: 'value'}, value), sub ? el('div', {class: 'muted'}, sub) : null);
  }

  function csvLink(table) {
    return el('a', {class: 'csv', href: '/api/analytics/csv/' + table + '?' + query(), download: '',
      'data-table': table}, t('Download CSV'));
  }

  function section(title, table, ...content) {
    return el('section', {class: 'card'}, el('div', {class: 'table-head'}, el('h2', {}, title), table ? csvLink(table) : null),
      ...content);
  }

  function table(cls, heads, rows) {
    return el('table', {class: 'analytics ' + cls},
      el('thead', {}, el('tr', {}, heads.map(h => el('th', {class: h[1] ? 'num' : null}, h[0])))),
      el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', {colspan: heads.length, class: 'muted'}, t('no data yet')))));
  }

  const td = (v, num, title) => el('td', {class: num ? 'num' : null, title: title || null}, v);

  function filters(r) {
    const date = (id, key) => el('input', {type: 'date', id, value: state[key], max: daysAgo(0),
      onchange: e => { state[key] = e.target.value; load(); }});
    const select = (id, key, all, values, show) => el('select', {id, onchange: e => { state[key] = e.target.value; load(); }},
      el('option', {value: '', selected: !state[key]}, all),
      values.map(v => el('option', {value: v, selected: state[key] === v}, show(v))));
    const preset = n => el('button', {class: 'secondary', type: 'button', 'data-days': n,
      onclick: () => { state.from = daysAgo(n - 1); state.to = daysAgo(0); load(); }}, t('{0} days', n));
    return el('div', {class: 'filters'},
      el('span', {class: 'muted'}, t('From')), date('from', 'from'), el('span', {class: 'muted'}, t('to')), date('to', 'to'),
      el('span', {class: 'presets'}, [7, 30, 90].map(preset)),
      select('channel', 'channel', t('All channels'), r.options.channels, v => label('channel', v)),
      select('group', 'group', t('All groups'), r.options.groups, v => v),
      select('agent', 'agent', t('All agents'), r.options.agents, v => v),
      el('select', {id: 'per', onchange: e => { state.per = e.target.value; render(r); }},
        el('option', {value: 'day', selected: state.per === 'day'}, t('per day')),
        el('option', {value: 'week', selected: state.per === 'week'}, t('per week'))));
  }

  function metrics(o) {
    const c = o.containment;
    const containedSub = c.contacts ? t('{0} of {1} contacts without a person; {2} came back within 24 h',
      c.contained, c.contacts - c.pending, c.returned) + (c.pending ? ' · ' + t('{0} too recent to tell', c.pending) : '')
      : t('no data yet');
    const s = o.csat;
    return el('div', {class: 'metrics'},
      card('m-handoff', t('Handoff rate'), pct(o.handoffRate), o.handoffs === 1 && o.conversations === 1
        ? t('1 handoff / 1 conversation') : t('{0} handoffs / {1} conversations', o.handoffs, o.conversations)),
      card('m-containment', t('Bot containment'), pct(c.rate), containedSub,
        t('Contacts the bot settled alone: no person, and the customer did not come back within 24 h.')),
      card('m-first-response', t('First response'), duration(o.firstResponse.p50),
        spread(o.firstResponse, 'reply', 'replies')),
      card('m-resolution', t('Resolution time'), duration(o.resolution.p50), spread(o.resolution, 'ticket', 'tickets')),
      card('m-csat', t('CSAT'), s.average === null ? '–' : score(s.average) + ' / 5', s.ratings
        ? t('{0} ratings · {1} of resolved tickets rated', s.ratings, pct(s.responseRate)) : t('no ratings yet')),
      card('m-drafts', t('Drafts approved'), String(o.draftsApproved)));
  }

  function charts(r) {
    const rows = state.per === 'week' ? r.weekly : r.daily;
    const labels = rows.map(p => day(p.start));
    const per = state.per === 'week' ? t('per week') : t('per day');
    const volume = Charts.line(labels, [
      {name: t('conversations'), values: rows.map(p => p.conversations)},
      {name: t('handoffs'), values: rows.map(p => p.handoffs)}], {ariaLabel: t('Conversations and handoffs') + ' ' + per});
    const containment = Charts.line(labels, [{name: t('Bot containment'),
      values: rows.map(p => (p.decided ? Math.round(100 * p.contained / p.decided) : null)), color: '#2f9e44'}],
      {ariaLabel: t('Bot containment') + ' ' + per, ticks: [0, 25, 50, 75, 100], format: v => v + '%'});
    const reasons = Charts.bars(r.reasons.map(x => ({label: x.label, value: x.handoffs, title: x.code})),
      {ariaLabel: t('Handoffs by reason')});
    const stars = Charts.bars([5, 4, 3, 2, 1].map(n => ({label: n + ' ★', value: r.overview.csat.distribution[n - 1],
      color: n >= 4 ? '#2f9e44' : n === 3 ? '#f08c00' : '#e03131'})), {ariaLabel: t('Ratings')});
    return el('div', {class: 'charts-2'},
      section(t('Conversations and handoffs') + ' · ' + per, state.per === 'week' ? 'weekly' : 'daily',
        el('div', {id: 'chart-volume'}, volume)),
      section(t('Bot containment') + ' · ' + per, null, el('div', {id: 'chart-containment'}, containment)),
      section(t('Handoffs by reason'), null, el('div', {id: 'chart-reasons'}, r.reasons.length ? reasons
        : el('p', {class: 'muted'}, t('no data yet')))),
      section(t('Ratings'), null, el('div', {id: 'chart-csat'}, r.overview.csat.ratings ? stars
        : el('p', {class: 'muted'}, t('no ratings yet')))));
  }

  function breakdown(rows, first, show, withChannel) {
    const heads = [[first]].concat(withChannel ? [[t('Conversations'), 1]] : [], [[t('Handoffs'), 1]],
      withChannel ? [[t('Handoff rate'), 1], [t('Bot containment'), 1]] : [],
      [[t('First response'), 1], [t('Resolution time'), 1], [t('CSAT'), 1], [t('Ratings'), 1]]);
    const med = p => (p.samples ? duration(p.p50) + ' / ' + duration(p.p90) : '–');
    return table('breakdown', heads, rows.map(b => el('tr', {'data-key': b.key}, td(show(b.key), false, b.key),
      withChannel ? td(String(b.conversations), true) : null, td(String(b.handoffs), true),
      withChannel ? [td(pct(b.handoffRate), true), td(pct(b.containmentRate), true)] : null,
      td(med(b.firstResponse), true), td(med(b.resolution), true), td(score(b.csatAverage), true),
      td(String(b.ratings), true))));
  }

  function csatTable(r) {
    const by = {agent: [r.csat.byAgent, t('Agent'), v => v], group: [r.csat.byGroup, t('Group'), v => v],
      reason: [r.csat.byReason, t('Reason'), null], channel: [r.csat.byChannel, t('Channel'), v => label('channel', v)]};
    const [rows, head, show] = by[state.csatBy];
    const choose = el('select', {id: 'csat-by', onchange: e => { state.csatBy = e.target.value; render(r); }},
      Object.keys(by).map(k => el('option', {value: k, selected: k === state.csatBy}, t('by ' + k))));
    return section(t('CSAT'), 'csat-' + state.csatBy + 's', choose,
      table('csat', [[head], [t('Ratings'), 1], [t('Average'), 1]].concat([5, 4, 3, 2, 1].map(n => [n + ' ★', 1])),
        rows.map(c => el('tr', {'data-key': c.key}, td(show ? show(c.key) : c.label, false, c.key), td(String(c.ratings), true),
          td(score(c.average), true), [4, 3, 2, 1, 0].map(i => td(String(c.distribution[i]), true))))));
  }

  function render(r) {
    main.replaceChildren(el('h1', {}, t('Analytics')), filters(r), metrics(r.overview), charts(r),
      section(t('Handoffs by reason'), 'reasons', table('reasons', [[t('Reason')], [t('Handoffs'), 1],
        [t('Share of handoffs'), 1], [t('Rate'), 1]], r.reasons.map(x => el('tr', {'data-reason': x.code},
        td(x.label, false, x.code), td(String(x.handoffs), true), td(pct(x.share), true), td(pct(x.rate), true))))),
      section(t('By channel'), 'channels', breakdown(r.byChannel, t('Channel'), v => label('channel', v), true)),
      section(t('By group'), 'groups', breakdown(r.byGroup, t('Group'), v => v, false)),
      section(t('By agent'), 'agents', breakdown(r.byAgent, t('Agent'), v => v, false)),
      csatTable(r),
      el('p', {class: 'muted definition'}, t('Times: median / 90% within. A contact is a customer\'s messages with no silence over 30 minutes; ratings are not contacts. Group and agent filters narrow what belongs to a ticket; conversations and containment follow the channel only.')));
  }

  async function load() {
    if (state.from > state.to) [state.from, state.to] = [state.to, state.from];
    render(await api('GET', '/api/analytics/report?' + query()));
  }

  live(() => {});
  load();
})();
