'use strict';
/*
 * The canned replies page (快捷回复): list and search the team's replies and the agent's own, create, edit and delete
 * them (team ones: supervisors; personal ones: their owner), each with a Chinese and/or an English text, and the
 * variables explained (a click inserts one where the cursor is). All through /api/canned-replies.
 */
(async () => {
  const {api, el, header, toast, live, t} = Baton;
  const me = await header();
  const main = document.getElementById('main');
  const supervisor = me.role === 'supervisor';
  const VARIABLES = [
    ['{customer.name}', 'the customer\'s name, as their channel or profile gives it'],
    ['{agent.name}', 'the name of the agent who inserts the reply'],
    ['{ticket.id}', 'the number of the conversation\'s open ticket'],
    ['{customer.tier}', 'the customer\'s tier (e.g. vip)'],
    ['{customer.tags}', 'the customer\'s tags, comma separated'],
    ['{customer.id}', 'the customer\'s id on their channel']];
  let editing = null;   // the reply being edited, or null for a new one
  let lastBox = null;   // the text box a variable goes into
  let items = [];

  const search = el('input', {id: 'canned-search', type: 'search', placeholder: t('Search shortcut or text…'),
    oninput: Baton.debounce(load, 200)});
  const show = el('select', {id: 'canned-show', onchange: draw},
    el('option', {value: 'all'}, t('Team and mine')), el('option', {value: 'team'}, t('Team')),
    el('option', {value: 'personal'}, t('Mine')));
  const scope = el('select', {id: 'canned-scope'},
    supervisor ? el('option', {value: 'team'}, t('Team (everyone)')) : null,
    el('option', {value: 'personal'}, t('Mine (only me)')));
  const shortcut = el('input', {id: 'canned-shortcut', maxlength: 64, placeholder: t('e.g. refund')});
  const box = (id, placeholder) => {
    const b = el('textarea', {id, rows: 3, maxlength: 4000, placeholder, onfocus: () => { lastBox = b; }});
    return b;
  };
  const zh = box('canned-zh', '例如：{customer.name}您好，退款一般 3 到 5 个工作日到账。');
  const en = box('canned-en', 'e.g. Hi {customer.name}, refunds take 3 to 5 working days.');
  lastBox = en;
  const formTitle = el('h2', {}, t('New canned reply'));
  const cancel = el('button', {class: 'secondary hidden', id: 'canned-cancel', type: 'button', onclick: reset}, t('Cancel'));
  const form = el('section', {class: 'card canned-form', id: 'canned-form'}, formTitle,
    el('label', {}, t('Who it is for')), scope,
    el('label', {}, t('Shortcut (typed after /)')), shortcut,
    el('label', {}, t('Chinese text')), zh,
    el('label', {}, t('English text')), en,
    el('p', {class: 'muted hint'}, t('Give at least one. The customer\'s language picks the text; a reply with only one text uses it for everyone.')),
    el('div', {class: 'row'}, el('button', {id: 'canned-save', type: 'button', onclick: save}, t('Save')), cancel));
  const variables = el('section', {class: 'card variables', id: 'canned-variables'},
    el('h2', {}, t('Variables')),
    el('p', {class: 'muted'}, t('Filled in when the reply is inserted into a conversation. Click one to add it to the text you are editing.')),
    el('ul', {}, VARIABLES.map(([v, what]) => el('li', {},
      el('button', {class: 'link', type: 'button', 'data-variable': v, onclick: () => insert(v)}, el('code', {}, v)),
      ' ', t(what)))),
    el('p', {class: 'muted'}, t('A variable with no value in that conversation (or one Baton does not know) stays as written and is flagged before sending.')));
  const list = el('div', {id: 'canned-list'});

  function insert(v) {
    const b = lastBox || en;
    const at = b.selectionStart ?? b.value.length;
    b.value = b.value.slice(0, at) + v + b.value.slice(b.selectionEnd ?? at);
    b.focus();
    b.selectionStart = b.selectionEnd = at + v.length;
  }

  function reset() {
    editing = null;
    formTitle.textContent = t('New canned reply');
    scope.disabled = false;
    scope.value = supervisor ? 'team' : 'personal';
    shortcut.value = zh.value = en.value = '';
    cancel.classList.add('hidden');
  }

  function edit(r) {
    editing = r;
    formTitle.textContent = t('Edit /{0}', r.shortcut);
    scope.value = r.scope;
    scope.disabled = true;
    shortcut.value = r.shortcut;
    zh.value = r.zh || '';
    en.value = r.en || '';
    cancel.classList.remove('hidden');
    form.scrollIntoView({block: 'start'});
    shortcut.focus();
  }

  async function save() {
    const body = {shortcut: shortcut.value.trim(), zh: zh.value, en: en.value};
    if (editing) {
      await api('PUT', '/api/canned-replies/' + editing.id, body);
      toast(t('Saved /{0}', body.shortcut.replace(/^\//, '')));
    } else {
      body.scope = scope.value;
      await api('POST', '/api/canned-replies', body);
      toast(t('Added /{0}', body.shortcut.replace(/^\//, '')));
    }
    reset();
    load();
  }

  async function remove(r) {
    if (!confirm(t('Delete the canned reply /{0}?', r.shortcut))) return;
    await api('DELETE', '/api/canned-replies/' + r.id);
    toast(t('Deleted /{0}', r.shortcut));
    if (editing && editing.id === r.id) reset();
    load();
  }

  function draw() {
    const shown = items.filter(r => show.value === 'all' || r.scope === show.value);
    const owner = r => (r.scope === 'team' ? t('team') : r.owner === me.name ? t('mine') : r.owner);
    list.replaceChildren(shown.length ? el('table', {class: 'canned'},
      el('thead', {}, el('tr', {}, el('th', {}, t('Shortcut')), el('th', {}, t('For')), el('th', {}, t('Chinese text')),
        el('th', {}, t('English text')), el('th', {}))),
      el('tbody', {}, shown.map(r => el('tr', {'data-id': r.id, 'data-shortcut': r.shortcut},
        el('td', {}, el('strong', {}, '/' + r.shortcut)),
        el('td', {}, el('span', {class: 'chip scope-' + r.scope}, owner(r))),
        el('td', {class: 'text', lang: 'zh'}, r.zh || el('span', {class: 'muted'}, '–')),
        el('td', {class: 'text', lang: 'en'}, r.en || el('span', {class: 'muted'}, '–')),
        el('td', {class: 'actions'}, r.editable ? [
          el('button', {class: 'secondary edit', type: 'button', onclick: () => edit(r)}, t('Edit')),
          el('button', {class: 'secondary delete', type: 'button', onclick: () => remove(r)}, t('Delete'))]
          : el('span', {class: 'muted'}, t('a supervisor manages it')))))))
      : el('p', {class: 'empty'}, search.value.trim() ? t('No canned reply matches “{0}”.', search.value.trim())
        : t('No canned replies yet. Add the first one below.')));
  }

  async function load() {
    const q = search.value.trim();
    items = (await api('GET', '/api/canned-replies' + (q ? '?q=' + encodeURIComponent(q) : ''))).items;
    draw();
  }

  main.replaceChildren(el('h1', {}, t('Canned replies')),
    el('p', {class: 'muted'}, t('Type / in a conversation\'s reply box to insert one. Team replies are for everyone; ')
      + (supervisor ? t('as a supervisor you manage them.') : t('a supervisor manages them. Yours are only for you.'))),
    el('div', {class: 'filters'}, search, show), list,
    el('div', {class: 'columns'}, form, variables));
  reset();
  live(() => {});
  load();
})();
