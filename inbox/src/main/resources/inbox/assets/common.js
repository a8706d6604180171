'use strict';
/*
 * Shared helpers for the inbox pages: API calls with the CSRF token, safe DOM building, live updates by SSE, and the
 * page texts in the desk's language (inbox.language; the server writes it into <html lang>). Texts are written in
 * English in the pages' code and looked up here; reason and intent labels come from the API (reasonLabels,
 * intentLabel), in the same language.
 */
const Baton = (() => {
  let me = null;
  const lang = (document.documentElement.lang || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';

  const ZH = {
    'Baton inbox': 'Baton 客服台', 'Queue': '排队', 'Drafts': '知识草稿', 'Analytics': '数据分析',
    'API tokens': 'API 令牌', 'Sign out': '退出', 'live updates': '实时更新', 'agent': '客服', 'supervisor': '主管',
    // sign-in
    'sign in': '登录', 'Sign in': '登录', 'Name': '名字', 'Password': '密码', 'Wrong name or password.': '名字或密码错误。',
    'Sign in with the name and password your supervisor gave you.': '请用主管给你的名字和密码登录。',
    'no data yet': '还没有数据',
    'The channel did not deliver your reply (reply window closed or quota used up). It goes out by itself when the customer writes again.':
      '渠道没有送达你的回复（回复窗口已关闭或额度已用完）。客户再次发消息时会自动发出。',
    'The channel refused the last message (reply window closed or quota used up).':
      '渠道拒收了最后一条消息（回复窗口已关闭或额度已用完）。', 'Show the inbox in this language (only for you)': '用这种语言显示客服台（只对你）',
    // queue
    'Open': '打开', 'Claim': '认领', 'Transfer to group…': '转给分组…', 'Assign to…': '分配给…',
    'transfer to group': '转给分组', 'assign to agent': '分配给客服',
    'Transferred to {0}': '已转给 {0}', 'Assigned to {0}': '已分配给 {0}', '{0}: {1} waiting': '{0}：{1} 人等待',
    ' · closed now': ' · 现在下班', 'sensitive': '敏感', 'waiting': '等待中', 'waiting (fallback sent)': '等待中（已发送留言提示）',
    'with {0}': '{0} 处理中', 'Nobody is waiting. New handoffs appear here by themselves.': '没有人在等待。新的转人工会自动出现在这里。',
    'Priority': '优先级', 'Customer': '客户', 'Why': '原因', 'Group': '分组', 'Waiting': '已等待', 'Status': '状态',
    'assigned': '处理中', 'resolved': '已解决', 'now {0}': '目前{0}', 'upset': '不满', 'calm': '平稳',
    'positive': '满意', '1 handoff / 1 conversation': '1 次转人工 / 1 个对话',
    'median · 90% within {0} · {1} replies': '中位数 · 九成在 {0} 内 · 共 {1} 次',
    'median · 90% within {0} · 1 reply': '中位数 · 九成在 {0} 内 · 共 1 次',
    'median · 90% within {0} · {1} tickets': '中位数 · 九成在 {0} 内 · 共 {1} 个工单',
    'median · 90% within {0} · 1 ticket': '中位数 · 九成在 {0} 内 · 共 1 个工单', 'open': '等待中', 'Customer language': '客户语言',
    // conversation
    'Write to the customer…': '回复客户…', 'Resolution note (optional)': '解决说明（可选）', 'Loading…': '加载中…',
    'No CRM record.': '没有 CRM 记录。', 'CRM lookup failed.': 'CRM 查询失败。', 'no tier': '无等级',
    'tags, comma separated': '标签，用逗号分隔',
    'The channel\'s reply window is closed: a free-form reply may not be delivered (WhatsApp needs a template).':
      '渠道的回复窗口已关闭：自由回复可能无法送达（WhatsApp 需要模板消息）。',
    'The reply window closes in {0}.': '回复窗口将在 {0} 后关闭。',
    'customer': '客户', 'bot': '机器人', 'human': '客服', 'system': '系统', 'Source: {0}': '来源：{0}',
    'no sentiment data': '没有情绪数据', 'Ticket': '工单', 'Ticket #{0}': '工单 #{0}',
    'No open ticket: the bot is handling this conversation.': '没有进行中的工单：机器人正在接待这位客户。',
    'Summary': '摘要', 'Intent': '意图', 'Sentiment': '情绪', 'Waited': '已等待', 'default': '默认',
    'Technical detail': '技术细节', 'Reason codes': '原因代码', 'Intent code': '意图代码',
    'What the bot tried': '机器人尝试过的回答', 'answered from “{0}”': '已按“{0}”作答', 'answered': '已作答',
    'no answer found': '没有找到答案', 'Show the answer': '查看回答', 'No answers from the bot before the handoff.':
      '转人工前机器人没有作答。', '{0} small-talk replies not listed': '另有 {0} 次寒暄未列出',
    'Channel': '渠道', 'Tier': '等级', 'Tags': '标签', 'Language': '语言', 'CRM': 'CRM',
    'Edit tier and tags': '修改等级和标签', 'Save': '保存', 'Customer updated': '已更新客户', 'No change': '没有变化',
    'Customer updated: tier {0}': '已更新客户：等级 {0}',
    'A VIP tier (handoff.vip.tiers) puts the customer\'s next handoff at the head of the queue.':
      'VIP 等级（handoff.vip.tiers）会让客户下次转人工时排在队首。',
    'Knowledge suggestions': '知识库建议', 'For: {0}': '针对：{0}', 'Use in reply': '用作回复',
    'Nothing relevant in the knowledge folder.': '知识库里没有相关内容。',
    'No question from the customer yet: nothing to look up.': '客户还没有提出问题，暂无可查的内容。',
    'Question': '问题', 'Answer': '回答', 'Save as knowledge': '存为知识', 'Save draft': '保存草稿',
    'Writes a Markdown Q&A draft to knowledge/_drafts/ for review.': '写一份 Markdown 问答草稿到 knowledge/_drafts/ 待审核。',
    'Draft saved: {0}': '草稿已保存：{0}', 'Claim & send': '认领并发送', 'Take over & send': '接管并发送', 'Send': '发送',
    'Your reply takes the conversation from the bot; resolve it to hand it back':
      '你的回复会从机器人手中接管对话；点“解决”把它交回机器人',
    'Resolve': '解决', 'Return to bot': '交回机器人', 'Resolved: the bot is back': '已解决：机器人继续接待',
    'Returned to the bot': '已交回机器人', 'Look-ups': '业务查询',
    // internal notes and canned replies
    'Internal note': '内部备注', 'not sent to the customer': '不会发给客户', 'Internal note for colleagues…': '给同事的内部备注…',
    'Only agents see it, in the transcript. It is never sent to the customer or shown to the bot.':
      '只有客服能在对话记录里看到，不会发给客户，也不会给机器人看。', 'Add note': '添加备注', 'Note added': '备注已添加',
    'Type / for canned replies.': '输入 / 使用快捷回复。', 'team': '团队', 'mine': '我的',
    'The reply still contains {0}, which was not filled in. Send it anyway?': '回复里还有未填写的 {0}，仍要发送吗？',
    'No canned reply matches “/{0}”.': '没有匹配“/{0}”的快捷回复。',
    'Not filled in: {0}. Edit it before sending.': '未填写：{0}。请在发送前修改。',
    // drafts
    'Knowledge drafts': '知识草稿', 'No drafts waiting.': '没有待审核的草稿。', 'Approve': '批准', 'Discard': '丢弃',
    'Approved and reindexed': '已批准并重建索引', 'Discarded': '已丢弃', ' A supervisor approves.': ' 由主管批准。',
    'Answers agents saved from conversations. Approving moves the draft into the knowledge folder and reindexes it, so the bot can use it.':
      '客服从对话中保存的回答。批准后草稿移入知识库并重建索引，机器人即可使用。',
    // analytics
    '{0} days': '{0} 天', 'Handoff rate': '转人工率', '{0} handoffs / {1} conversations': '{0} 次转人工 / {1} 个对话',
    'Bot-resolved rate': '机器人独立解决率', 'Time to first human reply': '人工首次回复用时', 'Queue wait': '排队等待',
    'Drafts approved': '已批准草稿', 'Settled by look-ups': '业务查询解决',
    'conversations a look-up answered, no handoff': '业务查询作答、未转人工的对话',
    'Handoffs by reason': '各原因转人工次数', 'Handoffs per day': '每日转人工', 'Reason': '原因', 'Handoffs': '转人工次数',
    'Rate': '比例', 'handoffs by reason': '各原因转人工次数', 'handoffs per day': '每日转人工', 'handoffs': '转人工',
    // tokens
    'What it is for, e.g. helpdesk-sync': '用途，例如 helpdesk-sync', 'Give the token a name': '请给令牌起个名字',
    'Token "{0}" for {1}': '{1} 的令牌“{0}”', 'Copy it now: it is shown only this once. Baton keeps only a hash.':
      '请现在复制：令牌只显示这一次，Baton 只保存它的哈希。',
    'Use it as: Authorization: Bearer <token>. It acts as {0} with their role.':
      '用法：Authorization: Bearer <token>。它以 {0} 的身份和角色操作。',
    'Done, I copied it': '好了，已复制', 'Revoke token "{0}" of {1}? Scripts using it will get 401.':
      '撤销 {1} 的令牌“{0}”？使用它的脚本会收到 401。', 'Revoked': '已撤销',
    'Personal Bearer tokens for scripts and helpdesks. A token acts as its owner, with the owner\'s role. ':
      '给脚本和工单系统用的个人 Bearer 令牌。令牌以其主人的身份和角色操作。',
    'You see everyone\'s tokens.': '你能看到所有人的令牌。', 'You see your own tokens.': '你只能看到自己的令牌。',
    'New token': '新令牌', 'Create': '创建', 'No tokens yet.': '还没有令牌。', 'Agent': '客服', 'Starts with': '开头',
    'Created': '创建于', 'Last used': '最近使用', 'State': '状态', ' by {0}': '（{0} 创建）', 'never': '从未',
    'revoked {0}': '已于 {0} 撤销', 'active': '有效', 'Revoke': '撤销'
  };

  /**
   * Codes the API sends (conversation states, channel keys, language codes) as agents read them; the code itself stays
   * in a data- attribute or a tooltip. A code not listed (a channel a plug-in adds) shows as it is.
   */
  const CODES = {
    state: {BOT: ['机器人接待中', 'with the bot'], QUEUED: ['排队等人工', 'waiting for an agent'],
      HUMAN: ['人工处理中', 'with an agent']},
    channel: {dev: ['测试聊天', 'test chat'], wechat: ['微信公众号', 'WeChat'], 'wecom-kf': ['微信客服', 'WeChat support'],
      whatsapp: ['WhatsApp', 'WhatsApp'], web: ['网页聊天', 'web chat']},
    language: {zh: ['中文', 'Chinese'], en: ['英文', 'English']},
    lookup: {found: ['已查到', 'found'], not_found: ['查无记录', 'not found'], failed: ['查询失败', 'failed']},
    author: {customer: ['客户', 'Customer'], bot: ['机器人', 'Bot'], human: ['客服', 'Agent'], system: ['系统通知', 'Notice'],
      note: ['内部备注', 'Internal note']},
    placeholder: {button: ['（点了“转人工”按钮）', '(pressed the “talk to a person” button)'],
      image: ['（图片）', '(an image)'], audio: ['（语音）', '(a voice message)'], voice: ['（语音）', '(a voice message)'],
      video: ['（视频）', '(a video)'], file: ['（文件）', '(a file)'], document: ['（文件）', '(a document)'],
      sticker: ['（表情）', '(a sticker)'], location: ['（位置）', '(a location)'], contacts: ['（名片）', '(contact cards)']}
  };

  /**
   * A message as agents read it: the engine writes what is not text as "[image] …" or "[button] Talk to a human";
   * that shows as what the customer did ("（图片）"), in the desk's language. Returns {text, placeholder}.
   */
  function message(text) {
    const m = /^\[([a-z_]+)\]\s*([\s\S]*)$/.exec(text || '');
    if (!m || !(CODES.placeholder[m[1]])) return {text: text || '', placeholder: false};
    return {text: label('placeholder', m[1]), placeholder: true};
  }

  /**
   * The API's refusals an agent meets at work (someone else took the ticket, capacity, empty reply…) in the desk's
   * language; the API itself answers in English for scripts. Anything not listed shows as the API wrote it.
   */
  const REFUSALS = [
    [/^ticket (\d+) is with (.+)$/, '工单 {0} 已由 {1} 处理'],
    [/^conversation (\d+) is with (.+)$/, '这个对话已由 {1} 处理'],
    [/^ticket (\d+) is for group (.+), not yours$/, '工单 {0} 属于分组 {1}，不在你的分组里'],
    [/^you already hold (\d+) conversations \(capacity (\d+)\)$/, '你已经在处理 {0} 个对话（上限 {1} 个）'],
    [/^text is required$/, '请先写回复内容'],
    [/^text is longer than (\d+) characters$/, '回复太长了，最多 {0} 个字符'],
    [/^note is longer than (\d+) characters$/, '备注太长了，最多 {0} 个字符'],
    [/^question and answer are required$/, '问题和回答都要填写'],
    [/^note text is required$/, '请先写备注内容'],
    [/^team replies are managed by supervisors.*$/, '团队快捷回复由主管管理'],
    [/^this is someone else's personal reply$/, '这是别人的个人快捷回复'],
    [/^shortcut is required$/, '请填写快捷词'],
    [/^shortcut must be one word of at most (\d+) characters$/, '快捷词必须是一个词，最多 {0} 个字符'],
    [/^give the text in zh and\/or en$/, '请至少填写中文或英文内容'],
    [/^no conversation (\d+)$/, '找不到对话 {0}'],
    [/^no ticket (\d+)$/, '找不到工单 {0}']
  ];

  function refusal(text) {
    if (lang !== 'zh' || !text) return text;
    for (const [re, zh] of REFUSALS) {
      const m = re.exec(text);
      if (m) return zh.replace(/\{(\d+)\}/g, (x, i) => m[Number(i) + 1]);
    }
    return text;
  }

  /** The code of this kind as agents read it, e.g. label('channel', 'wechat') → 微信公众号. */
  function label(kind, code) {
    const k = CODES[kind] && code !== null && code !== undefined ? CODES[kind][code] : null;
    return k ? k[lang === 'zh' ? 0 : 1] : (code === null || code === undefined || code === '' ? '–' : String(code));
  }

  /** The text in the desk's language; {0}, {1}… are filled with the arguments. */
  function t(text, ...args) {
    const s = lang === 'zh' && Object.prototype.hasOwnProperty.call(ZH, text) ? ZH[text] : text;
    return s.replace(/\{(\d+)\}/g, (m, i) => (args[i] === undefined ? m : String(args[i])));
  }

  /** Translates the static texts of a page: elements marked data-i18n, placeholders, the title. */
  function translatePage() {
    document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.textContent.trim()); });
    document.querySelectorAll('[data-i18n-title]').forEach(e => { e.title = t(e.title); });
    const title = document.title.split(' · ');
    document.title = title.map(x => t(x)).join(' · ');
  }

  async function whoami() {
    if (me) return me;
    const r = await fetch('/api/me', {credentials: 'same-origin'});
    if (r.status === 401) { location.href = '/inbox/login'; throw new Error('signed out'); }
    me = await r.json();
    return me;
  }

  async function api(method, path, body) {
    const m = await whoami();
    const opts = {method, credentials: 'same-origin', headers: {'Accept': 'application/json'}};
    if (method !== 'GET') {
      opts.headers['X-CSRF-Token'] = m.csrf;
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body || {});
    }
    const r = await fetch(path, opts);
    if (r.status === 401) { location.href = '/inbox/login'; throw new Error('signed out'); }
    const data = r.headers.get('content-type')?.includes('json') ? await r.json() : {};
    if (!r.ok) { toast(refusal(data.error) || ('HTTP ' + r.status), true); throw new Error(data.error || r.status); }
    return data;
  }

  /** el('div', {class: 'x', onclick: f}, 'text', child) — text is always text, never HTML. */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (k === 'class') e.className = v;
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function toast(text, error) {
    const box = document.getElementById('toast');
    box.textContent = text;
    box.className = 'toast' + (error ? ' error' : '');
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => box.classList.add('hidden'), 4000);
  }

  /**
   * A wait or a time span as people say it: "45 s", "4 min 05 s", "1 h 20 min", "2 days 3 h" / "45 秒", "4 分 05 秒",
   * "1 小时 20 分", "2 天 3 小时". Never more than two units.
   */
  function duration(seconds) {
    if (seconds === null || seconds === undefined || Number.isNaN(Number(seconds))) return '–';
    const s = Math.max(0, Math.round(seconds));
    const zh = lang === 'zh';
    const two = n => String(n).padStart(2, '0');
    if (s < 60) return s + (zh ? ' 秒' : ' s');
    if (s < 3600) return Math.floor(s / 60) + (zh ? ' 分 ' : ' min ') + two(s % 60) + (zh ? ' 秒' : ' s');
    if (s < 86400) return Math.floor(s / 3600) + (zh ? ' 小时 ' : ' h ') + two(Math.floor(s % 3600 / 60)) + (zh ? ' 分' : ' min');
    const days = Math.floor(s / 86400);
    return days + (zh ? ' 天 ' : (days === 1 ? ' day ' : ' days ')) + Math.floor(s % 86400 / 3600) + (zh ? ' 小时' : ' h');
  }

  /**
   * A moment as agents read it: the time of day for today ("14:05"), "yesterday 14:05" / "昨天 14:05", else the date
   * and time ("3 Dec 14:05" / "12月3日 14:05"). The exact ISO time is the element's tooltip where it matters.
   */
  function time(iso) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return '–';
    const zh = lang === 'zh';
    const locale = zh ? 'zh-CN' : 'en-GB';
    const hm = d.toLocaleTimeString(locale, {hour: '2-digit', minute: '2-digit'});
    const day = x => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
    const days = Math.round((day(new Date()) - day(d)) / 86400000);
    if (days === 0) return hm;
    if (days === 1) return (zh ? '昨天 ' : 'yesterday ') + hm;
    const sameYear = d.getFullYear() === new Date().getFullYear();
    const date = d.toLocaleDateString(locale, sameYear ? {month: 'short', day: 'numeric'}
      : {year: 'numeric', month: 'short', day: 'numeric'});
    return date + ' ' + hm;
  }

  /** Calls onChange(event) for each change; reconnects by itself (EventSource does). */
  function live(onChange) {
    const dot = document.getElementById('live');
    const src = new EventSource('/api/events');
    src.addEventListener('hello', () => { dot.className = 'live on'; });
    src.addEventListener('change', e => onChange(JSON.parse(e.data)));
    src.onerror = () => { dot.className = 'live off'; };
    return src;
  }

  function debounce(f, ms) {
    let timer = null;
    return (...a) => { clearTimeout(timer); timer = setTimeout(() => f(...a), ms); };
  }

  async function header() {
    translatePage();
    const m = await whoami();
    document.getElementById('me').textContent = m.name + ' · ' + t(m.role);
    if (m.role === 'supervisor') {
      document.querySelectorAll('.supervisor-only').forEach(x => x.classList.remove('hidden'));
    }
    const page = document.body.dataset.page;
    document.querySelectorAll('[data-nav]').forEach(a => a.classList.toggle('active', a.dataset.nav === page));
    languageSwitch();
    document.getElementById('logout').addEventListener('click', async () => {
      await fetch('/inbox/logout', {method: 'POST', credentials: 'same-origin',
        headers: {'X-CSRF-Token': m.csrf}});
      location.href = '/inbox/login';
    });
    return m;
  }

  /**
   * The other language, for this agent only: a cookie the server reads for the pages and the labels (a year, this
   * browser). Handoff summaries stay as they were written, in the desk's language.
   */
  function languageSwitch() {
    const b = document.getElementById('lang-switch');
    if (!b) return;
    const other = lang === 'zh' ? 'en' : 'zh';
    b.textContent = other === 'zh' ? '中文' : 'English';
    b.title = t('Show the inbox in this language (only for you)');
    b.setAttribute('lang', other);
    b.addEventListener('click', () => {
      document.cookie = 'baton-lang=' + other + '; path=/; max-age=31536000; SameSite=Lax';
      location.reload();
    });
  }

  /**
   * The reasons as chips with their labels (from the API, in the desk's language); the code is the chip's tooltip,
   * for whoever tunes the handoff rules.
   */
  function reasonChips(reasons, labels) {
    return el('span', {class: 'chips'}, (reasons || []).map((r, i) =>
      el('span', {class: 'chip reason-' + r, title: r, 'data-reason': r}, (labels && labels[i]) || r)));
  }

  /** The conversation's state as agents read it (the code stays in data-state). */
  function stateChip(state, attrs, text) {
    return el('span', Object.assign({class: 'state ' + state, 'data-state': state}, attrs || {}),
      text || label('state', state));
  }

  return {api, el, toast, duration, time, live, debounce, header, whoami, reasonChips, stateChip, t, lang, label,
    message, refusal, translatePage};
})();
