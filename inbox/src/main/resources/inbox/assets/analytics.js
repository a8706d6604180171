'use strict';
(async () => {
  const {api, el, duration, live, header} = Baton;
  await header();
  const main = document.getElementById('main');
  const days = el('select', {id: 'days'}, [1, 7, 30, 90].map(d => el('option', {value: d, selected: d === 7}, d + ' days')));
  let charts = [];

  function pct(x) { return (Math.round(x * 1000) / 10) + '%'; }

  function card(label, value, sub) {
    return el('div', {class: 'card metric'}, el('div', {class: 'muted'}, label), el('div', {class: 'value'}, value),
      sub ? el('div', {class: 'muted'}, sub) : null);
  }

  async function load() {
    const r = await api('GET', '/api/analytics?days=' + days.value);
    charts.forEach(c => c.destroy());
    charts = [];
    const reasons = el('canvas', {id: 'chart-reasons', 'aria-label': 'handoffs by reason'});
    const perDay = el('canvas', {id: 'chart-days', 'aria-label': 'handoffs per day'});
    main.replaceChildren(el('h1', {}, 'Analytics ', days),
      el('div', {class: 'metrics'},
        card('Handoff rate', pct(r.handoffRate), r.handoffs + ' handoffs / ' + r.conversations + ' conversations'),
        card('Bot-resolved rate', pct(r.botResolvedRate)),
        card('Time to first human reply', duration(r.firstHumanReply.p50),
          'p50 · p90 ' + duration(r.firstHumanReply.p90) + ' · n=' + r.firstHumanReply.samples),
        card('Queue wait', duration(r.queueWait.p50), 'p50 · p90 ' + duration(r.queueWait.p90) + ' · n=' + r.queueWait.samples),
        card('Drafts approved', String(r.draftsApproved)),
        card('Settled by look-ups', String(r.lookupSettled || 0), 'conversations a look-up answered, no handoff')),
      el('div', {class: 'columns charts'},
        el('section', {class: 'card'}, el('h2', {}, 'Handoffs by reason'), el('div', {class: 'chart'}, reasons)),
        el('section', {class: 'card'}, el('h2', {}, 'Handoffs per day'), el('div', {class: 'chart'}, perDay))),
      el('table', {class: 'reasons'}, el('thead', {}, el('tr', {}, el('th', {}, 'Reason'), el('th', {}, 'Handoffs'),
        el('th', {}, 'Rate'))), el('tbody', {}, Object.entries(r.byReason).map(([k, v]) =>
        el('tr', {}, el('td', {}, k), el('td', {}, String(v.count)), el('td', {}, pct(v.rate)))))));
    if (window.Chart) {
      charts.push(new Chart(reasons, {type: 'bar', data: {labels: Object.keys(r.byReason),
        datasets: [{label: 'handoffs', data: Object.values(r.byReason).map(v => v.count), backgroundColor: '#4c6ef5'}]},
        options: {animation: false, maintainAspectRatio: false, plugins: {legend: {display: false}}}}));
      charts.push(new Chart(perDay, {type: 'line', data: {labels: Object.keys(r.handoffsPerDay),
        datasets: [{label: 'handoffs', data: Object.values(r.handoffsPerDay), borderColor: '#e8590c'}]},
        options: {animation: false, maintainAspectRatio: false, plugins: {legend: {display: false}}}}));
    }
  }
  days.addEventListener('change', load);
  live(() => {});
  load();
})();
