package dev.baton.inbox.assist;

import dev.baton.core.conversation.Message;
import dev.baton.core.handoff.HandoffBrief;
import dev.baton.core.store.TicketRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The gap questions of one conversation: each question the knowledge had no answer for, and each question the
 * customer was asking when the bot handed over, with the ticket it went to (a question is handed off when a ticket
 * was opened after it before the bot answered another of the customer's questions).
 */
final class GapQuestions {

    private GapQuestions() {
    }

    /**
     * @param tickets the conversation's tickets opened by the bot's handoff (no takeovers), any order
     * @param from    questions before this are left out
     */
    static List<KnowledgeGaps.Asked> read(List<Message> transcript, List<TicketRepository.Row> tickets, Instant from,
                                          Predicate<String> smallTalk) {
        List<HandoffBrief.Asked> questions = HandoffBrief.questions(transcript, smallTalk);
        List<TicketRepository.Row> ordered = tickets.stream()
                .sorted(Comparator.comparing(TicketRepository.Row::createdAt)).toList();
        Map<Long, KnowledgeGaps.Asked> out = new LinkedHashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            HandoffBrief.Asked q = questions.get(i);
            if (q.outcome() == HandoffBrief.Outcome.NO_ANSWER && !q.message().createdAt().isBefore(from)) {
                out.put(q.message().id(), new KnowledgeGaps.Asked(q.message(), handoffAfter(questions, i, ordered)));
            }
        }
        for (TicketRepository.Row t : ordered) {
            List<Message> before = transcript.stream().filter(m -> !m.createdAt().isAfter(t.createdAt())).toList();
            HandoffBrief.Question current = HandoffBrief.read(before, smallTalk).current();
            if (current == null) {
                continue;
            }
            for (int i = questions.size() - 1; i >= 0; i--) {
                Message m = questions.get(i).message();
                if (!m.createdAt().isAfter(t.createdAt()) && m.text().strip().equals(current.text())) {
                    if (!m.createdAt().isBefore(from)) {
                        out.put(m.id(), new KnowledgeGaps.Asked(m, t));
                    }
                    break;
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /** The ticket opened after question {@code i} before the bot answered a later question, or null. */
    private static TicketRepository.Row handoffAfter(List<HandoffBrief.Asked> questions, int i,
                                                     List<TicketRepository.Row> tickets) {
        Instant asked = questions.get(i).message().createdAt();
        Instant answeredLater = null;
        for (int j = i + 1; j < questions.size(); j++) {
            if (questions.get(j).outcome() == HandoffBrief.Outcome.ANSWERED) {
                answeredLater = questions.get(j).message().createdAt();
                break;
            }
        }
        for (TicketRepository.Row t : tickets) {
            if (!t.createdAt().isBefore(asked) && (answeredLater == null || t.createdAt().isBefore(answeredLater))) {
                return t;
            }
        }
        return null;
    }
}
