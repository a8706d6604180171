package dev.baton.inbox.assist;

import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.Message;
import dev.baton.core.handoff.HandoffBrief;
import dev.baton.core.knowledge.QuestionVector;
import dev.baton.core.state.KeyValueStore;
import dev.baton.core.store.Store;
import dev.baton.core.store.TicketRepository;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.desk.Refusal;
import dev.baton.inbox.knowledge.KnowledgeDrafts;
import dev.baton.inbox.store.ActivityRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Knowledge gaps: the questions the knowledge could not answer, grouped by meaning, so that a supervisor writes the
 * missing entries in the order they matter. Read on demand from the conversations of the last days:
 * <ul>
 *   <li>questions the bot could not answer (the knowledge abstained: no confident entry), and</li>
 *   <li>the question a customer was asking when the bot handed the conversation to a person (the handoff summary's
 *       "what they want now"; an agent's takeover is not the bot's handoff and is left out).</li>
 * </ul>
 * A question counts as <em>handed off</em> when the conversation went to a person after it before the bot answered
 * another of the customer's questions. The questions are grouped by {@link GapClustering} (oldest first), each group
 * counted in conversations (a customer asking three times counts once) and ranked by that volume, then by the share
 * of them that went to a person (or the other way round). Each group shows its question (the one closest to the
 * group's centre), up to {@value #EXAMPLES} example questions, and the human answers of the tickets those questions
 * went to; {@link #draft} turns it into a knowledge draft with one of those answers.
 *
 * <p>Bounds: the last {@value #DEFAULT_DAYS} days (at most {@value #MAX_DAYS}), the {@value #MAX_CONVERSATIONS} most
 * recently active conversations, the {@value #MAX_QUESTIONS} latest questions; question vectors are kept per text
 * ({@link VectorCache}), so a report costs the database reads and the clustering once the questions were read.
 */
public final class KnowledgeGaps {

    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 90;
    public static final int MAX_CONVERSATIONS = 2_000;
    public static final int MAX_QUESTIONS = 1_000;
    public static final int MAX_GAPS = 50;
    public static final int EXAMPLES = 5;
    public static final int ANSWERS = 3;
    private static final String MARK = "knowledge-gap-draft/";
    private static final Logger log = LoggerFactory.getLogger(KnowledgeGaps.class);

    /** How the gaps are ranked. */
    public enum Sort {
        /** The most conversations first, then the highest handoff rate. */
        VOLUME,
        /** The highest handoff rate first, then the most conversations. */
        HANDOFF_RATE;

        public static Optional<Sort> of(String code) {
            if (code == null || code.isBlank()) {
                return Optional.of(VOLUME);
            }
            return switch (code.strip().toLowerCase(Locale.ROOT)) {
                case "volume" -> Optional.of(VOLUME);
                case "handoff-rate", "handoff_rate" -> Optional.of(HANDOFF_RATE);
                default -> Optional.empty();
            };
        }
    }

    /** An example question of a gap. */
    public record Example(long messageId, long conversationId, String text, Instant at, boolean handedOff) {
    }

    /** The human answer of a ticket one of the gap's questions went to. */
    public record HumanAnswer(long ticketId, long conversationId, String agent, String text, Instant at) {
    }

    /**
     * One gap.
     *
     * @param id            stable while its first question stays in the period: that question's message id
     * @param question      the question that stands for the group (the closest to its centre)
     * @param conversations conversations that asked it (the volume)
     * @param questions     questions in the group
     * @param handedOff     conversations that went to a person after asking it
     * @param handoffRate   {@code handedOff / conversations}
     * @param draft         the knowledge draft made from it, or null
     */
    public record Gap(long id, String question, String language, int conversations, int questions, int handedOff,
                      double handoffRate, Instant lastAsked, List<Example> examples, List<HumanAnswer> answers,
                      String draft) {
    }

    /** The report: the period, how many questions were read, the gaps in rank order. */
    public record Report(Instant from, Instant to, int days, String sort, int questions, double similarity,
                         List<Gap> gaps) {
    }

    /** A draft made from a gap. */
    public record Drafted(long gap, String name, String question) {
    }

    /** One question read from a conversation. */
    record Asked(Message message, TicketRepository.Row handoff) {
    }

    private final Store store;
    private final ActivityRepository activity;
    private final HumanAnswers answers;
    private final VectorCache vectors;
    private final KnowledgeDrafts drafts;
    private final KeyValueStore marks;
    private final Predicate<String> smallTalk;
    private final Clock clock;

    public KnowledgeGaps(Store store, HumanAnswers answers, VectorCache vectors, KnowledgeDrafts drafts,
                         KeyValueStore marks, Predicate<String> smallTalk, Clock clock) {
        this.store = store;
        this.activity = new ActivityRepository(store.db());
        this.answers = answers;
        this.vectors = vectors;
        this.drafts = drafts;
        this.marks = marks;
        this.smallTalk = smallTalk;
        this.clock = clock;
    }

    /** The gaps of the last {@code days} days (1 to {@value #MAX_DAYS}), ranked by {@code sort}. */
    public Report report(int days, Sort sort) {
        if (days < 1 || days > MAX_DAYS) {
            throw Refusal.invalid("days must be 1 to " + MAX_DAYS);
        }
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(days));
        List<Asked> asked = asked(from);
        List<QuestionVector> vs = vectors.vectors(asked.stream().map(a -> a.message().text()).toList()).stream()
                .map(v -> v.orElse(null)).toList();
        List<Gap> gaps = new ArrayList<>();
        for (List<Integer> group : GapClustering.cluster(vs, GapClustering.SIMILARITY)) {
            gaps.add(gap(group, asked, vs));
        }
        Comparator<Gap> byVolume = Comparator.comparingInt(Gap::conversations).reversed();
        Comparator<Gap> byRate = Comparator.comparingDouble(Gap::handoffRate).reversed();
        Comparator<Gap> order = (sort == Sort.HANDOFF_RATE ? byRate.thenComparing(byVolume) : byVolume.thenComparing(
                byRate)).thenComparing(Gap::lastAsked, Comparator.reverseOrder()).thenComparingLong(Gap::id);
        gaps.sort(order);
        return new Report(from, to, days, sort.name().toLowerCase(Locale.ROOT).replace('_', '-'), asked.size(),
                GapClustering.SIMILARITY, gaps.subList(0, Math.min(MAX_GAPS, gaps.size())));
    }

    /**
     * Writes a knowledge draft from gap {@code id} of the last {@code days} days: its question (or {@code question}),
     * and the newest human answer (or {@code answer}). The draft goes through the usual review (the Drafts page).
     */
    public Drafted draft(Principal p, long id, int days, String question, String answer) {
        Gap gap = report(days, Sort.VOLUME).gaps().stream().filter(g -> g.id() == id).findFirst()
                .orElseThrow(() -> Refusal.notFound("no knowledge gap " + id + " in the last " + days + " days"));
        String q = question == null || question.isBlank() ? gap.question() : question.strip();
        String a = answer != null && !answer.isBlank() ? answer.strip()
                : gap.answers().isEmpty() ? null : gap.answers().get(0).text();
        if (a == null) {
            throw Refusal.invalid("this gap has no human answer yet: write the answer");
        }
        long conversation = gap.answers().isEmpty() ? gap.examples().get(0).conversationId()
                : gap.answers().get(0).conversationId();
        String name = drafts.save(q, a, conversation, p.name());
        marks.put(MARK + id, name);
        log.info("knowledge gap {} drafted as {} by {}", id, name, p.name());
        return new Drafted(id, name, q);
    }

    private Gap gap(List<Integer> group, List<Asked> asked, List<QuestionVector> vs) {
        List<Asked> members = group.stream().map(asked::get).toList();
        Map<Long, List<Asked>> byConversation = members.stream().collect(Collectors.groupingBy(
                a -> a.message().conversationId()));
        int handedOff = (int) byConversation.values().stream().filter(l -> l.stream().anyMatch(a -> a.handoff() != null))
                .count();
        int conversations = byConversation.size();
        List<Example> examples = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = members.size() - 1; i >= 0 && examples.size() < EXAMPLES; i--) {
            Asked a = members.get(i);
            String key = a.message().text().strip().toLowerCase(Locale.ROOT);
            if (!seen.contains(key)) {
                seen.add(key);
                examples.add(new Example(a.message().id(), a.message().conversationId(), a.message().text().strip(),
                        a.message().createdAt(), a.handoff() != null));
            }
        }
        List<HumanAnswer> humans = new ArrayList<>();
        for (int i = members.size() - 1; i >= 0 && humans.size() < ANSWERS; i--) {
            TicketRepository.Row t = members.get(i).handoff();
            if (t != null && humans.stream().noneMatch(h -> h.ticketId() == t.id())) {
                answers.of(t, null).ifPresent(h -> humans.add(new HumanAnswer(h.ticketId(), h.conversationId(),
                        h.agent(), h.text(), h.at())));
            }
        }
        long id = members.get(0).message().id();
        QuestionVector first = vs.get(group.get(0));
        return new Gap(id, central(group, asked, vs), first == null ? null : first.space(), conversations,
                members.size(), handedOff, Math.round(1000.0 * handedOff / conversations) / 1000.0,
                members.get(members.size() - 1).message().createdAt(), examples, humans,
                marks.get(MARK + id).orElse(null));
    }

    /** The group's question closest to its centre (the first of equals). */
    private static String central(List<Integer> group, List<Asked> asked, List<QuestionVector> vs) {
        List<QuestionVector> members = group.stream().map(vs::get).filter(java.util.Objects::nonNull).toList();
        if (members.size() < 2) {
            return asked.get(group.get(0)).message().text().strip();
        }
        QuestionVector centre = QuestionVector.mean(members.get(0).space(), members);
        int best = group.get(0);
        double bestScore = -2;
        for (int i : group) {
            double s = vs.get(i) == null ? -1 : vs.get(i).cosine(centre);
            if (s > bestScore) {
                best = i;
                bestScore = s;
            }
        }
        return asked.get(best).message().text().strip();
    }

    /** The questions of the period, oldest first, at most {@value #MAX_QUESTIONS} (the latest). */
    private List<Asked> asked(Instant from) {
        List<Long> conversations = activity.conversationsWithCustomerMessages(from, MAX_CONVERSATIONS);
        Map<Long, List<TicketRepository.Row>> tickets = store.db().withConnection(c -> store.tickets().since(c, from))
                .stream().filter(t -> !t.hasReason(HandoffReason.AGENT_TAKEOVER))
                .collect(Collectors.groupingBy(TicketRepository.Row::conversationId));
        List<Asked> out = new ArrayList<>();
        for (long id : conversations) {
            List<Message> transcript = store.db().withConnection(c -> store.messages().transcript(c, id));
            out.addAll(GapQuestions.read(transcript, tickets.getOrDefault(id, List.of()), from, smallTalk));
        }
        out.sort(Comparator.comparingLong(a -> a.message().id()));
        return out.size() > MAX_QUESTIONS ? out.subList(out.size() - MAX_QUESTIONS, out.size()) : out;
    }
}
