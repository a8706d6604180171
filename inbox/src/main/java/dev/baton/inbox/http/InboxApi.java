package dev.baton.inbox.http;

import dev.baton.inbox.live.LiveEvents;
import dev.baton.inbox.analytics.Analytics;
import dev.baton.inbox.knowledge.KnowledgeDrafts;
import dev.baton.inbox.desk.CrmLookup;
import dev.baton.inbox.desk.CustomerProfiles;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.auth.AgentDirectory;
import dev.baton.core.conversation.HandoffReason;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.handoff.routing.BusinessHours;
import dev.baton.core.handoff.routing.GroupRouter;
import dev.baton.core.handoff.routing.QueueTimeouts;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.Customer;
import dev.baton.core.store.EngineJson;
import dev.baton.core.conversation.Message;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.handoff.HumanDesk;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.store.Store;
import dev.baton.core.store.TicketRepository;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The inbox REST API (described in {@code docs/openapi.yaml}), used by the /inbox pages (session + CSRF) and by
 * helpdesks (API token):
 * <pre>
 * GET  /api/me                                   who am I (+ CSRF token for sessions)
 * GET  /api/queue                                active tickets, priority first, with reasons and wait
 * GET  /api/team                                 agents (load, capacity) and groups (open now?)
 * GET  /api/conversations/{id}                   the conversation view: ticket, profile, transcript, window, assist
 * GET  /api/conversations/{id}/crm               the CRM lookup (separate, so it never blocks the view)
 * POST /api/tickets/{id}/claim                   take it
 * POST /api/tickets/{id}/assign   {agent}        supervisor: give it to an agent
 * POST /api/tickets/{id}/transfer {group|agent}  to a group's queue; to another agent needs supervisor; to
 *                                                oneself is a claim (same rules, same answers)
 * POST /api/conversations/{id}/reply   {text}      to a conversation the bot has: takes it over (ticket held)
 * POST /api/conversations/{id}/resolve {note, resolution: resolved|returned}
 * POST /api/conversations/{id}/knowledge-drafts {question, answer}
 * POST /api/conversations/{id}/customer {tier?, tags?}  set the customer's tier/tags (supervisor, or the holder)
 * GET  /api/drafts, POST /api/drafts/{name}/approve, POST /api/drafts/{name}/discard (supervisor)
 * GET  /api/analytics?days=7                     supervisor
 * GET  /api/events                               SSE: change events
 * </pre>
 * Per-agent tokens are managed by {@link TokenApi} ({@code /api/tokens}).
 */
public final class InboxApi implements Consumer<Javalin> {

    /** Below this, the conversation view warns that the reply window is closing. */
    static final Duration WINDOW_WARNING = Duration.ofHours(2);

    private final Store store;
    private final HumanDesk desk;
    private final ObjectMapper json;
    private final InboxAuth auth;
    private final AgentDirectory agents;
    private final GroupRouter groups;
    private final List<String> groupNames;
    private final KnowledgeSearch knowledge;
    private final KnowledgeDrafts drafts;
    private final CrmLookup crm;
    private final Analytics analytics;
    private final QueueTimeouts timeouts;
    private final LiveEvents live;
    private final Function<Channel, ChannelLimits> limits;
    private final CustomerProfiles profiles;
    private final Clock clock;

    public InboxApi(Store store, HumanDesk desk, ObjectMapper json, InboxAuth auth, AgentDirectory agents,
                    GroupRouter groups, List<String> groupNames, KnowledgeSearch knowledge, KnowledgeDrafts drafts,
                    CrmLookup crm, Analytics analytics, QueueTimeouts timeouts, LiveEvents live,
                    Function<Channel, ChannelLimits> limits, CustomerProfiles profiles, Clock clock) {
        this.store = store;
        this.desk = desk;
        this.json = json;
        this.auth = auth;
        this.agents = agents;
        this.groups = groups;
        this.groupNames = List.copyOf(groupNames);
        this.knowledge = knowledge;
        this.drafts = drafts;
        this.crm = crm;
        this.analytics = analytics;
        this.timeouts = timeouts;
        this.live = live;
        this.limits = limits;
        this.profiles = profiles;
        this.clock = clock;
    }

    @Override
    public void accept(Javalin app) {
        app.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).json(Map.of("error", e.getMessage())));
        app.exception(HumanDesk.Refused.class, (e, ctx) -> ctx.status(e.notFound() ? 404 : 409)
                .json(Map.of("error", e.getMessage())));
        app.get("/api/me", this::me);
        app.get("/api/queue", this::queue);
        app.get("/api/team", this::team);
        app.get("/api/conversations/{id}", this::conversation);
        app.get("/api/conversations/{id}/crm", this::crm);
        app.post("/api/tickets/{id}/claim", this::claim);
        app.post("/api/tickets/{id}/assign", this::assign);
        app.post("/api/tickets/{id}/transfer", this::transfer);
        app.post("/api/conversations/{id}/reply", this::reply);
        app.post("/api/conversations/{id}/resolve", this::resolve);
        app.post("/api/conversations/{id}/knowledge-drafts", this::saveDraft);
        app.post("/api/conversations/{id}/customer", this::setCustomer);
        app.get("/api/drafts", this::listDrafts);
        app.post("/api/drafts/{name}/approve", this::approveDraft);
        app.post("/api/drafts/{name}/discard", this::discardDraft);
        app.delete("/api/drafts/{name}", this::discardDraft);
        app.get("/api/analytics", this::analytics);
        app.before("/api/events", ctx -> auth.require(ctx, Role.AGENT));
        app.sse("/api/events", live::connect);
    }

    private void me(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("role", p.role().name().toLowerCase(Locale.ROOT));
        m.put("via", via(p));
        if (p.tokenId() != null) {
            m.put("tokenId", p.tokenId());
        }
        if (!p.viaToken()) {
            auth.session(ctx).ifPresent(s -> m.put("csrf", s.csrf()));
        }
        ctx.json(m);
    }

    private void queue(Context ctx) {
        auth.require(ctx, Role.AGENT);
        Instant now = clock.instant();
        List<TicketRepository.Row> rows = store.db().withConnection(c -> store.tickets().active(c));
        List<Map<String, Object>> items = new ArrayList<>();
        int position = 0;
        for (TicketRepository.Row t : rows) {
            Map<String, Object> m = ticketSummary(t, now);
            if (t.status() == TicketRepository.Status.OPEN) {
                m.put("position", ++position);
            }
            items.add(m);
        }
        ctx.json(Map.of("items", items, "now", now.toString()));
    }

    private Map<String, Object> ticketSummary(TicketRepository.Row t, Instant now) {
        HandoffTicket ticket = t.ticket();
        List<String> reasons = t.reasons().stream().map(HandoffReason::code).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("conversationId", t.conversationId());
        m.put("status", t.status().name().toLowerCase(Locale.ROOT));
        m.put("reasons", reasons);
        m.put("explanation", ticket.explanation());
        m.put("priority", t.priority());
        m.put("group", t.group());
        m.put("assignee", t.assignee());
        m.put("summary", t.summary());
        m.put("customer", ticket.customer() == null ? null : Map.of("name",
                String.valueOf(Optional.ofNullable(ticket.customer().name()).orElse(ticket.customer().platformId())),
                "channel", ticket.customer().channel().key(),
                "tier", String.valueOf(Optional.ofNullable(ticket.customer().tier()).orElse(""))));
        m.put("vip", t.hasReason(HandoffReason.VIP));
        m.put("sensitive", t.hasReason(HandoffReason.SENSITIVE_INTENT));
        m.put("createdAt", t.createdAt().toString());
        m.put("waitSeconds", Duration.between(t.createdAt(), t.claimedAt() != null ? t.claimedAt() : now)
                .toSeconds());
        m.put("timedOut", timeouts.timedOut(t.id()));
        return m;
    }

    private void team(Context ctx) {
        auth.require(ctx, Role.AGENT);
        List<TicketRepository.Row> rows = store.db().withConnection(c -> store.tickets().active(c));
        Instant now = clock.instant();
        List<Map<String, Object>> people = agents.all().stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("role", a.role().name().toLowerCase(Locale.ROOT));
            m.put("groups", a.groups());
            m.put("capacity", a.capacity());
            m.put("load", rows.stream().filter(t -> a.name().equals(t.assignee())).count());
            return m;
        }).toList();
        List<Map<String, Object>> teams = groupNames.stream().map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", g);
            m.put("open", groups.group(g).map(x -> BusinessHours.of(x.hours()).isOpen(now)).orElse(true));
            m.put("queued", rows.stream().filter(t -> g.equals(t.group())
                    && t.status() == TicketRepository.Status.OPEN).count());
            return m;
        }).toList();
        ctx.json(Map.of("agents", people, "groups", teams));
    }

    private void conversation(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        long id = id(ctx);
        Instant now = clock.instant();
        record View(Conversation conv, Customer customer, List<Message> transcript,
                    Optional<TicketRepository.Row> ticket) {
        }
        View v = store.db().withConnection(c -> {
            Conversation conv = store.conversations().byId(c, id)
                    .orElseThrow(() -> new ApiError(404, "no conversation " + id));
            return new View(conv, store.customers().byId(c, conv.customerId()).orElseThrow(),
                    store.messages().transcript(c, id), store.tickets().activeFor(c, id));
        });
        Map<String, Object> out = new LinkedHashMap<>();
        Conversation conv = v.conv();
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("id", conv.id());
        cm.put("state", conv.state().name());
        cm.put("assignee", conv.assignee());
        cm.put("group", conv.group());
        cm.put("channel", conv.channel().key());
        cm.put("priority", conv.priority());
        cm.put("windowNote", conv.windowNote());
        out.put("conversation", cm);
        Customer cu = v.customer();
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", cu.displayName());
        profile.put("platformId", cu.platformId());
        profile.put("channel", cu.channel().key());
        profile.put("tier", cu.tier());
        profile.put("tags", cu.tags());
        profile.put("language", cu.language());
        profile.put("crm", crm.configured());
        profile.put("editable", mayEditCustomer(p, conv));
        out.put("customer", profile);
        out.put("ticket", v.ticket().map(t -> {
            Map<String, Object> m = ticketSummary(t, now);
            HandoffTicket full = t.ticket();
            m.put("intent", full.intent());
            m.put("sentimentTrend", full.sentimentTrend());
            m.put("botAttempts", full.botAttempts());
            m.put("language", full.language());
            return m;
        }).orElse(null));
        out.put("transcript", v.transcript().stream().map(msg -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", msg.id());
            m.put("at", msg.createdAt().toString());
            m.put("author", msg.author().code());
            m.put("authorName", msg.authorName());
            m.put("text", msg.text());
            m.put("citation", msg.citation());
            return m;
        }).toList());
        out.put("replyWindow", window(conv, now));
        String lastQuestion = null;
        for (Message msg : v.transcript()) {
            if (msg.author() == Author.CUSTOMER && msg.text() != null && !msg.text().startsWith("[")) {
                lastQuestion = msg.text();
            }
        }
        List<KnowledgeAnswer> hits = lastQuestion == null ? List.of() : knowledge.search(lastQuestion, 3);
        out.put("lastQuestion", lastQuestion);
        out.put("suggestions", hits.stream().map(h -> Map.of("question", String.valueOf(h.question()),
                "answer", String.valueOf(h.answer()), "citation", String.valueOf(h.citation()),
                "confident", h.confident())).toList());
        ctx.json(out);
    }

    /** The reply-window status: unlimited, open, closing (under {@link #WINDOW_WARNING}) or closed. */
    Map<String, Object> window(Conversation conv, Instant now) {
        ChannelLimits l = limits.apply(conv.channel());
        Duration left = l == null ? null : l.windowRemaining(conv.lastCustomerMessageAt(), now);
        Map<String, Object> m = new LinkedHashMap<>();
        if (left == null) {
            m.put("status", "unlimited");
            return m;
        }
        m.put("remainingSeconds", left.toSeconds());
        m.put("status", left.isZero() ? "closed" : left.compareTo(WINDOW_WARNING) < 0 ? "closing" : "open");
        return m;
    }

    private void crm(Context ctx) {
        auth.require(ctx, Role.AGENT);
        long id = id(ctx);
        Customer cu = store.db().withConnection(c -> {
            Conversation conv = store.conversations().byId(c, id)
                    .orElseThrow(() -> new ApiError(404, "no conversation " + id));
            return store.customers().byId(c, conv.customerId()).orElseThrow();
        });
        Optional<JsonNode> data = crm.lookup(cu.channel().key(), cu.platformId(), id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("configured", crm.configured());
        m.put("found", data.isPresent());
        m.put("data", data.orElse(null));
        ctx.json(m);
    }

    private void claim(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        take(ctx, p, id(ctx));
    }

    /**
     * The caller takes the ticket: group and capacity ({@link #checkMayTake}), then refused if someone else holds it.
     * A transfer to oneself comes here too, so it has exactly the rules (and the answers) of a claim.
     */
    private void take(Context ctx, Principal p, long ticketId) {
        TicketRepository.Row t = ticket(ticketId);
        checkMayTake(p, p.name(), t);
        desk.claim(ticketId, p.name());
        ctx.json(Map.of("ticketId", ticketId, "assignee", p.name()));
    }

    private void assign(Context ctx) {
        Principal p = auth.require(ctx, Role.SUPERVISOR);
        long ticketId = id(ctx);
        String agent = text(body(ctx), "agent");
        checkAgent(p, agent);
        desk.assignTo(ticketId, agent);
        ctx.json(Map.of("ticketId", ticketId, "assignee", agent));
    }

    private void transfer(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        long ticketId = id(ctx);
        JsonNode body = body(ctx);
        String agent = body.path("agent").asText("").strip();
        String group = body.path("group").asText("").strip();
        if (agent.equals(p.name())) {
            take(ctx, p, ticketId);
            return;
        }
        TicketRepository.Row t = ticket(ticketId);
        if (!agent.isEmpty()) {
            if (!p.role().atLeast(Role.SUPERVISOR)) {
                throw ApiError.forbidden("transferring to another agent needs the supervisor role; transfer to a "
                        + "group instead");
            }
            checkAgent(p, agent);
            desk.assignTo(ticketId, agent);
            ctx.json(Map.of("ticketId", ticketId, "assignee", agent));
            return;
        }
        if (group.isEmpty()) {
            throw ApiError.badRequest("give a group or an agent");
        }
        if (!groupNames.isEmpty() && !groupNames.contains(group)) {
            throw ApiError.badRequest("unknown group " + group + "; groups: " + String.join(", ", groupNames));
        }
        if (t.assignee() != null && !t.assignee().equals(p.name()) && !p.role().atLeast(Role.SUPERVISOR)) {
            throw ApiError.forbidden("ticket " + ticketId + " is with " + t.assignee());
        }
        desk.transfer(ticketId, group);
        ctx.json(Map.of("ticketId", ticketId, "group", group));
    }

    private void reply(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        long id = id(ctx);
        String text = text(body(ctx), "text");
        if (text.length() > 4000) {
            throw ApiError.badRequest("text is longer than 4000 characters");
        }
        checkOwns(p, id);
        HumanDesk.Sent sent = desk.reply(id, p.name(), text, takeoverGroup(p));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("conversationId", id);
        m.put("outboxId", sent.outboxId());
        if (sent.takenOver() != null) {
            m.put("takeover", true);
            m.put("ticketId", sent.takenOver().id());
        }
        ctx.status(202).json(m);
    }

    /** The group of the ticket a takeover opens: the agent's first group, else the first configured one. */
    private String takeoverGroup(Principal p) {
        return agents.find(p.name()).map(AgentDirectory.Agent::groups).filter(g -> !g.isEmpty()).map(g -> g.get(0))
                .orElse(groupNames.isEmpty() ? null : groupNames.get(0));
    }

    private void resolve(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        long id = id(ctx);
        JsonNode body = body(ctx);
        String resolution = body.path("resolution").asText("resolved");
        if (!List.of("resolved", "returned").contains(resolution)) {
            throw ApiError.badRequest("resolution must be resolved or returned");
        }
        String note = body.path("note").asText("").strip();
        if (note.length() > 2000) {
            throw ApiError.badRequest("note is longer than 2000 characters");
        }
        checkOwns(p, id);
        desk.resolve(id, p.name(), note.isEmpty() ? null : note, resolution);
        ctx.json(Map.of("conversationId", id, "state", ConversationState.BOT.name(), "resolution", resolution));
    }

    /**
     * Sets the customer's tier and/or tags: a supervisor (or the integration token) always, an agent only while they
     * hold the conversation. A field left out keeps its value; {@code "tier": null} or {@code ""} clears the tier.
     */
    private void setCustomer(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        long id = id(ctx);
        JsonNode body = body(ctx);
        Optional<String> tier = Optional.empty();
        if (body.has("tier")) {
            JsonNode t = body.get("tier");
            if (!t.isNull() && !t.isTextual()) {
                throw ApiError.badRequest("tier must be a string (or null to clear it)");
            }
            String value = t.isNull() ? "" : t.asText();
            String problem = CustomerProfiles.tierProblem(CustomerProfiles.normalizeTier(value));
            if (problem != null) {
                throw ApiError.badRequest(problem);
            }
            tier = Optional.of(value);
        }
        Optional<List<String>> tags = Optional.empty();
        if (body.has("tags")) {
            JsonNode t = body.get("tags");
            if (!t.isArray()) {
                throw ApiError.badRequest("tags must be an array of strings");
            }
            List<String> list = new ArrayList<>();
            for (JsonNode x : t) {
                if (!x.isTextual()) {
                    throw ApiError.badRequest("tags must be an array of strings");
                }
                list.add(x.asText());
            }
            String problem = CustomerProfiles.tagsProblem(list);
            if (problem != null) {
                throw ApiError.badRequest(problem);
            }
            tags = Optional.of(list);
        }
        if (tier.isEmpty() && tags.isEmpty()) {
            throw ApiError.badRequest("give tier and/or tags, e.g. {\"tier\":\"vip\",\"tags\":[\"gold-card\"]}");
        }
        Conversation conv = store.db().withConnection(c -> store.conversations().byId(c, id))
                .orElseThrow(() -> new ApiError(404, "no conversation " + id));
        if (!mayEditCustomer(p, conv)) {
            throw ApiError.forbidden("changing the customer's tier or tags needs the supervisor role, or the "
                    + "conversation must be with you");
        }
        CustomerProfiles.Change change = profiles.set(conv.customerId(), id, tier, tags, p.name(), via(p));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("conversationId", id);
        m.put("tier", change.after().tier());
        m.put("tags", change.after().tags());
        m.put("changed", change.changed());
        ctx.json(m);
    }

    /** Supervisors (and integrations) always; an agent while the conversation is with them. */
    private static boolean mayEditCustomer(Principal p, Conversation conv) {
        return p.role().atLeast(Role.SUPERVISOR)
                || (conv.state() == ConversationState.HUMAN && p.name().equals(conv.assignee()));
    }

    private static String via(Principal p) {
        return p.integration() ? "integration-token" : p.viaToken() ? "agent-token" : "session";
    }

    private void saveDraft(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        long id = id(ctx);
        JsonNode body = body(ctx);
        String name = drafts.save(body.path("question").asText(""), body.path("answer").asText(""), id, p.name());
        ctx.status(201).json(Map.of("name", name));
    }

    private void listDrafts(Context ctx) {
        auth.require(ctx, Role.AGENT);
        ctx.json(Map.of("items", drafts.list()));
    }

    private void approveDraft(Context ctx) {
        Principal p = auth.require(ctx, Role.SUPERVISOR);
        ctx.json(Map.of("approved", drafts.approve(ctx.pathParam("name"), p.name())));
    }

    private void discardDraft(Context ctx) {
        auth.require(ctx, Role.SUPERVISOR);
        drafts.discard(ctx.pathParam("name"));
        ctx.json(Map.of("discarded", ctx.pathParam("name")));
    }

    private void analytics(Context ctx) {
        auth.require(ctx, Role.SUPERVISOR);
        int days;
        try {
            days = Integer.parseInt(Optional.ofNullable(ctx.queryParam("days")).orElse("7"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("days must be a number");
        }
        if (days < 1 || days > 366) {
            throw ApiError.badRequest("days must be between 1 and 366");
        }
        ctx.json(analytics.report(Duration.ofDays(days)));
    }

    /**
     * An agent may reply/resolve when the conversation is theirs or still queued; a supervisor always. A reply to a
     * conversation without a ticket (the bot has it) takes it over, which counts against the agent's capacity.
     */
    private void checkOwns(Principal p, long conversationId) {
        Conversation conv = store.db().withConnection(c -> store.conversations().byId(c, conversationId))
                .orElseThrow(() -> new ApiError(404, "no conversation " + conversationId));
        if (p.role().atLeast(Role.SUPERVISOR)) {
            return;
        }
        if (conv.state() == ConversationState.HUMAN && conv.assignee() != null && !conv.assignee().equals(p.name())) {
            throw ApiError.forbidden("conversation " + conversationId + " is with " + conv.assignee());
        }
        Optional<TicketRepository.Row> ticket = store.db().withConnection(c -> store.tickets().activeFor(c,
                conversationId));
        if (conv.state() == ConversationState.QUEUED && ticket.isPresent()) {
            checkMayTake(p, p.name(), ticket.get());
        } else if (ticket.isEmpty()) {
            checkCapacity(p, p.name(), -1);
        }
    }

    /** Group membership and capacity, for agents taking work themselves. */
    private void checkMayTake(Principal p, String agentName, TicketRepository.Row t) {
        if (p.integration() || p.role().atLeast(Role.SUPERVISOR)) {
            return;
        }
        AgentDirectory.Agent a = agents.find(agentName).orElseThrow(() -> ApiError.forbidden("unknown agent"));
        if (!a.serves(t.group())) {
            throw ApiError.forbidden("ticket " + t.id() + " is for group " + t.group() + ", not yours");
        }
        checkCapacity(p, agentName, t.id());
    }

    /** An agent holding as many tickets as their capacity (not counting {@code ticketId}) takes no more: 409. */
    private void checkCapacity(Principal p, String agentName, long ticketId) {
        if (p.integration() || p.role().atLeast(Role.SUPERVISOR)) {
            return;
        }
        AgentDirectory.Agent a = agents.find(agentName).orElseThrow(() -> ApiError.forbidden("unknown agent"));
        long load = store.db().withConnection(c -> store.tickets().active(c)).stream()
                .filter(x -> agentName.equals(x.assignee()) && x.id() != ticketId).count();
        if (load >= a.capacity()) {
            throw new ApiError(409, "you already hold " + load + " conversations (capacity " + a.capacity() + ")");
        }
    }

    private void checkAgent(Principal p, String agent) {
        if (!p.integration() && agents.find(agent).isEmpty()) {
            throw ApiError.badRequest("unknown agent " + agent);
        }
    }

    private TicketRepository.Row ticket(long id) {
        return store.db().withConnection(c -> store.tickets().byId(c, id))
                .orElseThrow(() -> new ApiError(404, "no ticket " + id));
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("id must be a number");
        }
    }

    private JsonNode body(Context ctx) {
        return jsonObject(json, ctx);
    }

    /** The request body as a JSON object (an empty body is {@code {}}); 400 otherwise. */
    static JsonNode jsonObject(ObjectMapper json, Context ctx) {
        try {
            byte[] bytes = ctx.bodyAsBytes();
            JsonNode n = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw ApiError.badRequest("body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw ApiError.badRequest("body must be JSON");
        }
    }

    private static String text(JsonNode body, String field) {
        String v = body.path(field).asText("").strip();
        if (v.isEmpty()) {
            throw ApiError.badRequest(field + " is required");
        }
        return v;
    }
}
