'use strict';
/*
 * The copilot card of the conversation page: reply drafts for the conversation's issue (the customer's latest real
 * question), each with what it rests on (knowledge entries, a colleague's earlier answer to a similar question, a
 * canned reply). "Use in reply" puts a draft into the reply box, where the agent edits it before sending; nothing is
 * sent from here. Loaded apart from the page (a model may take seconds) and again when the issue changes.
 */
Baton.addTexts({
  'Copilot': '回复助手', 'Reply drafts for: {0}': '回复草稿，针对：{0}', 'Writing drafts…': '正在生成草稿…',
  'No question from the customer yet.': '客户还没有提出问题。',
  'No draft: nothing in the knowledge, earlier answers or canned replies fits this question.':
    '没有草稿：知识库、以往回复和快捷回复里都没有合适的内容。',
  'Written by the model': '模型撰写', 'Knowledge answer': '知识库回答', 'Earlier human answer': '以往人工回复',
  'Canned reply': '快捷回复', 'Based on': '依据', 'Use in reply': '用作回复',
  'Draft in the reply box: edit it, then send.': '草稿已放入回复框：修改后再发送。',
  'similarity {0}': '相似度 {0}', 'Drafts are in {0}, the customer\'s language.': '草稿使用客户的语言：{0}。',
  'Copilot unavailable.': '回复助手暂时不可用。', 'Refresh': '刷新'
});

Baton.copilot = (conversationId, replyText) => {
  const {api, el, t, toast, label} = Baton;
  const card = el('section', {class: 'card copilot', id: 'copilot'});
  let shownFor;
  let loading = false;

  const KIND = {llm: 'Written by the model', knowledge: 'Knowledge answer', human: 'Earlier human answer',
    canned: 'Canned reply'};

  function draftItem(d, i) {
    return el('li', {class: 'copilot-draft ' + d.kind, 'data-kind': d.kind},
      el('div', {class: 'meta muted'}, t(KIND[d.kind] || d.kind)
        + (d.kind === 'human' && d.score ? ' · ' + t('similarity {0}', d.score.toFixed(2)) : '')),
      el('div', {class: 'text'}, d.text),
      el('div', {class: 'citations muted'}, t('Based on') + ': ',
        d.citations.map((c, j) => el('span', {class: 'citation-chip', title: c.ref || null}, c.label))),
      el('button', {class: 'secondary use-draft', 'data-draft': String(i), onclick: () => {
        replyText.value = d.text;
        replyText.focus();
        replyText.setSelectionRange(d.text.length, d.text.length);
        toast(t('Draft in the reply box: edit it, then send.'));
      }}, t('Use in reply')));
  }

  function show(r) {
    fill(el('h2', {}, t('Copilot'),
        el('button', {class: 'link refresh', onclick: () => load(true)}, t('Refresh'))),
      !r.question ? el('p', {class: 'muted'}, t('No question from the customer yet.')) :
        el('p', {class: 'muted', id: 'copilot-for'}, t('Reply drafts for: {0}', r.question)),
      r.question && r.drafts.length > 0 ? el('p', {class: 'muted hint'},
        t('Drafts are in {0}, the customer\'s language.', label('language', r.language))) : null,
      r.question && r.drafts.length === 0 ? el('p', {class: 'muted'},
        t('No draft: nothing in the knowledge, earlier answers or canned replies fits this question.')) : null,
      r.drafts.length > 0 ? el('ul', {class: 'copilot-drafts'}, r.drafts.map(draftItem)) : null);
  }

  /** The card's content; parts left out are null (the DOM's replaceChildren would write "null"). */
  function fill(...parts) {
    card.replaceChildren(...parts.filter(x => x !== null && x !== undefined));
  }

  async function load(force) {
    if (loading && !force) return;
    loading = true;
    card.replaceChildren(el('h2', {}, t('Copilot')), el('p', {class: 'muted'}, t('Writing drafts…')));
    try {
      show(await api('GET', '/api/conversations/' + conversationId + '/copilot'));
    } catch (e) {
      card.replaceChildren(el('h2', {}, t('Copilot')), el('p', {class: 'muted'}, t('Copilot unavailable.')));
    } finally {
      loading = false;
    }
  }

  /** Loads the drafts when the page first shows the conversation and whenever its issue changes. */
  function refresh(question) {
    const q = question || null;
    if (shownFor !== undefined && shownFor === q) return;
    shownFor = q;
    load(true);
  }

  return {card, refresh};
};
