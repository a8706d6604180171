'use strict';
(async () => {
  const {api, el, duration, time, live, debounce, header, reasonChips, toast} = Baton;
  const me = await header();
  const id = Number(location.pathname.split('/').pop());
  const main = document.getElementById('main');
  let view = null;
  let crmLoaded = false;

  const replyText = el('textarea', {id: 'reply-text', rows: 3, placeholder: 'Write to the customer…'});
  const note = el('input', {id: 'resolve-note', placeholder: 'Note for the record (optional)'});
  const crmBox = el('div', {id: 'crm', class: 'muted'}, 'Loading…');
  const tierInput = el('input', {id: 'profile-tier', list: 'tier-options', placeholder: 'no tier', maxlength: 64});
  const tagsInput = el('input', {id: 'profile-tags', placeholder: 'tags, comma separated'});
  const tierOptions = el('datalist', {id: 'tier-options'}, ['vip', 'gold', 'standard'].map(t => el('option', {value: t})));
  let profileDirty = false;
  tierInput.addEventListener('input', () => { profileDirty = true; });
  tagsInput.addEventListener('input', () => { profileDirty = true; });

  async function load() {
    view = await api('GET', '/api/conversations/' + id);
    render();
    if (!crmLoaded && view.customer.crm) {
      crmLoaded = true;
      api('GET', '/api/conversations/' + id + '/crm').then(r => {
        crmBox.replaceChildren(r.found ? el('pre', {}, JSON.stringify(r.data, null, 2)) : 'No CRM record.');
      }).catch(() => crmBox.replaceChildren('CRM lookup failed.'));
    }
  }

  function windowBanner(w) {
    if (!w || w.status === 'unlimited' || w.status === 'open') return null;
    return el('div', {id: 'window-warning', class: 'banner ' + w.status},
      w.status === 'closed'
        ? 'The channel\'s reply window is closed: a free-form reply may not be delivered (WhatsApp needs a template).'
        : 'The reply window closes in ' + duration(w.remainingSeconds) + '.');
  }

  function transcript(lines) {
    return el('ol', {id: 'transcript', class: 'transcript'}, lines.map(m =>
      el('li', {class: 'msg ' + m.author, 'data-id': m.id},
        el('div', {class: 'meta'}, (m.authorName ? m.authorName : m.author) + ' · ' + time(m.at)),
        el('div', {class: 'text'}, m.text),
        m.citation ? el('div', {class: 'citation'}, 'Source: ' + m.citation) : null)));
  }

  function trend(values) {
    if (!values || values.length === 0) return el('span', {class: 'muted'}, 'no sentiment data');
    return el('span', {class: 'trend'}, values.map(v =>
      el('span', {class: 'spark ' + (v < -0.3 ? 'neg' : v > 0.3 ? 'pos' : 'neu'), title: v.toFixed(2)},
        v < -0.3 ? '▼' : v > 0.3 ? '▲' : '■')));
  }

  function ticketPanel(t) {
    if (!t) return el('section', {class: 'card'}, el('h2', {}, 'Ticket'), el('p', {class: 'muted'},
      'No open ticket: the bot is handling this conversation.'));
    return el('section', {class: 'card', id: 'ticket'},
      el('h2', {}, 'Ticket #' + t.id + ' ', el('span', {class: 'muted'}, t.status + (t.assignee ? ' · ' + t.assignee : ''))),
      reasonChips(t.reasons),
      el('p', {class: 'explanation muted'}, t.explanation || ''),
      el('p', {id: 'summary', class: 'summary'}, t.summary || ''),
      el('dl', {},
        el('dt', {}, 'Intent'), el('dd', {}, t.intent || '–'),
        el('dt', {}, 'Sentiment'), el('dd', {}, trend(t.sentimentTrend)),
        el('dt', {}, 'Group'), el('dd', {}, t.group || 'default'),
        el('dt', {}, 'Waited'), el('dd', {}, duration(t.waitSeconds))),
      t.botAttempts && t.botAttempts.length ? el('details', {open: true}, el('summary', {}, 'What the bot tried'),
        el('ul', {class: 'attempts'}, t.botAttempts.map(a => el('li', {},
          el('div', {class: 'q'}, 'Q: ' + a.question), el('div', {}, 'A: ' + a.answer),
          a.citation ? el('div', {class: 'citation'}, 'Source: ' + a.citation) : null)))) : null);
  }

  function profilePanel(c) {
    return el('section', {class: 'card', id: 'profile'}, el('h2', {}, 'Customer'),
      el('dl', {},
        el('dt', {}, 'Name'), el('dd', {}, c.name || c.platformId),
        el('dt', {}, 'Channel'), el('dd', {}, c.channel),
        el('dt', {}, 'Tier'), el('dd', {id: 'profile-tier-value'}, c.tier || '–'),
        el('dt', {}, 'Tags'), el('dd', {id: 'profile-tags-value'}, (c.tags || []).join(', ') || '–'),
        el('dt', {}, 'Language'), el('dd', {}, c.language || '–')),
      c.editable ? profileEditor(c) : null,
      c.crm ? el('div', {}, el('h3', {}, 'CRM'), crmBox) : null);
  }

  /** Tier and tags: the VIP rule reads the tier on the customer's next message. Built once, kept across renders. */
  let editBox = null;
  function profileEditor(c) {
    if (!profileDirty) {
      tierInput.value = c.tier || '';
      tagsInput.value = (c.tags || []).join(', ');
    }
    if (editBox) return editBox;
    editBox = el('details', {id: 'profile-edit'}, el('summary', {}, 'Edit tier and tags'),
      el('p', {class: 'muted'}, 'A VIP tier (handoff.vip.tiers) puts the customer\'s next handoff at the head of the queue.'),
      el('label', {}, 'Tier', tierInput), tierOptions,
      el('label', {}, 'Tags', tagsInput),
      el('div', {class: 'row'}, el('button', {id: 'profile-save', class: 'secondary', onclick: async () => {
        const tags = tagsInput.value.split(',').map(t => t.trim()).filter(t => t.length > 0);
        const r = await api('POST', '/api/conversations/' + id + '/customer', {tier: tierInput.value.trim(), tags});
        profileDirty = false;
        toast(r.changed ? 'Customer updated' + (r.tier ? ': tier ' + r.tier : '') : 'No change');
        load();
      }}, 'Save')));
    return editBox;
  }

  /** What the business look-ups found in this conversation (order status, tracking…), newest last. */
  function lookups(list) {
    if (!list || list.length === 0) return null;
    return el('section', {class: 'card', id: 'lookups'}, el('h2', {}, 'Look-ups'),
      el('ul', {}, list.map(l => el('li', {class: 'lookup ' + l.outcome},
        el('div', {class: 'meta muted'}, l.lookup + ' · ' + l.outcome.replace('_', ' ') + ' · ' + time(l.at)),
        el('div', {}, l.text || '')))));
  }

  function suggestions(list, question) {
    return el('section', {class: 'card', id: 'suggestions'}, el('h2', {}, 'Knowledge suggestions'),
      question ? el('p', {class: 'muted'}, 'For: ' + question) : null,
      list.length === 0 ? el('p', {class: 'muted'}, 'Nothing relevant in the knowledge folder.') :
        el('ul', {}, list.map(s => el('li', {class: 'suggestion'},
          el('strong', {}, s.question), el('div', {}, s.answer), el('div', {class: 'citation'}, s.citation),
          el('button', {class: 'secondary use', onclick: () => { replyText.value = s.answer; replyText.focus(); }},
            'Use in reply')))));
  }

  function lastHumanReply() {
    const h = view.transcript.filter(m => m.author === 'human');
    return h.length ? h[h.length - 1].text : '';
  }

  function draftForm() {
    const q = el('input', {id: 'draft-question', value: view.lastQuestion || '', placeholder: 'Question'});
    const a = el('textarea', {id: 'draft-answer', rows: 3, placeholder: 'Answer'});
    a.value = lastHumanReply();
    return el('details', {class: 'card', id: 'save-knowledge-box'}, el('summary', {}, 'Save as knowledge'),
      el('p', {class: 'muted'}, 'Writes a Markdown Q&A draft to knowledge/_drafts/ for review.'), q, a,
      el('button', {id: 'save-knowledge', class: 'secondary', onclick: async () => {
        const r = await api('POST', '/api/conversations/' + id + '/knowledge-drafts',
          {question: q.value, answer: a.value});
        toast('Draft saved: ' + r.name);
      }}, 'Save draft'));
  }

  function replyBox(c) {
    const withHuman = c.state !== 'BOT';
    return el('section', {class: 'card reply'},
      windowBanner(view.replyWindow),
      c.windowNote ? el('div', {class: 'banner closing'}, c.windowNote) : null,
      replyText,
      el('div', {class: 'row'},
        el('button', {id: 'reply-send', onclick: send,
          title: c.state === 'BOT' ? 'Your reply takes the conversation from the bot; resolve it to hand it back' : null},
          c.state === 'QUEUED' ? 'Claim & send' : c.state === 'BOT' ? 'Take over & send' : 'Send'),
        note,
        el('button', {id: 'resolve', class: 'secondary', disabled: !withHuman,
          onclick: () => finish('resolved')}, 'Resolve'),
        el('button', {id: 'return-bot', class: 'secondary', disabled: !withHuman,
          onclick: () => finish('returned')}, 'Return to bot')));
  }

  async function send() {
    const text = replyText.value.trim();
    if (!text) return;
    await api('POST', '/api/conversations/' + id + '/reply', {text});
    replyText.value = '';
    load();
  }

  async function finish(resolution) {
    await api('POST', '/api/conversations/' + id + '/resolve', {resolution, note: note.value});
    toast(resolution === 'resolved' ? 'Resolved: the bot is back' : 'Returned to the bot');
    note.value = '';
    load();
  }

  function render() {
    const c = view.conversation;
    const scroll = document.getElementById('transcript');
    const atBottom = !scroll || scroll.scrollTop + scroll.clientHeight >= scroll.scrollHeight - 20;
    main.replaceChildren(
      el('h1', {}, (view.customer.name || view.customer.platformId) + ' ',
        el('span', {id: 'state', class: 'state ' + c.state}, c.state),
        c.assignee ? el('span', {class: 'muted'}, ' with ' + c.assignee) : null),
      el('div', {class: 'columns'},
        el('div', {class: 'left'}, transcript(view.transcript), replyBox(c), draftForm()),
        el('div', {class: 'right'}, ticketPanel(view.ticket), lookups(view.lookups), profilePanel(view.customer),
          suggestions(view.suggestions, view.lastQuestion))));
    const t = document.getElementById('transcript');
    if (atBottom) t.scrollTop = t.scrollHeight;
  }

  replyText.addEventListener('keydown', e => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) send(); });
  live(debounce(e => { if (e.conversationId === id) load(); }, 150));
  setInterval(load, 60000);
  load();
})();
