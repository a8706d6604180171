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
import dev.baton.core.conversation.TurnSignals;
import dev.baton.core.handoff.HandoffBrief;
import dev.baton.core.handoff.routing.QueueTimeouts;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.store.Store;
import dev.baton.core.store.TicketRepository;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.store.NoteRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One conversation as an agent works on it: the conversation, the customer's profile, the active ticket (its reasons
 * and intent as labels, what the bot tried and how it went), the transcript (each answer's source named once), what
 * the business look-ups found (each look-up named by its label), the reply window, and knowledge suggestions for the
 * conversation's issue: the customer's latest real question ({@link HandoffBrief#current()}), not their last line,
 * which is often an order number, a "thanks" or a request for a person. The CRM lookup is separate ({@link #crm}), so
 * a slow CRM never holds the view up.
 */
public final class ConversationViews {

    /** Below this, the view warns that the reply window is closing. */
    public static final Duration WINDOW_WARNING = Duration.ofHours(2);

    /**
     * The whole view. {@code ticket} is null when there is no active ticket (the bot has the conversation).
     *
     * @param lastQuestion the customer's latest real question (small talk, requests for a person, order numbers and
     *                     emoji skipped), which the suggestions are for; null when they asked none
     * @param lookups      the business look-ups of the conversation that reached the API, oldest first
     */
    public record View(Summary conversation, Profile customer, TicketDetail ticket, List<Line> transcript,
                       Window replyWindow, String lastQuestion, List<Suggestion> suggestions, List<Lookup> lookups) {
    }

    /**
     * What a business look-up found.
     *
     * @param lookup  the look-up's name (a code, for integrations)
     * @param label   the look-up as agents read it, in the desk's language ({@link DeskLabels#lookup})
     * @param outcome {@code found}, {@code not_found} or {@code failed}
     * @param text    what the result said, in the customer's language
     */
    public record Lookup(Instant at, String lookup, String label, String outcome, String text) {
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

    /**
     * The active ticket: its queue summary and what the handoff knew.
     *
     * @param intent      the intent's code, or null
     * @param intentLabel the intent as agents read it, in the desk's language, or null
     * @param botAttempts each answer the bot gave before the handoff, with the question before it and how it went
     * @param language    the customer's language
     */
    public record TicketDetail(@JsonUnwrapped TicketSummary summary, String intent, String intentLabel,
                               List<Double> sentimentTrend, List<Attempt> botAttempts, String language) {
    }

    /**
     * One answer the bot gave before the handoff.
     *
     * @param citation the reference for the people who maintain the knowledge ({@code file › heading}), or null
     * @param outcome  {@code answered} (from the knowledge when {@code source} is set), {@code no_answer} (the bot
     *                 said it did not know) or {@code small_talk} (a greeting, thanks… and the bot's short reply)
     * @param source   the title of the knowledge entry the answer came from, or null
     */
    public record Attempt(String question, String answer, String citation, String outcome, String source) {
    }

    /**
     * One message of the transcript; {@code author} is the author's code, {@value #NOTE} for an agent's internal note
     * (never sent to the customer; {@code authorName} is the agent, {@code id} the note's own).
     *
     * @param citation the knowledge reference behind a bot answer ({@code file › heading}), or null
     * @param source   the entry's title, when the answer's text does not name it already (else null: each source is
     *                 shown once)
     */
    public record Line(long id, String at, String author, String authorName, String text, String citation,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String source) {
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

    /** The author code of an agent's internal note in the transcript. */
    public static final String NOTE = "note";

    private final Store store;
    private final NoteRepository notes;
    private final KnowledgeSearch knowledge;
    private final CrmLookup crm;
    private final QueueTimeouts timeouts;
    private final Function<Channel, ChannelLimits> limits;
    private final DeskLabels labels;
    private final Predicate<String> smallTalk;
    private final Clock clock;

    /**
     * @param smallTalk tells small talk among messages stored without triage's signals (written while queued)
     */
    public ConversationViews(Store store, KnowledgeSearch knowledge, CrmLookup crm, QueueTimeouts timeouts,
                             Function<Channel, ChannelLimits> limits, DeskLabels labels, Predicate<String> smallTalk,
                             Clock clock) {
        this.store = store;
        this.notes = new NoteRepository(store.db());
        this.knowledge = knowledge;
        this.crm = crm;
        this.timeouts = timeouts;
        this.limits = limits;
        this.labels = labels;
        this.smallTalk = smallTalk;
        this.clock = clock;
    }

    /** The conversation as {@code p} sees it (whether they may edit the customer depends on who they are). */
    public View view(Principal p, long id) {
        return view(p, id, null);
    }

    /** As {@link #view(Principal, long)}, with the labels in {@code language} (the agent's choice; null: the desk's). */
    public View view(Principal p, long id, String language) {
        Instant now = clock.instant();
        DeskLabels labels = this.labels.in(language);
        record Rows(Conversation conv, Customer customer, List<Message> transcript,
                    Optional<TicketRepository.Row> ticket, List<NoteRepository.Note> notes) {
        }
        Rows v = store.db().withConnection(c -> {
            Conversation conv = store.conversations().byId(c, id)
                    .orElseThrow(() -> Refusal.notFound("no conversation " + id));
            return new Rows(conv, store.customers().byId(c, conv.customerId()).orElseThrow(),
                    store.messages().transcript(c, id), store.tickets().activeFor(c, id),
                    notes.forConversation(c, id));
        });
        Conversation conv = v.conv();
        Customer cu = v.customer();
        String lastQuestion = issue(v.transcript());
        List<KnowledgeAnswer> hits = lastQuestion == null ? List.of() : knowledge.search(lastQuestion, 3);
        return new View(
                new Summary(conv.id(), conv.state().name(), conv.assignee(), conv.group(), conv.channel().key(),
                        conv.priority(), conv.windowNote()),
                new Profile(cu.displayName(), cu.platformId(), cu.channel().key(), cu.tier(), cu.tags(),
                        cu.language(), crm.configured(), WorkRules.mayEditCustomer(p, conv)),
                v.ticket().map(t -> detail(t, v.transcript(), now, labels)).orElse(null),
                transcript(v.transcript(), v.notes()),
                window(conv, now),
                lastQuestion,
                hits.stream().map(h -> new Suggestion(String.valueOf(h.question()), String.valueOf(h.answer()),
                        String.valueOf(h.citation()), h.confident())).toList(),
                LookupTrace.results(v.transcript()).stream().map(r -> new Lookup(r.at(), r.lookup(),
                        labels.lookup(r.lookup()), r.outcome(), r.text())).toList());
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

    private TicketDetail detail(TicketRepository.Row t, List<Message> transcript, Instant now, DeskLabels labels) {
        HandoffTicket full = t.ticket();
        int atHandoff = Math.min(transcript.size(), full.transcript().size());
        return new TicketDetail(TicketSummary.of(t, now, timeouts.timedOut(t.id()), null, labels), full.intent(),
                labels.intent(full.intent()), full.sentimentTrend(), attempts(transcript.subList(0, atHandoff)),
                full.language());
    }

    /** The customer's latest real question in the conversation, or null. */
    private String issue(List<Message> transcript) {
        HandoffBrief.Question q = HandoffBrief.read(transcript, smallTalk).current();
        return q == null ? null : q.text();
    }

    /** Each bot answer with the customer message before it, and how it went. */
    static List<Attempt> attempts(List<Message> transcript) {
        List<Attempt> out = new ArrayList<>();
        Message asked = null;
        for (Message m : transcript) {
            if (m.author() == Author.CUSTOMER) {
                asked = m;
            } else if (m.author() == Author.BOT && asked != null) {
                out.add(attempt(asked, m));
            }
        }
        return out;
    }

    private static Attempt attempt(Message asked, Message answer) {
        TurnSignals s = asked.signals();
        String source = answer.citation() == null ? null : HandoffBrief.source(answer.citation(), answer.text());
        String outcome = s != null && s.triage().smallTalk() != null ? "small_talk"
                : source == null && s != null && s.knowledgeMiss() ? "no_answer" : "answered";
        return new Attempt(asked.text(), answer.text(), answer.citation(), outcome, source);
    }

    /**
     * The messages with the agents' notes among them, by time (a note's author code is {@value #NOTE}). The notes
     * are added here, for agents' eyes; what the suggestions and the summaries read is the messages alone.
     */
    static List<Line> transcript(List<Message> messages, List<NoteRepository.Note> notes) {
        List<Line> out = new ArrayList<>(messages.size() + notes.size());
        int n = 0;
        for (Message m : messages) {
            while (n < notes.size() && notes.get(n).createdAt().isBefore(m.createdAt())) {
                out.add(note(notes.get(n++)));
            }
            out.add(line(m));
        }
        while (n < notes.size()) {
            out.add(note(notes.get(n++)));
        }
        return out;
    }

    private static Line note(NoteRepository.Note n) {
        return new Line(n.id(), n.createdAt().toString(), NOTE, n.author(), n.text(), null, null);
    }

    private static Line line(Message m) {
        String source = m.citation() == null ? null : HandoffBrief.source(m.citation(), m.text());
        if (source != null && m.text() != null && m.text().contains(source)) {
            source = null;
        }
        return new Line(m.id(), m.createdAt().toString(), m.author().code(), m.authorName(), m.text(), m.citation(),
                source);
    }
}
