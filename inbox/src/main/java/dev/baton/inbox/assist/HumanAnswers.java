package dev.baton.inbox.assist;

import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.Message;
import dev.baton.core.handoff.HandoffBrief;
import dev.baton.core.store.Store;
import dev.baton.core.store.TicketRepository;
import dev.baton.text.Language;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What people answered when the bot handed a question over: for each resolved ticket, the customer's question at the
 * handoff (the handoff summary's "what they want now", {@link HandoffBrief#current()}) and the agent's answer in that
 * episode. The answer is the agent's longest reply between the handoff and the resolve: the one with the substance,
 * not "Hi, Ann here" or "anything else?". Tickets without a human reply are left out. A resolved episode never
 * changes, so each is read once and kept ({@link #CAPACITY} of them).
 */
public final class HumanAnswers {

    /** Resolved episodes kept in memory. */
    public static final int CAPACITY = 5_000;

    /**
     * A human answer.
     *
     * @param ticketId       the ticket of the episode
     * @param conversationId its conversation
     * @param question       what the customer wanted when the bot handed over
     * @param agent          who answered
     * @param text           the answer
     * @param language       the answer's language ({@code zh} or {@code en})
     * @param at             when it was sent
     */
    public record Answer(long ticketId, long conversationId, String question, String agent, String text,
                         String language, Instant at) {
    }

    private final Store store;
    private final Predicate<String> smallTalk;
    private final Map<Long, Optional<Answer>> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Optional<Answer>> eldest) {
            return size() > CAPACITY;
        }
    };

    /** @param smallTalk tells small talk among messages stored without triage's signals */
    public HumanAnswers(Store store, Predicate<String> smallTalk) {
        this.store = store;
        this.smallTalk = smallTalk;
    }

    /**
     * The answers of tickets opened since {@code from} and resolved, newest first, at most {@code max} tickets read.
     */
    public List<Answer> since(Instant from, int max) {
        List<TicketRepository.Row> resolved = store.db().withConnection(c -> store.tickets().since(c, from)).stream()
                .filter(t -> t.status() == TicketRepository.Status.RESOLVED)
                .sorted(Comparator.comparingLong(TicketRepository.Row::id).reversed()).limit(max).toList();
        List<Answer> out = new ArrayList<>();
        for (TicketRepository.Row t : resolved) {
            of(t, null).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The answer of a resolved ticket, or empty (not resolved, no human reply, no question).
     *
     * @param transcript the conversation's transcript when the caller has it, else null (it is read)
     */
    public Optional<Answer> of(TicketRepository.Row ticket, List<Message> transcript) {
        if (ticket.status() != TicketRepository.Status.RESOLVED || ticket.resolvedAt() == null) {
            return Optional.empty();
        }
        synchronized (cache) {
            Optional<Answer> known = cache.get(ticket.id());
            if (known != null) {
                return known;
            }
        }
        List<Message> messages = transcript != null ? transcript
                : store.db().withConnection(c -> store.messages().transcript(c, ticket.conversationId()));
        Optional<Answer> answer = read(ticket, messages);
        synchronized (cache) {
            cache.put(ticket.id(), answer);
        }
        return answer;
    }

    private Optional<Answer> read(TicketRepository.Row t, List<Message> messages) {
        List<Message> before = messages.stream().filter(m -> !m.createdAt().isAfter(t.createdAt())).toList();
        HandoffBrief.Question q = HandoffBrief.read(before, smallTalk).current();
        Message best = null;
        for (Message m : messages) {
            if (m.author() == Author.HUMAN && !m.createdAt().isBefore(t.createdAt())
                    && !m.createdAt().isAfter(t.resolvedAt()) && m.text() != null && !m.text().isBlank()
                    && (best == null || m.text().strip().length() > best.text().strip().length())) {
                best = m;
            }
        }
        if (q == null || best == null) {
            return Optional.empty();
        }
        return Optional.of(new Answer(t.id(), t.conversationId(), q.text(), best.authorName(), best.text().strip(),
                Language.detect(best.text()), best.createdAt()));
    }

    /** Whether the ticket came from the bot handing over (not an agent taking a conversation over by replying). */
    static boolean handedOverByBot(TicketRepository.Row t) {
        return !t.hasReason(HandoffReason.AGENT_TAKEOVER);
    }
}
