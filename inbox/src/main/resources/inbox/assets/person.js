'use strict';
/*
 * The person behind a conversation (customers recognised across channels): the identities linked to the customer,
 * each with its channel, linking another one found by name / phone / id, unlinking, and the history of all their
 * conversations in one time line, each line marked by its channel. Used by the conversation page.
 */
(() => {
  const {api, el, toast, t, label, time, message} = Baton;

  const ZH = {
    'Same person': '同一位客户', 'Also known as': '其他渠道的身份', 'this conversation': '当前对话',
    'Open': '打开', 'Unlink': '取消关联', 'Link another identity': '关联其他身份',
    'Name, phone number or id': '名字、手机号或 ID', 'Find': '查找', 'Link': '关联', 'linked': '已关联',
    'cannot be linked': '不能关联', 'No customer found.': '没有找到客户。',
    'Linked: one customer now': '已关联：现在是同一位客户', 'Already linked': '已经关联过了',
    'Unlinked': '已取消关联', 'Not linked to any other identity.': '还没有关联其他渠道的身份。',
    'An anonymous web visitor cannot be linked: ask them to sign in on the site.':
      '匿名网页访客不能关联：请客户先在网站登录。',
    'All conversations': '全部对话', '{0} messages on {1} channels': '{1} 个渠道共 {0} 条消息',
    'Link history': '关联记录', 'linked {0} to {1}': '把 {0} 关联到 {1}', 'unlinked {0}': '取消关联 {0}',
    'the CRM': 'CRM', 'not yet written': '还没发过消息',
    'Unlink {0} from this customer?': '把 {0} 从这位客户取消关联？'
  };
  const tr = (text, ...args) => (Baton.lang === 'zh' && ZH[text]
    ? ZH[text].replace(/\{(\d+)\}/g, (m, i) => String(args[i])) : t(text, ...args));

  const input = el('input', {id: 'link-search', placeholder: tr('Name, phone number or id'), maxlength: 100});
  const results = el('ul', {id: 'link-results', class: 'link-results'});
  Baton.linkSearchInput = input;

  /** A channel as a small coloured label (the key stays in data-channel). */
  function channelBadge(key) {
    return el('span', {class: 'channel-badge ch-' + key, 'data-channel': key, title: key}, label('channel', key));
  }

  function who(i) {
    return (i.name ? i.name + ' · ' : '') + (i.businessId || i.id);
  }

  async function link(conversationId, candidate, reload) {
    const r = await api('POST', '/api/conversations/' + conversationId + '/links', {customerId: candidate.customerId});
    toast(r.changed ? tr('Linked: one customer now') : tr('Already linked'));
    results.replaceChildren();
    input.value = '';
    reload();
  }

  async function search(conversationId, reload) {
    const q = input.value.trim();
    if (q.length < 2) return;
    const r = await api('GET', '/api/conversations/' + conversationId + '/links/search?q=' + encodeURIComponent(q));
    results.replaceChildren(...(r.items.length === 0 ? [el('li', {class: 'muted'}, tr('No customer found.'))]
      : r.items.map(c => el('li', {class: 'candidate', 'data-customer': c.customerId},
        channelBadge(c.channel), ' ', who(c), ' ',
        c.current || c.linked ? el('span', {class: 'muted'}, tr('linked'))
          : !c.linkable ? el('span', {class: 'muted', title: tr('An anonymous web visitor cannot be linked: ask them to sign in on the site.')},
            tr('cannot be linked'))
          : el('button', {class: 'secondary link', onclick: () => link(conversationId, c, reload)}, tr('Link'))))));
  }

  /** The customer panel's list of identities, with link and unlink when the agent may. */
  Baton.linkedIdentities = (person, conversationId, reload) => {
    if (!person) return null;
    const others = person.identities.filter(i => !i.current);
    const box = el('div', {id: 'linked', class: 'linked'}, el('h3', {}, tr('Same person')),
      el('ul', {class: 'identities'}, person.identities.map(i => el('li', {class: 'identity' + (i.current ? ' current' : ''),
          'data-customer': i.customerId, 'data-channel': i.channel},
        channelBadge(i.channel), ' ', who(i), ' ',
        i.current ? el('span', {class: 'muted'}, '(' + tr('this conversation') + ')')
          : i.conversationId ? el('a', {href: '/inbox/conversations/' + i.conversationId}, tr('Open'))
          : el('span', {class: 'muted'}, tr('not yet written')),
        person.mayLink && others.length > 0 ? el('button', {class: 'link-remove secondary small', onclick: async () => {
          if (!confirm(tr('Unlink {0} from this customer?', who(i)))) return;
          await api('DELETE', '/api/conversations/' + conversationId + '/links/' + i.customerId);
          toast(tr('Unlinked'));
          reload();
        }}, tr('Unlink')) : null))),
      others.length === 0 ? el('p', {class: 'muted'}, tr('Not linked to any other identity.')) : null);
    if (person.mayLink) {
      box.append(!person.linkable
        ? el('p', {class: 'muted', id: 'link-refused'}, tr('An anonymous web visitor cannot be linked: ask them to sign in on the site.'))
        : el('details', {id: 'link-box'}, el('summary', {}, tr('Link another identity')),
          el('div', {class: 'row'}, input, el('button', {id: 'link-find', class: 'secondary',
            onclick: () => search(conversationId, reload)}, tr('Find'))), results));
    }
    if (person.audit && person.audit.length > 0) {
      const name = cid => { const x = person.identities.find(i => i.customerId === cid); return x ? who(x) : '#' + cid; };
      box.append(el('details', {id: 'link-audit'}, el('summary', {}, tr('Link history')),
        el('ul', {class: 'muted'}, person.audit.map(a => el('li', {title: a.via},
          time(a.at) + ' · ' + (a.actor === 'crm' ? tr('the CRM') : a.actor) + ': '
          + (a.action === 'link' ? tr('linked {0} to {1}', name(a.customerId), name(a.otherId)) : tr('unlinked {0}', name(a.customerId))))))));
    }
    return box;
  };

  /** All conversations of the person in one time line, each message marked by its channel (only when linked). */
  Baton.personHistory = person => {
    if (!person || person.identities.length < 2) return null;
    const channels = new Set(person.history.map(h => h.channel));
    return el('section', {class: 'card', id: 'person-history'},
      el('h2', {}, tr('All conversations') + ' ',
        el('span', {class: 'muted'}, tr('{0} messages on {1} channels', person.history.length, channels.size))),
      el('ol', {class: 'transcript history'}, person.history.map(h => {
        const shown = message(h.text);
        return el('li', {class: 'msg ' + h.author + (h.current ? ' current' : ' other'), 'data-channel': h.channel,
            'data-conversation': h.conversationId},
          el('div', {class: 'meta', title: h.at}, channelBadge(h.channel), ' ',
            (h.authorName ? h.authorName : label('author', h.author)) + ' · ' + time(h.at)),
          el('div', {class: 'text'}, shown.text));
      })));
  };

  input.addEventListener('keydown', e => {
    if (e.key === 'Enter') { e.preventDefault(); document.getElementById('link-find')?.click(); }
  });
})();
