package dev.baton.inbox.desk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.Customer;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.conversation.LookupTrace;
import dev.baton.core.conversation.Message;
import dev.baton.core.handoff.routing.QueueTimeouts;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.store.Store;
import dev.baton.core.store.TicketRepository;
import dev.baton.inbox.auth.Principal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One conversation as an agent works on it: the conversation, the customer's profile, the active ticket, the
 * transcript, what the business look-ups found, the reply window, and knowledge suggestions for the customer's last
 * question. The CRM lookup is
 * separate ({@link #crm}), so a slow CRM never holds the view up.
 */
public final class ConversationViews {

    /** Below this, the view warns that the reply window is closing. */
    public static final Duration WINDOW_WARNING = Duration.ofHours(2);

    /**
     * The whole view. {@code ticket} is null when there is no active ticket (the bot has the conversation);
     * {@code lookups} are the business look-ups of the conversation that reached the API, oldest first.
     */
    public record View(Summary conversation, Profile customer, TicketDetail ticket, List<Line> transcript,
                       Window replyWindow, String lastQuestion, List<Suggestion> suggestions,
                       List<HandoffTicket.LookupResult> lookups) {
    }

    /** The conversation's state and routing. */
    public record Summary(long id, String state, String assignee, String group, String channel, int priority,
                          String windowNote) {
    }

    /**
     * The customer panel.
     *
     * @param crm      a CRM lookup is configured
     * @param editable the caller may change tier and tags ({@link WorkRules#mayEditCustomer})
     */
    public record Profile(String name, String platformId, String channel, String tier, List<String> tags,
                          String language, boolean crm, boolean editable) {
    }

    /** The active ticket: its queue summary and what the handoff knew. */
    public record TicketDetail(@JsonUnwrapped TicketSummary summary, String intent, List<Double> sentimentTrend,
                               List<HandoffTicket.BotAttempt> botAttempts, String language) {
    }

    /** One message of the transcript; {@code author} is the author's code. */
    public record Line(long id, String at, String author, String authorName, String text, String citation) {
    }

    /**
     * The reply window: {@code unlimited}, {@code open}, {@code closing} (under {@link #WINDOW_WARNING}) or
     * {@code closed}, with the seconds left unless unlimited.
     */
    public record Window(String status, @JsonInclude(JsonInclude.Include.NON_NULL) Long remainingSeconds) {
    }

    /** A knowledge answer that may fit the last question. */
    public record Suggestion(String question, String answer, String citation, boolean confident) {
    }

    /** The CRM's answer: {@code data} is its JSON, when configured and found. */
    public record CrmAnswer(boolean configured, boolean found, JsonNode data) {
    }

    private final Store store;
    private final KnowledgeSearch knowledge;
    private final CrmLookup crm;
    private final QueueTimeouts timeouts;
    private final Function<Channel, ChannelLimits> limits;
    private final Clock clock;

    public ConversationViews(Store store, KnowledgeSearch knowledge, CrmLookup crm,
                             QueueTimeouts timeouts, Function<Channel, ChannelLimits> limits, Clock clock) {
        this.store = store;
        this.knowledge = knowledge;
        this.crm = crm;
        this.timeouts = timeouts;
        this.limits = limits;
        this.clock = clock;
    }

    /** The conversation as {@code p} sees it (whether they may edit the customer depends on who they are). */
    public View view(Principal p, long id) {
        Instant now = clock.instant();
        record Rows(Conversation conv, Customer customer, List<Message> transcript,
                    Optional<TicketRepository.Row> ticket) {
        }
        Rows v = store.db().withConnection(c -> {
            Conversation conv = store.conversations().byId(c, id)
                    .orElseThrow(() -> Refusal.notFound("no conversation " + id));
            return new Rows(conv, store.customers().byId(c, conv.customerId()).orElseThrow(),
                    store.messages().transcript(c, id), store.tickets().activeFor(c, id));
        });
        Conversation conv = v.conv();
        Customer cu = v.customer();
        String lastQuestion = lastQuestion(v.transcript());
        List<KnowledgeAnswer> hits = lastQuestion == null ? List.of() : knowledge.search(lastQuestion, 3);
        return new View(
                new Summary(conv.id(), conv.state().name(), conv.assignee(), conv.group(), conv.channel().key(),
                        conv.priority(), conv.windowNote()),
                new Profile(cu.displayName(), cu.platformId(), cu.channel().key(), cu.tier(), cu.tags(),
                        cu.language(), crm.configured(), WorkRules.mayEditCustomer(p, conv)),
                v.ticket().map(t -> detail(t, now)).orElse(null),
                v.transcript().stream().map(m -> new Line(m.id(), m.createdAt().toString(), m.author().code(),
                        m.authorName(), m.text(), m.citation())).toList(),
                window(conv, now),
                lastQuestion,
                hits.stream().map(h -> new Suggestion(String.valueOf(h.question()), String.valueOf(h.answer()),
                        String.valueOf(h.citation()), h.confident())).toList(),
                LookupTrace.results(v.transcript()));
    }

    /** The customer of the conversation looked up in the CRM (empty when not configured, slow or broken). */
    public CrmAnswer crm(long conversationId) {
        Customer cu = store.db().withConnection(c -> {
            Conversation conv = store.conversations().byId(c, conversationId)
                    .orElseThrow(() -> Refusal.notFound("no conversation " + conversationId));
            return store.customers().byId(c, conv.customerId()).orElseThrow();
        });
        Optional<JsonNode> data = crm.lookup(cu.channel().key(), cu.platformId(), conversationId);
        return new CrmAnswer(crm.configured(), data.isPresent(), data.orElse(null));
    }

    /** The reply-window status of the conversation at {@code now}. */
    public Window window(Conversation conv, Instant now) {
        ChannelLimits l = limits.apply(conv.channel());
        Duration left = l == null ? null : l.windowRemaining(conv.lastCustomerMessageAt(), now);
        if (left == null) {
            return new Window("unlimited", null);
        }
        String status = left.isZero() ? "closed" : left.compareTo(WINDOW_WARNING) < 0 ? "closing" : "open";
        return new Window(status, left.toSeconds());
    }

    private TicketDetail detail(TicketRepository.Row t, Instant now) {
        HandoffTicket full = t.ticket();
        return new TicketDetail(TicketSummary.of(t, now, timeouts.timedOut(t.id()), null), full.intent(),
                full.sentimentTrend(), full.botAttempts(), full.language());
    }

    /** The customer's last text message (not a placeholder such as "[image]"), or null. */
    private static String lastQuestion(List<Message> transcript) {
        String last = null;
        for (Message m : transcript) {
            if (m.author() == Author.CUSTOMER && m.text() != null && !m.text().startsWith("[")) {
                last = m.text();
            }
        }
        return last;
    }
}
