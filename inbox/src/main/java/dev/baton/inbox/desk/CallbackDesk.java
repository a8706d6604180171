package dev.baton.inbox.desk;

import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.store.CallbackRepository;
import dev.baton.core.store.Store;
import dev.baton.inbox.auth.AgentDirectory;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Callbacks view (回电/留言), callable without HTTP: the messages customers left to be called back, the earliest
 * promise first, overdue ones marked; and closing one with how it went. An agent sees and closes the callbacks of the
 * groups they serve (all when they serve all); a supervisor, and the integration token, all of them. Closing is
 * recorded on the callback (who, when, outcome, note), shown in the conversation, and happens once: a second close
 * (two agents at once) is refused.
 */
public final class CallbackDesk {

    private static final Logger log = LoggerFactory.getLogger(CallbackDesk.class);

    /** The longest outcome note. */
    public static final int MAX_NOTE = 2000;

    /** How far back the closed list goes. */
    public static final Duration CLOSED_LIST = Duration.ofDays(7);

    private static final int LIMIT = 500;

    /**
     * A callback as the inbox shows it.
     *
     * @param name           the name the customer gave (or has on the channel), else their id on the channel
     * @param status         {@code open} or {@code done}
     * @param origin         {@code form}, {@code queue_timeout} or {@code off_hours}
     * @param overdue        still open after the promised time
     * @param outcome        {@code reached} or {@code unreachable} once done
     */
    public record Callback(long id, long conversationId, String channel, String status, String origin, String group,
                           String name, String contact, String question, String language, String createdAt,
                           String promisedAt, boolean overdue, String closedAt, String closedBy, String outcome,
                           String outcomeNote) {
    }

    /** Which list. */
    public enum Listing { OPEN, DONE }

    private final Store store;
    private final AgentDirectory agents;
    private final ConversationEvents events;
    private final Clock clock;
    private final CallbackRepository callbacks = new CallbackRepository();

    public CallbackDesk(Store store, AgentDirectory agents, ConversationEvents events, Clock clock) {
        this.store = store;
        this.agents = agents;
        this.events = events;
        this.clock = clock;
    }

    /** Open callbacks by promised time (or those closed in the last 7 days, latest first) that {@code p} may see. */
    public List<Callback> list(Principal p, Listing listing) {
        Instant now = clock.instant();
        List<CallbackRepository.Row> rows = store.db().withConnection(c -> listing == Listing.OPEN
                ? callbacks.withStatus(c, CallbackRepository.Status.OPEN, LIMIT)
                : callbacks.closedSince(c, now.minus(CLOSED_LIST), LIMIT));
        return rows.stream().filter(r -> mayWork(p, r)).map(r -> view(r, now)).toList();
    }

    /** A conversation's callbacks (open and done), oldest first: any agent may read them, as the transcript. */
    public List<Callback> forConversation(long conversationId) {
        conversation(conversationId);
        Instant now = clock.instant();
        return store.db().withConnection(c -> callbacks.forConversation(c, conversationId)).stream()
                .map(r -> view(r, now)).toList();
    }

    /** {@code p} called the customer back: the callback is DONE with the outcome and note. */
    public Callback close(Principal p, long id, String outcome, String note) {
        CallbackRepository.Outcome o = CallbackRepository.Outcome.of(outcome == null ? null : outcome.strip())
                .orElseThrow(() -> Refusal.invalid("outcome must be reached or unreachable"));
        String n = note == null || note.isBlank() ? null : note.strip();
        if (n != null && n.length() > MAX_NOTE) {
            throw Refusal.invalid("note is longer than " + MAX_NOTE + " characters");
        }
        CallbackRepository.Row row = store.db().withConnection(c -> callbacks.byId(c, id))
                .filter(r -> r.status() == CallbackRepository.Status.OPEN
                        || r.status() == CallbackRepository.Status.DONE)
                .orElseThrow(() -> Refusal.notFound("no callback " + id));
        if (!mayWork(p, row)) {
            throw Refusal.forbidden("callback " + id + " is for group " + row.group() + ", not yours");
        }
        Instant now = clock.instant();
        if (!store.db().inTransaction(c -> callbacks.close(c, id, p.name(), o, n, now))) {
            CallbackRepository.Row closed = store.db().withConnection(c -> callbacks.byId(c, id)).orElseThrow();
            throw Refusal.conflict("callback " + id + " was already closed by " + closed.closedBy());
        }
        log.info("conversation {}: callback {} closed ({}) by {} via {}", row.conversationId(), id, o.code(),
                p.name(), p.via());
        events.changed(row.conversationId(), ConversationEvents.Kind.CALLBACK);
        return view(store.db().withConnection(c -> callbacks.byId(c, id)).orElseThrow(), now);
    }

    private boolean mayWork(Principal p, CallbackRepository.Row r) {
        if (p.integration() || p.role().atLeast(Role.SUPERVISOR) || r.group() == null) {
            return true;
        }
        return agents.find(p.name()).map(a -> a.serves(r.group())).orElse(false);
    }

    private Conversation conversation(long id) {
        return store.db().withConnection(c -> store.conversations().byId(c, id))
                .orElseThrow(() -> Refusal.notFound("no conversation " + id));
    }

    private Callback view(CallbackRepository.Row r, Instant now) {
        Optional<Conversation> conv = store.db().withConnection(c -> store.conversations().byId(c, r.conversationId()));
        boolean open = r.status() == CallbackRepository.Status.OPEN;
        String name = r.customerName() != null ? r.customerName() : conv.flatMap(cv -> store.db().withConnection(c ->
                store.customers().byId(c, cv.customerId()))).map(cu -> cu.platformId()).orElse(null);
        return new Callback(r.id(), r.conversationId(), conv.map(c -> c.channel().key()).orElse(null),
                open ? "open" : "done", r.origin().code(), r.group(), name, r.contact(), r.question(),
                r.language(), str(r.requestedAt() != null ? r.requestedAt() : r.createdAt()), str(r.promisedAt()),
                open && r.promisedAt() != null && r.promisedAt().isBefore(now), str(r.closedAt()), r.closedBy(),
                r.outcome() == null ? null : r.outcome().code(), r.outcomeNote());
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
