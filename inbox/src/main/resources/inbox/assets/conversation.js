'use strict';
(async () => {
  const {api, el, duration, time, live, debounce, header, reasonChips, stateChip, toast, t, label, message} = Baton;
  const me = await header();
  const id = Number(location.pathname.split('/').pop());
  const main = document.getElementById('main');
  let view = null;
  let crmLoaded = false;

  const replyText = el('textarea', {id: 'reply-text', rows: 3, placeholder: t('Write to the customer…')});
  const note = el('input', {id: 'resolve-note', placeholder: t('Resolution note (optional)')});
  const noteText = el('textarea', {id: 'note-text', rows: 2, placeholder: t('Internal note for colleagues…')});
  const picker = Baton.cannedPicker(replyText, id);
  const crmBox = el('div', {id: 'crm', class: 'muted'}, t('Loading…'));
  const tierInput = el('input', {id: 'profile-tier', list: 'tier-options', placeholder: t('no tier'), maxlength: 64});
  const tagsInput = el('input', {id: 'profile-tags', placeholder: t('tags, comma separated')});
  const tierOptions = el('datalist', {id: 'tier-options'}, ['vip', 'gold', 'standard'].map(x => el('option', {value: x})));
  let profileDirty = false;
  tierInput.addEventListener('input', () => { profileDirty = true; });
  tagsInput.addEventListener('input', () => { profileDirty = true; });

  async function load() {
    view = await api('GET', '/api/conversations/' + id);
    render();
    if (!crmLoaded && view.customer.crm) {
      crmLoaded = true;
      api('GET', '/api/conversations/' + id + '/crm').then(r => {
        crmBox.replaceChildren(r.found ? el('pre', {}, JSON.stringify(r.data, null, 2)) : t('No CRM record.'));
      }).catch(() => crmBox.replaceChildren(t('CRM lookup failed.')));
    }
  }

  function windowBanner(w) {
    if (!w || w.status === 'unlimited' || w.status === 'open') return null;
    return el('div', {id: 'window-warning', class: 'banner ' + w.status},
      w.status === 'closed'
        ? t('The channel\'s reply window is closed: a free-form reply may not be delivered (WhatsApp needs a template).')
        : t('The reply window closes in {0}.', duration(w.remainingSeconds)));
  }

  /**
   * The transcript. A bot answer names its knowledge entry once: in its own text (as the customer saw it), or, when
   * the text does not, in a line under it (source). The file behind it is the tooltip, for whoever edits the knowledge.
   */
  function transcript(lines) {
    return el('ol', {id: 'transcript', class: 'transcript'}, lines.map(m => {
      if (m.author === 'note') {
        return el('li', {class: 'msg note', 'data-note': m.id},
          el('div', {class: 'meta', title: m.at}, el('span', {class: 'note-label'}, t('Internal note')), ' '
            + m.authorName + ' · ' + time(m.at) + ' · ' + t('not sent to the customer')),
          el('div', {class: 'text'}, m.text));
      }
      const shown = message(m.text);
      return el('li', {class: 'msg ' + m.author, 'data-id': m.id, title: m.citation || null},
        el('div', {class: 'meta', title: m.at}, (m.authorName ? m.authorName : label('author', m.author)) + ' · '
          + time(m.at)),
        el('div', {class: 'text' + (shown.placeholder ? ' placeholder' : ''), title: shown.placeholder ? m.text : null},
          shown.text),
        m.source ? el('div', {class: 'citation'}, t('Source: {0}', m.source)) : null);
    }));
  }

  /** The customer's mood over their messages (one mark each, oldest first), and in words how they are now. */
  function trend(values) {
    if (!values || values.length === 0) return el('span', {class: 'muted'}, t('no sentiment data'));
    const word = v => (v < -0.3 ? 'upset' : v > 0.3 ? 'positive' : 'calm');
    return el('span', {class: 'trend'}, values.map(v =>
      el('span', {class: 'spark ' + (v < -0.3 ? 'neg' : v > 0.3 ? 'pos' : 'neu'), title: t(word(v))},
        v < -0.3 ? '▼' : v > 0.3 ? '▲' : '■')),
      el('span', {class: 'trend-word'}, t('now {0}', t(word(values[values.length - 1])))));
  }

  /** What the bot tried: each question with how it went; the answer itself one click away. Small talk left out. */
  function attempts(list) {
    const tried = (list || []).filter(a => a.outcome !== 'small_talk');
    const smallTalk = (list || []).length - tried.length;
    return el('details', {id: 'attempts', open: true}, el('summary', {}, t('What the bot tried')),
      tried.length === 0 ? el('p', {class: 'muted'}, t('No answers from the bot before the handoff.')) :
        el('ul', {class: 'attempts'}, tried.map(a => el('li', {class: 'attempt ' + a.outcome},
          el('div', {class: 'q'}, message(a.question).placeholder ? message(a.question).text : '“' + a.question + '”'),
          el('div', {class: 'outcome'}, a.outcome === 'no_answer' ? t('no answer found')
            : a.source ? t('answered from “{0}”', a.source) : t('answered')),
          a.outcome === 'no_answer' ? null : el('details', {class: 'answer'},
            el('summary', {}, t('Show the answer')), el('div', {class: 'text'}, a.answer))))),
      smallTalk > 0 ? el('p', {class: 'muted'}, t('{0} small-talk replies not listed', smallTalk)) : null);
  }

  function ticketPanel(k) {
    if (!k) return el('section', {class: 'card'}, el('h2', {}, t('Ticket')), el('p', {class: 'muted'},
      t('No open ticket: the bot is handling this conversation.')));
    return el('section', {class: 'card', id: 'ticket'},
      el('h2', {}, t('Ticket #{0}', k.id) + ' ',
        el('span', {class: 'muted'}, k.status === 'open' ? t('waiting') : k.assignee ? t('with {0}', k.assignee)
          : t(k.status))),
      reasonChips(k.reasons, k.reasonLabels),
      el('p', {id: 'summary', class: 'summary'}, k.summary || ''),
      el('dl', {},
        el('dt', {}, t('Intent')), el('dd', {id: 'intent', title: k.intent || null}, k.intentLabel || '–'),
        el('dt', {}, t('Sentiment')), el('dd', {}, trend(k.sentimentTrend)),
        el('dt', {}, t('Group')), el('dd', {}, k.group || t('default')),
        el('dt', {}, t('Waited')), el('dd', {}, duration(k.waitSeconds))),
      attempts(k.botAttempts),
      el('details', {id: 'technical', class: 'technical'}, el('summary', {}, t('Technical detail')),
        el('p', {class: 'explanation'}, k.explanation || ''),
        el('p', {class: 'muted'}, t('Reason codes') + ': ' + (k.reasons || []).join(', ')
          + (k.intent ? ' · ' + t('Intent code') + ': ' + k.intent : ''))));
  }

  function profilePanel(c) {
    return el('section', {class: 'card', id: 'profile'}, el('h2', {}, t('Customer')),
      el('dl', {},
        el('dt', {}, t('Name')), el('dd', {}, c.name || c.platformId),
        el('dt', {}, t('Channel')), el('dd', {title: c.channel}, label('channel', c.channel)),
        el('dt', {}, t('Tier')), el('dd', {id: 'profile-tier-value'}, c.tier || '–'),
        el('dt', {}, t('Tags')), el('dd', {id: 'profile-tags-value'}, (c.tags || []).join(', ') || '–'),
        el('dt', {}, t('Customer language')), el('dd', {title: c.language || null}, label('language', c.language))),
      c.editable ? profileEditor(c) : null,
      c.crm ? el('div', {}, el('h3', {}, t('CRM')), crmBox) : null);
  }

  /** Tier and tags: the VIP rule reads the tier on the customer's next message. Built once, kept across renders. */
  let editBox = null;
  function profileEditor(c) {
    if (!profileDirty) {
      tierInput.value = c.tier || '';
      tagsInput.value = (c.tags || []).join(', ');
    }
    if (editBox) return editBox;
    editBox = el('details', {id: 'profile-edit'}, el('summary', {}, t('Edit tier and tags')),
      el('p', {class: 'muted'}, t('A VIP tier (handoff.vip.tiers) puts the customer\'s next handoff at the head of the queue.')),
      el('label', {}, t('Tier'), tierInput), tierOptions,
      el('label', {}, t('Tags'), tagsInput),
      el('div', {class: 'row'}, el('button', {id: 'profile-save', class: 'secondary', onclick: async () => {
        const tags = tagsInput.value.split(',').map(x => x.trim()).filter(x => x.length > 0);
        const r = await api('POST', '/api/conversations/' + id + '/customer', {tier: tierInput.value.trim(), tags});
        profileDirty = false;
        toast(r.changed ? (r.tier ? t('Customer updated: tier {0}', r.tier) : t('Customer updated')) : t('No change'));
        load();
      }}, t('Save'))));
    return editBox;
  }

  /**
   * What the business look-ups found in this conversation (order status, tracking…), newest last: each look-up by its
   * label and its outcome in the desk's language; the codes stay in data- attributes and the tooltip.
   */
  function lookups(list) {
    if (!list || list.length === 0) return null;
    return el('section', {class: 'card', id: 'lookups'}, el('h2', {}, t('Look-ups')),
      el('ul', {}, list.map(l => el('li', {class: 'lookup ' + l.outcome, 'data-lookup': l.lookup,
          'data-outcome': l.outcome},
        el('div', {class: 'meta muted', title: l.lookup}, (l.label || l.lookup) + ' · ' + label('lookup', l.outcome)
          + ' · ' + time(l.at)),
        el('div', {}, l.text || '')))));
  }

  /** Knowledge for the conversation's issue: the customer's latest real question (not an order number or a "thanks"). */
  function suggestions(list, question) {
    return el('section', {class: 'card', id: 'suggestions'}, el('h2', {}, t('Knowledge suggestions')),
      question ? el('p', {class: 'muted', id: 'suggestions-for'}, t('For: {0}', question)) : null,
      !question ? el('p', {class: 'muted'}, t('No question from the customer yet: nothing to look up.')) :
      list.length === 0 ? el('p', {class: 'muted'}, t('Nothing relevant in the knowledge folder.')) :
        el('ul', {}, list.map(s => el('li', {class: 'suggestion', title: s.citation || null},
          el('strong', {}, s.question), el('div', {}, s.answer),
          el('button', {class: 'secondary use', onclick: () => { replyText.value = s.answer; replyText.focus(); }},
            t('Use in reply'))))));
  }

  function lastHumanReply() {
    const h = view.transcript.filter(m => m.author === 'human');
    return h.length ? h[h.length - 1].text : '';
  }

  function draftForm() {
    const q = el('input', {id: 'draft-question', value: view.lastQuestion || '', placeholder: t('Question')});
    const a = el('textarea', {id: 'draft-answer', rows: 3, placeholder: t('Answer')});
    a.value = lastHumanReply();
    return el('details', {class: 'card', id: 'save-knowledge-box'}, el('summary', {}, t('Save as knowledge')),
      el('p', {class: 'muted'}, t('Writes a Markdown Q&A draft to knowledge/_drafts/ for review.')), q, a,
      el('button', {id: 'save-knowledge', class: 'secondary', onclick: async () => {
        const r = await api('POST', '/api/conversations/' + id + '/knowledge-drafts',
          {question: q.value, answer: a.value});
        toast(t('Draft saved: {0}', r.name));
      }}, t('Save draft')));
  }

  /**
   * The channel's last delivery problem (stored as the engine wrote it, with the platform's code) as agents read it;
   * the stored note stays the banner's tooltip.
   */
  function windowNote(note) {
    if (/^reply window closed or quota reached \([^)]*\): the agent's reply is sent when the customer writes again$/.test(note)) {
      return t('The channel did not deliver your reply (reply window closed or quota used up). It goes out by itself when the customer writes again.');
    }
    if (/^reply window closed or quota reached \([^)]*\)$/.test(note)) {
      return t('The channel refused the last message (reply window closed or quota used up).');
    }
    return note;
  }

  function replyBox(c) {
    const withHuman = c.state !== 'BOT';
    return el('section', {class: 'card reply'},
      windowBanner(view.replyWindow),
      c.windowNote ? el('div', {class: 'banner closing', id: 'window-note', title: c.windowNote}, windowNote(c.windowNote))
        : null,
      el('div', {class: 'reply-input'}, replyText, picker.box),
      picker.warning,
      el('p', {class: 'muted hint'}, t('Type / for canned replies.')),
      el('div', {class: 'row'},
        el('button', {id: 'reply-send', onclick: send,
          title: c.state === 'BOT' ? t('Your reply takes the conversation from the bot; resolve it to hand it back') : null},
          c.state === 'QUEUED' ? t('Claim & send') : c.state === 'BOT' ? t('Take over & send') : t('Send')),
        note,
        el('button', {id: 'resolve', class: 'secondary', disabled: !withHuman,
          onclick: () => finish('resolved')}, t('Resolve')),
        el('button', {id: 'return-bot', class: 'secondary', disabled: !withHuman,
          onclick: () => finish('returned')}, t('Return to bot'))));
  }

  async function send() {
    const text = replyText.value.trim();
    if (!text) return;
    const left = picker.unresolvedIn(text);
    if (left.length > 0 && !confirm(t('The reply still contains {0}, which was not filled in. Send it anyway?',
      left.join(' ')))) return;
    await api('POST', '/api/conversations/' + id + '/reply', {text});
    replyText.value = '';
    picker.reset();
    load();
  }

  /** An internal note: agents see it in the transcript; it is never sent to the customer or the bot. */
  function noteBox() {
    return el('section', {class: 'card note-box', id: 'note-box'},
      el('h2', {}, t('Internal note')),
      el('p', {class: 'muted'}, t('Only agents see it, in the transcript. It is never sent to the customer or shown to the bot.')),
      noteText,
      el('div', {class: 'row'}, el('button', {id: 'note-add', class: 'secondary', onclick: addNote}, t('Add note'))));
  }

  async function addNote() {
    const text = noteText.value.trim();
    if (!text) return;
    await api('POST', '/api/conversations/' + id + '/notes', {text});
    noteText.value = '';
    toast(t('Note added'));
    load();
  }

  async function finish(resolution) {
    await api('POST', '/api/conversations/' + id + '/resolve', {resolution, note: note.value});
    toast(resolution === 'resolved' ? t('Resolved: the bot is back') : t('Returned to the bot'));
    note.value = '';
    load();
  }

  /** Details the agent opened stay open when the page refreshes (live updates re-render it). */
  function openDetails() {
    return new Set([...main.querySelectorAll('details[id][open]')].map(d => d.id));
  }

  /**
   * The field the agent is typing in, with its caret: a live update moves the page's fields into a new layout, which
   * would take the focus away mid-word (and close the canned-reply picker); render() puts both back.
   */
  function typing() {
    const a = document.activeElement;
    if (![replyText, noteText, note, tierInput, tagsInput].includes(a)) return null;
    return {field: a, start: a.selectionStart, end: a.selectionEnd};
  }

  function render() {
    const c = view.conversation;
    const scroll = document.getElementById('transcript');
    const atBottom = !scroll || scroll.scrollTop + scroll.clientHeight >= scroll.scrollHeight - 20;
    const opened = openDetails();
    const typed = typing();
    main.replaceChildren(
      el('h1', {}, (view.customer.name || view.customer.platformId) + ' ',
        stateChip(c.state, {id: 'state'}, c.state === 'HUMAN' && c.assignee ? t('with {0}', c.assignee) : null)),
      el('div', {class: 'columns'},
        el('div', {class: 'left'}, transcript(view.transcript), replyBox(c), noteBox(), draftForm()),
        el('div', {class: 'right'}, ticketPanel(view.ticket), lookups(view.lookups), profilePanel(view.customer),
          suggestions(view.suggestions, view.lastQuestion))));
    opened.forEach(x => { const d = document.getElementById(x); if (d) d.open = true; });
    const tr = document.getElementById('transcript');
    if (atBottom) tr.scrollTop = tr.scrollHeight;
    if (typed) {
      typed.field.focus();
      if (typed.start != null) typed.field.setSelectionRange(typed.start, typed.end);
    }
  }

  replyText.addEventListener('keydown', e => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !picker.open()) send();
  });
  live(debounce(e => { if (e.conversationId === id) load(); }, 150));
  setInterval(load, 60000);
  load();
})();
