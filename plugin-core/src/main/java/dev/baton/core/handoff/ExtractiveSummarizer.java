package dev.baton.core.handoff;

import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.conversation.LookupTrace;
import dev.baton.core.conversation.Message;

import java.util.List;
import java.util.function.Predicate;

/**
 * The offline summary, written for the agent who takes over, in the agents' language: what the customer wants now
 * (their latest real question, not their first), what the bot did with it and what happened since, their earlier
 * questions and how they went, what the business look-ups found (their latest results, quoted as the customer got
 * them), and why the conversation came to a person, as a few plain sentences. No model needed:
 * the sentences come from {@link HandoffBrief}; the customer's words are quoted as they wrote them.
 *
 * <p>Example, for a Chinese desk: 客户现在的问题是“退款多久到账”，机器人已用知识库作答，之后客户提供了“订单号
 * 88812345”，并要求转人工。此前还问过“怎么退货？”（已作答）。
 */
public final class ExtractiveSummarizer implements Summarizer {

    private static final int MAX_QUOTE = 80;
    private static final int MAX_EARLIER = 3;
    /** The latest look-up results quoted; the ticket lists them all. */
    private static final int LOOKUPS_QUOTED = 2;

    private final String agentLanguage;
    private final Predicate<String> smallTalk;

    /** Writes in each conversation's own language (for tests and tools without an inbox). */
    public ExtractiveSummarizer() {
        this(null);
    }

    /**
     * Writes in {@code agentLanguage} ({@code zh} or {@code en}: the inbox's), whatever the customer writes; null: in
     * the conversation's language.
     */
    public ExtractiveSummarizer(String agentLanguage) {
        this(agentLanguage, text -> false);
    }

    /**
     * As {@link #ExtractiveSummarizer(String)}; {@code smallTalk} tells small talk among messages stored without
     * triage's signals (written while queued).
     */
    public ExtractiveSummarizer(String agentLanguage, Predicate<String> smallTalk) {
        this.agentLanguage = agentLanguage == null || agentLanguage.isBlank() ? null : agentLanguage;
        this.smallTalk = smallTalk;
    }

    @Override
    public String writesIn(String conversationLanguage) {
        return agentLanguage != null ? agentLanguage : conversationLanguage;
    }

    @Override
    public String summarize(List<Message> transcript, List<HandoffReason> reasons, String language) {
        return write(HandoffBrief.read(transcript, smallTalk), LookupTrace.results(transcript), reasons, language);
    }

    /** The sentences for {@code brief}, in {@link #writesIn} of {@code conversationLanguage}. */
    public String write(HandoffBrief brief, List<HandoffReason> reasons, String conversationLanguage) {
        return write(brief, List.of(), reasons, conversationLanguage);
    }

    /**
     * As {@link #write(HandoffBrief, List, String)}, with the conversation's look-up results (oldest first): the latest
     * {@value #LOOKUPS_QUOTED} are quoted after the customer's question.
     */
    public String write(HandoffBrief brief, List<HandoffTicket.LookupResult> lookups, List<HandoffReason> reasons,
                        String conversationLanguage) {
        SummaryPhrases p = SummaryPhrases.in(writesIn(conversationLanguage));
        StringBuilder sb = new StringBuilder();
        HandoffBrief.Question q = brief.current();
        if (q == null) {
            sb.append(brief.requested() || brief.pressedButton() ? p.noQuestionButPerson() : p.noQuestion());
        } else {
            sb.append(p.current(quote(q.text()))).append(outcome(p, q));
            if (!brief.then().isEmpty()) {
                sb.append(p.then(brief.then().stream().map(t -> p.thenPart(t.kind(),
                        t.kind() == HandoffBrief.Kind.MEDIA ? t.text() : quote(t.text()))).toList()));
            }
            sb.append(p.stop());
        }
        List<String> found = lookups.subList(Math.max(0, lookups.size() - LOOKUPS_QUOTED), lookups.size()).stream()
                .filter(r -> r.text() != null && !r.text().isBlank())
                .map(r -> quote(r.text().strip().replaceAll("[。.！!]+$", ""))).toList();
        if (!found.isEmpty()) {
            p.space(sb).append(p.lookups(found));
        }
        if (!brief.detailsBefore().isEmpty()) {
            p.space(sb).append(p.details(brief.detailsBefore().stream().map(ExtractiveSummarizer::quote).toList()));
        }
        List<HandoffBrief.Question> earlier = brief.earlier();
        if (!earlier.isEmpty()) {
            List<String> items = earlier.subList(Math.max(0, earlier.size() - MAX_EARLIER), earlier.size()).stream()
                    .map(e -> quote(e.text()) + p.bracket(shortOutcome(p, e))).toList();
            p.space(sb).append(p.earlier(items, Math.max(0, earlier.size() - MAX_EARLIER)));
        }
        for (HandoffReason r : reasons) {
            String why = reason(p, r, brief);
            if (why != null) {
                p.space(sb).append(why);
            }
        }
        if (!reasons.contains(HandoffReason.NEGATIVE_SENTIMENT) && brief.upsetMessages() >= 2) {
            p.space(sb).append(upset(p, brief));
        }
        String lang = conversationLanguage == null ? null : conversationLanguage.strip();
        if (lang != null && !lang.isEmpty() && HandoffLabels.isChinese(lang) != p.chinese()) {
            p.space(sb).append(p.writesIn(lang));
        }
        return sb.toString();
    }

    private static String outcome(SummaryPhrases p, HandoffBrief.Question q) {
        if (q.withRequest() && q.outcome() != HandoffBrief.Outcome.ANSWERED) {
            return p.requestedWithIt();
        }
        return switch (q.outcome()) {
            case ANSWERED -> q.source() == null ? p.answered() : sameText(q.source(), q.text())
                    ? p.answeredFromKnowledge() : p.answeredFrom(quote(q.source()));
            case NO_ANSWER -> p.noAnswer();
            case UNANSWERED -> p.notAnswered();
        };
    }

    private static String shortOutcome(SummaryPhrases p, HandoffBrief.Question q) {
        return switch (q.outcome()) {
            case ANSWERED -> q.source() == null || sameText(q.source(), q.text()) ? p.shortAnswered()
                    : p.shortAnsweredFrom(quote(q.source()));
            case NO_ANSWER -> p.shortNoAnswer();
            case UNANSWERED -> p.shortNotAnswered();
        };
    }

    /** The sentence a reason adds, or null when the summary already says it (or it adds nothing). */
    private static String reason(SummaryPhrases p, HandoffReason r, HandoffBrief b) {
        HandoffBrief.Question q = b.current();
        return switch (r) {
            case EXPLICIT_REQUEST -> has(b, HandoffBrief.Kind.REQUEST) || (q != null && q.withRequest())
                    || (q == null && b.requested()) ? null : p.askedForPerson();
            case BUTTON -> has(b, HandoffBrief.Kind.BUTTON) || (q == null && !b.requested()) ? null
                    : p.pressedButton();
            case NEGATIVE_SENTIMENT -> upset(p, b);
            case REPEATED_QUESTION -> p.askedTimes(Math.max(2, b.timesAsked()));
            case KNOWLEDGE_MISS -> b.missRun() >= 2 ? p.missesInARow(b.missRun()) : null;
            case TURN_LIMIT -> p.manyAnswers(b.answered());
            case SENSITIVE_INTENT -> p.identity(sensitiveTopic(p, b));
            case COMPLAINT -> p.complaint();
            case VIP -> p.vip();
            case AGENT_TOOL -> p.assistantHandedOver();
            case LLM_UNAVAILABLE -> p.modelUnavailable();
            case UNSUPPORTED_MEDIA -> has(b, HandoffBrief.Kind.MEDIA) ? null : p.unreadable(b.media());
            case AGENT_TAKEOVER -> p.takenOver();
            case CALLBACK -> p.leftMessage();
            case LOOKUP_FAILED -> p.lookupFailed();
        };
    }

    /**
     * How upset they are: over several messages, how many ("upset for 2 messages"), quoting the worst unless the
     * summary quotes it already; one upset message quoted unless already quoted; null when nothing to add.
     */
    private static String upset(SummaryPhrases p, HandoffBrief b) {
        HandoffBrief.Quote q = b.upset();
        if (q == null) {
            return p.soundsUpset();
        }
        boolean quoted = q.then() || q.current();
        if (b.upsetMessages() >= 2) {
            return quoted ? p.upsetFor(b.upsetMessages()) : p.upsetFor(b.upsetMessages(), quote(q.text()));
        }
        return q.then() ? null : q.current() ? p.upset() : p.upset(quote(q.text()));
    }

    private static String sensitiveTopic(SummaryPhrases p, HandoffBrief b) {
        String intent = b.current() != null ? b.current().intent() : null;
        return intent == null ? null : HandoffLabels.intent(intent, p.language());
    }

    private static boolean has(HandoffBrief b, HandoffBrief.Kind kind) {
        return b.then().stream().anyMatch(t -> t.kind() == kind);
    }

    private static boolean sameText(String a, String b) {
        return strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String s) {
        return s.replaceAll("[\\p{P}\\p{S}\\s]+", "");
    }

    /** The customer's words in quotation marks, on one line, cut at {@value #MAX_QUOTE} characters. */
    static String quote(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        if (t.codePointCount(0, t.length()) > MAX_QUOTE) {
            t = t.substring(0, t.offsetByCodePoints(0, MAX_QUOTE)) + "…";
        }
        return "“" + t + "”";
    }
}
