/*
 * Baton web chat: the one script a site embeds.
 *   <script src="https://baton.example.com/widget.js" async></script>
 * Optional attributes: data-lang (zh|en), data-user-id + data-user-hash (a signed-in customer), data-name, data-tier.
 * Everything lives in one closure and one shadow root: no global but window.Baton, no style outside the shadow root,
 * no inline script or style element (styles are a constructed style sheet), so it runs under a strict CSP.
 */
(function () {
  "use strict";
  if (window.Baton && window.Baton.version) {
    return; // embedded twice: the first copy serves
  }
  var CSS = "__BATON_CSS__";
  var script = document.currentScript;
  var base = new URL(script ? script.src : "/widget.js", location.href).origin;
  var data = (script && script.dataset) || {};
  var STORE = "baton.web." + base;

  var TEXTS = {
    zh: {
      open: "打开在线客服", close: "关闭", placeholder: "请输入您的问题…", send: "发送", human: "转人工",
      queued: "正在为您转接人工客服，您排在第 {n} 位", wait: "，预计等待约 {m} 分钟",
      agentJoined: "{agent} 为您服务", humanNow: "人工客服为您服务",
      offline: "现在是非工作时间，请留言，我们会尽快联系您。",
      offlineQueued: "现在是非工作时间，您的请求已保存，上班后客服会回复您",
      typing: "正在输入…", reconnecting: "连接中断，正在重连…", failed: "发送失败，点击重试",
      tooLong: "消息太长了（最多 {n} 字）", retryIn: "发送太频繁，请 {s} 秒后再试",
      rateAsk: "请为本次人工服务评分", ratePlaceholder: "补充评价（可选）", rateSend: "提交评价",
      rateThanks: "感谢您的评价！", rated: "您的评价：{stars}",
      formName: "姓名", formContact: "手机或邮箱", formQuestion: "您的问题", formSend: "提交留言",
      formDone: "已收到您的留言，我们会尽快联系您。", badContact: "请填写正确的手机号或邮箱",
      needQuestion: "请写下您的问题", agent: "客服"
    },
    en: {
      open: "Open chat", close: "Close", placeholder: "Type your question…", send: "Send", human: "Talk to a person",
      queued: "Connecting you to a person: you are number {n} in line", wait: ", about {m} min",
      agentJoined: "{agent} is helping you", humanNow: "A person is helping you",
      offline: "We are offline now. Leave a message and we will get back to you.",
      offlineQueued: "We are offline now; your request is saved and an agent will reply when we open",
      typing: "typing…", reconnecting: "Connection lost, reconnecting…", failed: "Not sent, tap to retry",
      tooLong: "Message too long (at most {n} characters)", retryIn: "Too many messages, try again in {s} s",
      rateAsk: "How did we do?", ratePlaceholder: "Anything to add? (optional)", rateSend: "Send rating",
      rateThanks: "Thank you for your rating!", rated: "Your rating: {stars}",
      formName: "Name", formContact: "Phone or e-mail", formQuestion: "Your question", formSend: "Send message",
      formDone: "Thank you, we will get back to you soon.", badContact: "Please enter a phone number or an e-mail address",
      needQuestion: "Please write your question", agent: "Agent"
    }
  };

  function pickLang(l) {
    l = (l || "").toLowerCase();
    return l.indexOf("zh") === 0 ? "zh" : l ? "en" : null;
  }

  var lang = pickLang(data.lang) || pickLang(document.documentElement.lang) || pickLang(navigator.language) || "en";
  var T = TEXTS[lang];
  var identity = { userId: data.userId, userHash: data.userHash, name: data.name, tier: data.tier };
  var token = null;
  var session = null;
  var lastId = 0;
  var shown = {};          // line id -> true
  var pending = {};        // inbound id -> element of a message sent from this tab
  var seenInbound = {};    // inbound ids of the customer's lines on screen
  var listeners = { message: [], state: [], rating: [], open: [], close: [], ready: [] };
  var state = { state: "BOT" };
  var streamAbort = null;
  var streamGeneration = 0;
  var ratingEpisode = null;
  var ui = null;
  var readyResolve, readyReject;
  var ready = new Promise(function (ok, fail) { readyResolve = ok; readyReject = fail; });
  ready.catch(function () { }); // a page that never calls the API is not told twice

  function fmt(s, vars) {
    return s.replace(/\{(\w+)\}/g, function (_, k) { return vars[k] == null ? "" : String(vars[k]); });
  }

  function emit(name, payload) {
    (listeners[name] || []).slice().forEach(function (cb) {
      try { cb(payload); } catch (e) { if (window.console) { console.error(e); } }
    });
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    var a = new Uint8Array(16);
    crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function load() {
    try { return localStorage.getItem(STORE); } catch (e) { return null; }
  }

  function save(t) {
    try { localStorage.setItem(STORE, t); } catch (e) { /* private mode: history lasts this page */ }
  }

  /** POST to the widget API; resolves with the JSON answer, rejects with an Error carrying status and retryAfter. */
  function call(path, body, renewed) {
    var headers = { "Content-Type": "application/json" };
    if (token) {
      headers.Authorization = "Bearer " + token;
    }
    return fetch(base + "/api/web/" + path, {
      method: "POST", headers: headers, body: JSON.stringify(body || {}), credentials: "omit", mode: "cors"
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (r.status === 401 && path !== "session" && !renewed) { // the token expired: renew it once
          return startSession().then(function () { return call(path, body, true); });
        }
        if (!r.ok) {
          var e = new Error(j.error || ("HTTP " + r.status));
          e.status = r.status;
          e.retryAfter = j.retryAfter;
          throw e;
        }
        return j;
      });
    });
  }

  function startSession() {
    var body = { token: load(), lang: lang, name: identity.name || null };
    if (identity.userId) {
      body.userId = String(identity.userId);
      body.userHash = identity.userHash || null;
      body.tier = identity.tier || null;
    }
    return call("session", body).then(function (s) {
      session = s;
      token = s.token;
      if (!s.verified) {
        save(s.token); // an anonymous visitor keeps their id (and history) in this site's storage
      }
      return s;
    });
  }

  // ---------------------------------------------------------------- the panel

  var ICON = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text != null) { e.textContent = text; }
    return e;
  }

  function build() {
    var host = document.createElement("baton-chat");
    host.style.setProperty("all", "initial");
    host.style.setProperty("position", "static");
    var root = host.attachShadow({ mode: "open" });
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    var wrap = el("div", "root");
    wrap.style.setProperty("--accent", session.color || "#1f6feb");
    wrap.setAttribute("lang", lang);

    var launcher = el("button", "launcher");
    launcher.setAttribute("aria-label", T.open);
    launcher.setAttribute("part", "launcher");
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", ICON);
    svg.appendChild(path);
    launcher.appendChild(svg);
    var badge = el("span", "badge");
    badge.hidden = true;
    launcher.appendChild(badge);

    var panel = el("div", "panel");
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", session.title);
    var head = el("div", "head");
    var title = el("div", "title", session.title);
    var human = el("button", "human", T.human);
    var close = el("button", "close", "×");
    close.setAttribute("aria-label", T.close);
    head.appendChild(title);
    head.appendChild(human);
    head.appendChild(close);
    var banner = el("div", "banner");
    banner.hidden = true;
    var log = el("div", "log");
    log.setAttribute("aria-live", "polite");
    var typing = el("div", "typing", T.typing);
    typing.hidden = true;
    var notice = el("div", "notice");
    notice.hidden = true;
    var compose = el("form", "compose");
    var input = el("textarea");
    input.placeholder = T.placeholder;
    input.rows = 1;
    input.maxLength = session.maxTextChars || 2000;
    var send = el("button", "send", T.send);
    send.type = "submit";
    compose.appendChild(input);
    compose.appendChild(send);
    panel.appendChild(head);
    panel.appendChild(banner);
    panel.appendChild(log);
    panel.appendChild(notice);
    panel.appendChild(compose);
    wrap.appendChild(panel);
    wrap.appendChild(launcher);
    root.appendChild(wrap);
    document.body.appendChild(host);

    launcher.addEventListener("click", function () { panel.hidden ? api.open() : api.close(); });
    close.addEventListener("click", function () { api.close(); });
    human.addEventListener("click", function () { api.requestHuman(); });
    compose.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var text = input.value.trim();
      if (!text) { return; }
      input.value = "";
      api.send(text).catch(function () { /* shown on the message */ });
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) {
        ev.preventDefault();
        compose.requestSubmit ? compose.requestSubmit() : compose.dispatchEvent(new Event("submit"));
      }
    });
    ui = { host: host, root: root, wrap: wrap, panel: panel, launcher: launcher, badge: badge, log: log, typing: typing,
      banner: banner, notice: notice, input: input, human: human, unread: 0 };
    log.appendChild(typing);
  }

  function scrollDown() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function addBubble(author, text, name) {
    var b = el("div", "msg " + author);
    if (author === "agent" || author === "bot") {
      b.appendChild(el("span", "who", author === "agent" ? (name || T.agent) : session.title));
    }
    b.appendChild(document.createTextNode(text));
    ui.log.insertBefore(b, ui.typing);
    scrollDown();
    return b;
  }

  function show(m) {
    if (shown[m.id]) { return; }
    shown[m.id] = true;
    lastId = Math.max(lastId, m.id);
    if (m.kind === "rating") {
      if (!ui.root.querySelector(".card.rating")) { // the card says thank you; after a reload, this line does
        var score = parseInt(m.text, 10) || 0;
        addBubble("system", fmt(T.rated, { stars: "★★★★★".slice(0, score) + "☆☆☆☆☆".slice(score) }));
      }
      return;
    }
    if (m.inboundId != null) { seenInbound[m.inboundId] = true; }
    var mine = m.inboundId != null && pending[m.inboundId];
    if (mine) {
      mine.classList.remove("pending");
      delete pending[m.inboundId];
    } else if (m.author === "customer" && m.kind === "human") {
      addBubble("customer", T.human);
    } else {
      addBubble(m.author, m.text, m.name);
    }
    if (m.author !== "customer") {
      ui.typing.hidden = true;
      if (ui.panel.hidden) {
        ui.unread++;
        ui.badge.textContent = String(ui.unread);
        ui.badge.hidden = false;
      }
    }
  }

  function applyState(s) {
    state = s;
    var b = ui.banner;
    b.classList.remove("agent");
    if (s.state === "QUEUED" && s.closed) {
      b.textContent = T.offlineQueued;
      b.hidden = false;
      offerForm();
    } else if (s.state === "QUEUED") {
      b.textContent = fmt(T.queued, { n: s.position || 1 })
        + (s.waitMinutes > 0 ? fmt(T.wait, { m: s.waitMinutes }) : "");
      b.hidden = false;
    } else if (s.state === "HUMAN") {
      b.textContent = s.agent ? fmt(T.agentJoined, { agent: s.agent }) : T.humanNow;
      b.classList.add("agent");
      b.hidden = false;
    } else {
      b.hidden = true;
    }
    ui.human.disabled = s.state !== "BOT";
  }

  // ---------------------------------------------------------------- cards: rating, leave a message

  function card(cls) {
    var c = el("div", "card " + cls);
    ui.log.insertBefore(c, ui.typing);
    return c;
  }

  function offerRating(episode) {
    if (ratingEpisode === episode || ui.root.querySelector(".card.rating")) { return; }
    ratingEpisode = episode;
    var c = card("rating");
    c.appendChild(el("p", null, T.rateAsk));
    var stars = el("div", "stars");
    var score = 0;
    for (var i = 1; i <= 5; i++) {
      (function (n) {
        var s = el("button", null, "★");
        s.type = "button";
        s.setAttribute("aria-label", n + "/5");
        s.dataset.score = String(n);
        s.addEventListener("click", function () {
          score = n;
          Array.prototype.forEach.call(stars.children, function (x, k) { x.classList.toggle("on", k < n); });
          go.disabled = false;
        });
        stars.appendChild(s);
      })(i);
    }
    var comment = el("textarea");
    comment.placeholder = T.ratePlaceholder;
    comment.maxLength = 1000;
    var go = el("button", "go", T.rateSend);
    go.disabled = true;
    var err = el("div", "err");
    go.addEventListener("click", function () {
      go.disabled = true;
      api.rate(score, comment.value).then(function () {
        c.textContent = "";
        c.appendChild(el("p", null, T.rateThanks));
      }, function (e) { err.textContent = e.message; go.disabled = false; });
    });
    c.appendChild(stars);
    c.appendChild(comment);
    c.appendChild(go);
    c.appendChild(err);
    scrollDown();
  }

  function offerForm() {
    if (ui.root.querySelector(".card.form")) { return; }
    var c = card("form");
    c.appendChild(el("p", null, T.offline));
    var name = el("input");
    name.placeholder = T.formName;
    name.value = identity.name || "";
    var contact = el("input");
    contact.placeholder = T.formContact;
    var question = el("textarea");
    question.placeholder = T.formQuestion;
    var go = el("button", "go", T.formSend);
    var err = el("div", "err");
    go.addEventListener("click", function () {
      err.textContent = "";
      var how = contact.value.trim();
      if (!/^\+?[0-9][0-9 ()-]{5,30}$/.test(how) && !/^[^@\s]+@[^@\s]+\.[^@\s]{2,}$/.test(how)) {
        err.textContent = T.badContact;
        return;
      }
      if (!question.value.trim()) {
        err.textContent = T.needQuestion;
        return;
      }
      go.disabled = true;
      api.leaveMessage({ name: name.value, contact: contact.value, question: question.value }).then(function () {
        c.textContent = "";
        c.appendChild(el("p", null, T.formDone));
      }, function (e) { err.textContent = e.message; go.disabled = false; });
    });
    [name, contact, question, go, err].forEach(function (x) { c.appendChild(x); });
    scrollDown();
  }

  // ---------------------------------------------------------------- the live stream (SSE over fetch)

  function stream() {
    var generation = ++streamGeneration;
    if (streamAbort) { streamAbort.abort(); }
    var ctl = new AbortController();
    streamAbort = ctl;
    var retry = 2000;
    fetch(base + "/api/web/stream", {
      method: "POST", signal: ctl.signal, credentials: "omit", mode: "cors",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + token, "Last-Event-ID": String(lastId) },
      body: JSON.stringify({ after: lastId })
    }).then(function (r) {
      if (r.status === 401) { // the token expired (a signed-in customer's lasts a day): a new session, then go on
        return startSession().then(function () { retry = 0; });
      }
      if (!r.ok || !r.body) { throw new Error("HTTP " + r.status); }
      ui.notice.hidden = true;
      var reader = r.body.getReader();
      var decoder = new TextDecoder();
      var buf = "";
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { return; }
          buf += decoder.decode(chunk.value, { stream: true });
          var cut;
          while ((cut = buf.indexOf("\n\n")) >= 0) {
            var block = buf.slice(0, cut);
            buf = buf.slice(cut + 2);
            var ev = { event: "message", data: "" };
            block.split("\n").forEach(function (line) {
              var i = line.indexOf(":");
              if (i <= 0) { return; }
              var k = line.slice(0, i), v = line.slice(i + 1).replace(/^ /, "");
              if (k === "data") { ev.data += v; } else if (k === "retry") { retry = +v || retry; } else { ev[k] = v; }
            });
            if (ev.data) { onEvent(ev.event, JSON.parse(ev.data)); }
          }
          return pump();
        });
      }
      return pump();
    }).catch(function () {
      if (generation === streamGeneration && !ctl.signal.aborted) {
        ui.notice.textContent = T.reconnecting;
        ui.notice.hidden = false;
      }
    }).then(function () {
      if (generation === streamGeneration && !ctl.signal.aborted) {
        setTimeout(function () { if (generation === streamGeneration) { stream(); } }, retry);
      }
    });
  }

  function onEvent(name, payload) {
    if (name === "message") {
      var fresh = !shown[payload.id];
      show(payload);
      if (fresh) { emit("message", payload); }
    } else if (name === "state") {
      applyState(payload);
      emit("state", payload);
    } else if (name === "rating") {
      offerRating(payload.episode);
      emit("rating", payload);
    }
  }

  function loadHistory() {
    return call("history", {}).then(function (h) {
      h.messages.forEach(show);
      applyState(h.status);
      if (h.rating) { offerRating(h.rating.episode); }
      return h;
    });
  }

  // ---------------------------------------------------------------- window.Baton

  function deliver(body, bubble) {
    return call("messages", body).then(function (r) {
      if (bubble && seenInbound[r.inboundId]) {
        bubble.remove(); // the stream was faster than this answer: the stored line is on screen already
      } else if (bubble) {
        pending[r.inboundId] = bubble;
      }
      return r;
    }, function (e) {
      if (bubble) {
        bubble.classList.remove("pending");
        bubble.classList.add("failed");
        bubble.title = e.status === 429 ? fmt(T.retryIn, { s: e.retryAfter || 1 }) : T.failed;
        bubble.addEventListener("click", function retryOnce() {
          bubble.removeEventListener("click", retryOnce);
          bubble.classList.remove("failed");
          bubble.classList.add("pending");
          deliver(body, bubble).catch(function () { });
        });
      }
      ui.typing.hidden = true;
      throw e;
    });
  }

  var api = {
    version: "1",
    /** Opens the panel. */
    open: function () {
      return ready.then(function () {
        ui.panel.hidden = false;
        ui.wrap.classList.add("open");
        ui.unread = 0;
        ui.badge.hidden = true;
        scrollDown();
        ui.input.focus();
        emit("open", {});
      });
    },
    /** Closes the panel (the launcher stays). */
    close: function () {
      return ready.then(function () {
        ui.panel.hidden = true;
        ui.wrap.classList.remove("open");
        emit("close", {});
      });
    },
    /** Sends a message; resolves when Baton stored it ({id, inboundId, duplicate}). */
    send: function (text) {
      return ready.then(function () {
        text = String(text == null ? "" : text).trim();
        var max = session.maxTextChars || 2000;
        if (!text) { return Promise.reject(new Error("empty message")); }
        if (text.length > max) {
          ui.notice.textContent = fmt(T.tooLong, { n: max });
          ui.notice.hidden = false;
          return Promise.reject(new Error(fmt(T.tooLong, { n: max })));
        }
        var bubble = addBubble("customer", text);
        bubble.classList.add("pending");
        if (state.state === "BOT") { ui.typing.hidden = false; scrollDown(); }
        return deliver({ id: newId(), text: text }, bubble);
      });
    },
    /** The 转人工 button: asks for a person, one tap. */
    requestHuman: function () {
      return ready.then(function () {
        ui.human.disabled = true;
        return deliver({ id: newId(), human: true, lang: lang }, null).catch(function (e) {
          ui.human.disabled = false;
          throw e;
        });
      });
    },
    /** Signs a customer in (or out, with no userId): {userId, userHash, name, tier, lang}. */
    identify: function (who) {
      who = who || {};
      identity = { userId: who.userId, userHash: who.userHash, name: who.name, tier: who.tier };
      if (who.lang && TEXTS[pickLang(who.lang)]) { lang = pickLang(who.lang); T = TEXTS[lang]; }
      return ready.then(startSession).then(function () {
        shown = {};
        pending = {};
        seenInbound = {};
        lastId = 0;
        ratingEpisode = null;
        Array.prototype.slice.call(ui.log.querySelectorAll(".msg, .card")).forEach(function (n) { n.remove(); });
        return loadHistory();
      }).then(function () { stream(); return { verified: session.verified }; });
    },
    /** Listens to "message", "state", "rating", "open", "close" or "ready"; returns a function that stops it. */
    on: function (event, cb) {
      if (!listeners[event]) { throw new Error("unknown event " + event); }
      listeners[event].push(cb);
      return function () { listeners[event] = listeners[event].filter(function (x) { return x !== cb; }); };
    },
    /** Rates the last conversation with a person, 1 to 5, with an optional comment. */
    rate: function (score, comment) {
      return ready.then(function () { return call("rating", { score: score, comment: comment || null }); });
    },
    /** Leaves a message to be contacted: {name, contact (phone or e-mail), question}. */
    leaveMessage: function (form) {
      return ready.then(function () {
        return call("callback", { id: newId(), name: form.name || null, contact: form.contact || null,
          question: form.question || null });
      });
    },
    /** This visitor's past messages, oldest first. */
    history: function () {
      return ready.then(function () { return call("history", {}); }).then(function (h) { return h.messages; });
    },
    /** The conversation's state: {state: "BOT"|"QUEUED"|"HUMAN", position?, agent?}. */
    state: function () {
      return state;
    }
  };
  window.Baton = api;

  function start() {
    startSession().then(function () {
      build();
      return loadHistory();
    }).then(function () {
      stream();
      readyResolve();
      emit("ready", { verified: session.verified });
    }).catch(function (e) {
      // not allowed on this site, or Baton unreachable: show nothing, break nothing
      if (window.console) { console.warn("Baton chat unavailable: " + e.message); }
      readyReject(new Error("Baton chat unavailable: " + e.message));
    });
  }

  if (document.body) {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
