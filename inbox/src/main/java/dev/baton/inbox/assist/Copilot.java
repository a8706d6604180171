package dev.baton.inbox.assist;

import dev.baton.core.agent.ReplyDraftWriter;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.Customer;
import dev.baton.core.conversation.Message;
import dev.baton.core.handoff.HandoffBrief;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.knowledge.QuestionVector;
import dev.baton.core.store.Store;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.desk.CannedReplies;
import dev.baton.inbox.desk.Refusal;
import dev.baton.text.Language;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The agent's copilot: reply drafts for the conversation's issue, the customer's latest real question (what the
 * handoff summary calls "what they want now", {@link HandoffBrief#current()}; not their last line, which is often an
 * order number or a "thanks"), each with the sources it rests on. The agent puts one into the reply box, edits it and
 * sends it; nothing is sent from here.
 *
 * <p>Offline, in this order: the confident knowledge answers (search order, at most {@value #PER_KIND}), earlier human
 * answers to similar questions (an agent's reply in a resolved ticket whose question is at least {@link #SIMILAR} by
 * cosine; most similar first, then newest; at most {@value #PER_KIND}; in the customer's language), then canned
 * replies that match the question (their shortcut is a word of it, or their text is at least
 * {@link #CANNED_SIMILAR} to it; filled for this conversation). With a {@link ReplyDraftWriter model}, its draft,
 * written from those same sources, comes first, citing the ones it used. Everything is in the customer's language.
 */
public final class Copilot {

    /** Drafts of each kind at most. */
    public static final int PER_KIND = 2;
    /** The cosine from which an earlier customer question counts as the same question. */
    public static final double SIMILAR = GapClustering.SIMILARITY;
    /** The cosine from which a canned reply's text counts as an answer to the question. */
    public static final double CANNED_SIMILAR = 0.70;
    /** How far back earlier human answers are looked for. */
    public static final Duration HISTORY = Duration.ofDays(90);
    /** Resolved tickets read at most for them. */
    public static final int MAX_TICKETS = 2_000;
    /** Lines of the conversation the model sees. */
    static final int RECENT_LINES = 8;

    /** What a draft is made from. */
    public enum Kind {
        LLM, KNOWLEDGE, HUMAN, CANNED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A source a draft cites.
     *
     * @param kind  {@code knowledge}, {@code human} or {@code canned}
     * @param label as the agent reads it, in their language: the entry's title, "reply by ann on 2026-12-03 to a
     *              similar question", "canned reply /refund"
     * @param ref   for the people who maintain the knowledge: the entry's {@code file › heading}; the conversation id
     *              of a human answer; the canned reply's shortcut
     */
    public record Citation(String kind, String label, String ref) {
    }

    /**
     * A reply draft.
     *
     * @param kind      {@code llm}, {@code knowledge}, {@code human} or {@code canned}
     * @param text      the draft, in the customer's language
     * @param citations what it rests on
     * @param score     the knowledge score, the question's similarity, or null
     */
    public record Draft(String kind, String text, List<Citation> citations, Double score) {
    }

    /**
     * The copilot's answer for a conversation.
     *
     * @param question the issue the drafts are for, or null when the customer asked nothing yet
     * @param language the customer's language, which the drafts are in
     * @param llm      a model is configured (its draft is first when it wrote one)
     */
    public record Suggestions(long conversationId, String question, String language, boolean llm,
                              List<Draft> drafts) {
    }

    private final Store store;
    private final KnowledgeSearch knowledge;
    private final CannedReplies canned;
    private final HumanAnswers answers;
    private final VectorCache vectors;
    private final ReplyDraftWriter writer;
    private final boolean llm;
    private final Predicate<String> smallTalk;
    private final Clock clock;

    /** @param writer the model's draft writer, or {@link ReplyDraftWriter#none()} offline */
    public Copilot(Store store, KnowledgeSearch knowledge, CannedReplies canned, HumanAnswers answers,
                   VectorCache vectors, ReplyDraftWriter writer, boolean llm, Predicate<String> smallTalk,
                   Clock clock) {
        this.store = store;
        this.knowledge = knowledge;
        this.canned = canned;
        this.answers = answers;
        this.vectors = vectors;
        this.writer = writer;
        this.llm = llm;
        this.smallTalk = smallTalk;
        this.clock = clock;
    }

    /** The drafts for conversation {@code id}, with citation labels in {@code deskLanguage} (the agent's). */
    public Suggestions suggest(Principal p, long id, String deskLanguage) {
        record Loaded(Customer customer, List<Message> transcript) {
        }
        Loaded l = store.db().withConnection(c -> {
            Conversation conv = store.conversations().byId(c, id)
                    .orElseThrow(() -> Refusal.notFound("no conversation " + id));
            return new Loaded(store.customers().byId(c, conv.customerId()).orElseThrow(),
                    store.messages().transcript(c, id));
        });
        HandoffBrief.Question q = HandoffBrief.read(l.transcript(), smallTalk).current();
        String language = language(l.customer(), q);
        if (q == null) {
            return new Suggestions(id, null, language, llm, List.of());
        }
        AssistLabels labels = new AssistLabels(deskLanguage);
        List<Draft> offline = new ArrayList<>();
        offline.addAll(knowledge(q.text(), language, labels));
        Optional<QuestionVector> asked = vectors.vector(q.text());
        offline.addAll(human(id, asked, language, labels));
        offline.addAll(canned(p, id, q.text(), asked, labels));
        List<Draft> drafts = new ArrayList<>();
        written(q.text(), language, l.transcript(), offline).ifPresent(drafts::add);
        drafts.addAll(offline);
        return new Suggestions(id, q.text(), language, llm, drafts);
    }

    private static String language(Customer customer, HandoffBrief.Question q) {
        if (customer.language() != null && !customer.language().isBlank()) {
            return customer.language();
        }
        return q == null ? Language.EN : Language.detect(q.text());
    }

    private List<Draft> knowledge(String question, String language, AssistLabels labels) {
        List<KnowledgeAnswer> hits = knowledge.search(question, 5).stream().filter(KnowledgeAnswer::confident)
                .toList();
        List<KnowledgeAnswer> same = hits.stream().filter(h -> language.equals(Language.detect(h.answer())))
                .toList();
        return (same.isEmpty() ? hits : same).stream().limit(PER_KIND).map(h -> new Draft(Kind.KNOWLEDGE.code(),
                h.answer(), List.of(new Citation(Kind.KNOWLEDGE.code(), labels.entry(title(h)), h.citation())),
                h.score())).toList();
    }

    private static String title(KnowledgeAnswer h) {
        return !h.title().isBlank() ? h.title() : h.question() != null ? h.question() : h.citation();
    }

    private List<Draft> human(long conversationId, Optional<QuestionVector> asked, String language,
                              AssistLabels labels) {
        if (asked.isEmpty()) {
            return List.of();
        }
        List<HumanAnswers.Answer> earlier = answers.since(clock.instant().minus(HISTORY), MAX_TICKETS).stream()
                .filter(a -> language.equals(a.language())).toList();
        List<Optional<QuestionVector>> qs = vectors.vectors(earlier.stream().map(HumanAnswers.Answer::question)
                .toList());
        record Scored(HumanAnswers.Answer answer, double similarity) {
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < earlier.size(); i++) {
            double s = qs.get(i).map(v -> v.cosine(asked.get())).orElse(0.0);
            if (s >= SIMILAR) {
                scored.add(new Scored(earlier.get(i), s));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::similarity).reversed()
                .thenComparing(s -> s.answer().at(), Comparator.reverseOrder()));
        List<Draft> out = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Scored s : scored) {
            if (out.size() == PER_KIND) {
                break;
            }
            if (texts.contains(s.answer().text())) {
                continue;
            }
            texts.add(s.answer().text());
            out.add(new Draft(Kind.HUMAN.code(), s.answer().text(), List.of(new Citation(Kind.HUMAN.code(),
                    labels.humanAnswer(s.answer().agent(), s.answer().at()), String.valueOf(
                            s.answer().conversationId()))), round(s.similarity())));
        }
        return out;
    }

    private List<Draft> canned(Principal p, long conversationId, String question, Optional<QuestionVector> asked,
                               AssistLabels labels) {
        List<CannedReplies.Reply> replies = canned.list(p, null, conversationId);
        String words = " " + question.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ") + " ";
        List<Optional<QuestionVector>> texts = asked.isEmpty() ? List.of()
                : vectors.vectors(replies.stream().map(r -> r.filled().text()).toList());
        record Scored(CannedReplies.Reply reply, double score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            CannedReplies.Reply r = replies.get(i);
            double s = shortcutIn(r.shortcut(), words) ? 1.0
                    : asked.isEmpty() ? 0 : texts.get(i).map(v -> v.cosine(asked.get())).orElse(0.0);
            if (s >= CANNED_SIMILAR) {
                scored.add(new Scored(r, s));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed()
                .thenComparing(s -> s.reply().shortcut()));
        return scored.stream().limit(PER_KIND).map(s -> new Draft(Kind.CANNED.code(), s.reply().filled().text(),
                List.of(new Citation(Kind.CANNED.code(), labels.canned(s.reply().shortcut()), s.reply().shortcut())),
                round(s.score()))).toList();
    }

    /** The shortcut ({@code refund}, {@code return-policy}) is a word of the question, or all its words are. */
    private static boolean shortcutIn(String shortcut, String words) {
        String[] parts = shortcut.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        boolean any = false;
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            boolean han = part.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp)
                    == Character.UnicodeScript.HAN);
            if (han ? !words.contains(part) : !words.contains(" " + part + " ")) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private Optional<Draft> written(String question, String language, List<Message> transcript,
                                    List<Draft> offline) {
        if (!llm || offline.isEmpty()) {
            return Optional.empty();
        }
        List<ReplyDraftWriter.Source> sources = offline.stream().map(d -> new ReplyDraftWriter.Source(
                d.citations().get(0).label(), d.text())).toList();
        return writer.write(new ReplyDraftWriter.Request(question, language, recent(transcript), sources))
                .map(w -> new Draft(Kind.LLM.code(), w.text(), w.used().stream()
                        .map(i -> offline.get(i).citations().get(0)).toList(), null));
    }

    private static List<String> recent(List<Message> transcript) {
        List<String> out = new ArrayList<>();
        for (Message m : transcript) {
            if (m.text() == null || m.text().isBlank() || m.author() == Author.SYSTEM) {
                continue;
            }
            out.add((m.author() == Author.CUSTOMER ? "customer: " : m.author() == Author.BOT ? "bot: " : "agent: ")
                    + m.text().strip());
        }
        return out.subList(Math.max(0, out.size() - RECENT_LINES), out.size());
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
