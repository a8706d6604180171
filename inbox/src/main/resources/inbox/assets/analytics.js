'use strict';
(async () => {
  const {api, el, duration, live, header, t} = Baton;
  await header();
  const main = document.getElementById('main');
  const days = el('select', {id: 'days'}, [1, 7, 30, 90].map(d => el('option', {value: d, selected: d === 7}, t('{0} days', d))));
  let charts = [];

  function pct(x) { return (Math.round(x * 1000) / 10) + '%'; }

  /** Under a median: how long 9 in 10 took, and out of how many ("median · 90% within 2 min · 14 replies"). */
  function spread(p, one, many) {
    if (!p.samples) return t('no data yet');
    return t(p.samples === 1 ? 'median · 90% within {0} · 1 ' + one : 'median · 90% within {0} · {1} ' + many,
      duration(p.p90), p.samples);
  }

  function card(label, value, sub) {
    return el('div', {class: 'card metric'}, el('div', {class: 'muted'}, label), el('div', {class: 'value'}, value),
      sub ? el('div', {class: 'muted'}, sub) : null);
  }

  async function load() {
    const r = await api('GET', '/api/analytics?days=' + days.value);
    charts.forEach(c => c.destroy());
    charts = [];
    /** The reason as agents read it (the API's label, in the desk's language); the code is the cell's tooltip. */
    const label = code => (r.reasonLabels && r.reasonLabels[code]) || code;
    const reasons = el('canvas', {id: 'chart-reasons', 'aria-label': t('handoffs by reason')});
    const perDay = el('canvas', {id: 'chart-days', 'aria-label': t('handoffs per day')});
    main.replaceChildren(el('h1', {}, t('Analytics') + ' ', days),
      el('div', {class: 'metrics'},
        card(t('Handoff rate'), pct(r.handoffRate), r.handoffs === 1 && r.conversations === 1 ? t('1 handoff / 1 conversation')
            : t('{0} handoffs / {1} conversations', r.handoffs, r.conversations)),
        card(t('Bot-resolved rate'), pct(r.botResolvedRate)),
        card(t('Time to first human reply'), duration(r.firstHumanReply.p50),
          spread(r.firstHumanReply, 'reply', 'replies')),
        card(t('Queue wait'), duration(r.queueWait.p50),
          spread(r.queueWait, 'ticket', 'tickets')),
        card(t('Drafts approved'), String(r.draftsApproved)),
        card(t('Settled by look-ups'), String(r.lookupSettled || 0), t('conversations a look-up answered, no handoff'))),
      el('div', {class: 'columns charts'},
        el('section', {class: 'card'}, el('h2', {}, t('Handoffs by reason')), el('div', {class: 'chart'}, reasons)),
        el('section', {class: 'card'}, el('h2', {}, t('Handoffs per day')), el('div', {class: 'chart'}, perDay))),
      el('table', {class: 'reasons'}, el('thead', {}, el('tr', {}, el('th', {}, t('Reason')), el('th', {}, t('Handoffs')),
        el('th', {}, t('Rate')))), el('tbody', {}, Object.entries(r.byReason).map(([k, v]) =>
        el('tr', {'data-reason': k}, el('td', {title: k}, label(k)), el('td', {}, String(v.count)), el('td', {}, pct(v.rate)))))));
    if (window.Chart) {
      charts.push(new Chart(reasons, {type: 'bar', data: {labels: Object.keys(r.byReason).map(label),
        datasets: [{label: t('handoffs'), data: Object.values(r.byReason).map(v => v.count), backgroundColor: '#4c6ef5'}]},
        options: {animation: false, maintainAspectRatio: false, plugins: {legend: {display: false}},
          scales: {y: {beginAtZero: true, ticks: {precision: 0}}}}}));
      charts.push(new Chart(perDay, {type: 'line', data: {labels: Object.keys(r.handoffsPerDay),
        datasets: [{label: t('handoffs'), data: Object.values(r.handoffsPerDay), borderColor: '#e8590c'}]},
        options: {animation: false, maintainAspectRatio: false, plugins: {legend: {display: false}},
          scales: {y: {beginAtZero: true, ticks: {precision: 0}}}}}));
    }
  }
  days.addEventListener('change', load);
  live(() => {});
  load();
})();
