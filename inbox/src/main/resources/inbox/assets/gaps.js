'use strict';
/*
 * Knowledge gaps (supervisors): the questions the bot could not answer and the ones customers asked just before a
 * handoff, grouped by meaning and ranked by how many conversations asked them and how often they went to a person.
 * Each gap shows example questions and the human answers that settled them; "Create draft" writes a knowledge draft
 * (question + answer, both editable here) that is approved on the Drafts page like any other.
 */
Baton.addTexts({
  'Knowledge gaps': '知识缺口',
  'Questions the bot could not answer, and questions asked just before a handoff, grouped by meaning. Write the missing answers first where many customers ask and most go to a person.':
    '机器人答不上来的问题，以及转人工前客户正在问的问题，按语义归组。先补那些问的人多、又大多转了人工的问题。',
  'Last {0} days': '最近 {0} 天', 'Most asked first': '问得最多的在前', 'Highest handoff rate first': '转人工率最高的在前',
  'No gaps: the bot answered every question in this period.': '这段时间没有知识缺口：机器人答上了所有问题。',
  '{0} conversations': '{0} 个对话', '{0} questions': '{0} 个问题', '1 conversation': '1 个对话',
  '1 question': '1 个问题', 'handoff rate {0}': '转人工率 {0}',
  'last asked {0}': '最近一次 {0}', 'Examples': '客户问法', 'How people answered it': '人工是怎么回答的',
  'No human answer yet: write the answer below.': '还没有人工回答：请在下面写答案。',
  'went to a person': '转了人工', 'by {0}, {1}': '{0}，{1}', 'open': '打开',
  'Question': '问题', 'Answer': '回答', 'Create draft': '生成知识草稿',
  'Draft created: {0}. Approve it on the Drafts page.': '已生成草稿：{0}。请到“知识草稿”页审批。',
  'Draft created: {0}': '已生成草稿：{0}', '{0} questions read from {1} to {2}.': '读取了 {1} 至 {2} 的 {0} 个问题。'
});

(async () => {
  const {api, el, header, live, toast, t, time} = Baton;
  await header();
  const main = document.getElementById('main');
  let days = 30;
  let sort = 'volume';

  function percent(x) {
    return Math.round(x * 100) + '%';
  }

  function gapItem(g) {
    const q = el('input', {class: 'gap-question', value: g.question, 'aria-label': t('Question')});
    const a = el('textarea', {class: 'gap-answer', rows: 3, 'aria-label': t('Answer')});
    a.value = g.answers.length ? g.answers[0].text : '';
    return el('li', {class: 'card gap', 'data-gap': String(g.id)},
      el('h2', {}, g.question),
      el('div', {class: 'figures muted'},
        el('span', {class: 'volume'}, g.conversations === 1 ? t('1 conversation') : t('{0} conversations', g.conversations)),
        el('span', {}, g.questions === 1 ? t('1 question') : t('{0} questions', g.questions)),
        el('span', {class: 'rate'}, t('handoff rate {0}', percent(g.handoffRate))),
        el('span', {}, t('last asked {0}', time(g.lastAsked)))),
      el('details', {class: 'examples', open: true}, el('summary', {}, t('Examples')),
        el('ul', {}, g.examples.map(x => el('li', {},
          el('a', {href: '/inbox/conversations/' + x.conversationId}, x.text),
          x.handedOff ? el('span', {class: 'muted'}, ' · ' + t('went to a person')) : null)))),
      el('details', {class: 'answers', open: true}, el('summary', {}, t('How people answered it')),
        g.answers.length === 0 ? el('p', {class: 'muted'}, t('No human answer yet: write the answer below.')) :
          el('ul', {}, g.answers.map(h => el('li', {},
            el('div', {}, h.text),
            el('div', {class: 'muted'}, t('by {0}, {1}', h.agent || '–', time(h.at)) + ' · ',
              el('a', {href: '/inbox/conversations/' + h.conversationId}, t('open'))))))),
      g.draft ? el('p', {class: 'drafted'}, t('Draft created: {0}', g.draft)) : null,
      el('label', {}, t('Question'), q), el('label', {}, t('Answer'), a),
      el('div', {class: 'row'}, el('button', {class: 'create-draft', onclick: async () => {
        const r = await api('POST', '/api/knowledge-gaps/' + g.id + '/draft',
          {question: q.value, answer: a.value, days});
        toast(t('Draft created: {0}. Approve it on the Drafts page.', r.name));
        load();
      }}, t('Create draft'))));
  }

  async function load() {
    const r = await api('GET', '/api/knowledge-gaps?days=' + days + '&sort=' + sort);
    const daysSelect = el('select', {id: 'gap-days', onchange: e => { days = Number(e.target.value); load(); }},
      [7, 30, 90].map(d => el('option', {value: String(d), selected: d === days}, t('Last {0} days', d))));
    const sortSelect = el('select', {id: 'gap-sort', onchange: e => { sort = e.target.value; load(); }},
      el('option', {value: 'volume', selected: sort === 'volume'}, t('Most asked first')),
      el('option', {value: 'handoff-rate', selected: sort === 'handoff-rate'}, t('Highest handoff rate first')));
    main.replaceChildren(el('h1', {}, t('Knowledge gaps')),
      el('p', {class: 'muted'}, t('Questions the bot could not answer, and questions asked just before a handoff, grouped by meaning. Write the missing answers first where many customers ask and most go to a person.')),
      el('div', {class: 'row'}, daysSelect, sortSelect),
      el('p', {class: 'muted hint'}, t('{0} questions read from {1} to {2}.', r.questions, time(r.from), time(r.to))),
      r.gaps.length === 0 ? el('p', {class: 'empty'}, t('No gaps: the bot answered every question in this period.')) :
        el('ul', {class: 'gaps'}, r.gaps.map(gapItem)));
  }
  live(() => {});   // the header's live dot; the report is read again on demand, not on every change
  load();
})();
