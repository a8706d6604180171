package dev.baton.core.agent;

import dev.baton.core.config.BotMessages;
import dev.baton.core.config.Localized;
import dev.baton.core.knowledge.CitationStyle;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Answers with the best confident knowledge hit, naming it the way {@link CitationStyle} says (by default its title:
 * "来源：怎么退货？"); otherwise sends the configured "not sure" message and flags a knowledge miss (which the handoff
 * policy counts). No model, no network. The reply's {@link AgentReply#citation()} keeps the internal reference (file
 * and heading) for the people in the inbox.
 *
 * <p>A yes/no question about something the knowledge never names ({@link KnowledgeAnswer#uncovered()}: "Do you ship
 * to Mars?") gets the closest entry after the configured {@code not-covered} notice, and without the entry's leading
 * "Yes." or "是的，", which answered a different question.
 */
public final class OfflineAgent implements SupportAgent {

    private final Localized notSure;
    private final Localized sourceLabel;
    private final CitationStyle citations;
    private final Localized notCovered;

    /** A leading "yes" of an answer (followed by punctuation), and what follows it. */
    private static final Pattern LEADING_YES = Pattern.compile(
            "^(?:yes|yep|yeah|sure|of course|absolutely|是的|是|可以|支持|有的|能|当然|当然可以)\\s*[.,!;:。，！；：]\\s*",
            Pattern.CASE_INSENSITIVE);

    /** Citing entries by their title. */
    public OfflineAgent(Localized notSure, Localized sourceLabel) {
        this(notSure, sourceLabel, CitationStyle.title());
    }

    public OfflineAgent(Localized notSure, Localized sourceLabel, CitationStyle citations) {
        this(notSure, sourceLabel, citations, BotMessages.NOT_COVERED);
    }

    public OfflineAgent(Localized notSure, Localized sourceLabel, CitationStyle citations, Localized notCovered) {
        this.notSure = notSure;
        this.sourceLabel = sourceLabel;
        this.citations = citations;
        this.notCovered = notCovered;
    }

    @Override
    public AgentReply answer(AgentRequest request) {
        Optional<KnowledgeAnswer> best = KnowledgeSearch.bestConfident(request.knowledge());
        if (best.isEmpty()) {
            return AgentReply.notSure(notSure.in(request.language()));
        }
        KnowledgeAnswer hit = best.get();
        return AgentReply.answer(cite(qualified(hit, request.language()), List.of(hit), request.language()),
                hit.citation());
    }

    /**
     * The hit's answer, after the not-covered notice when the question named something the knowledge does not (the
     * answer's own leading "yes" dropped); the answer as it is otherwise.
     */
    public String qualified(KnowledgeAnswer hit, String language) {
        if (hit.uncovered().isEmpty()) {
            return hit.answer();
        }
        boolean zh = "zh".equals(language);
        String terms = hit.uncovered().stream().map(t -> "“" + t + "”")
                .collect(Collectors.joining(zh ? "、" : ", "));
        String answer = hit.answer().strip();
        java.util.regex.Matcher yes = LEADING_YES.matcher(answer);
        if (yes.find() && yes.end() < answer.length()) {
            String rest = answer.substring(yes.end());
            answer = Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
        }
        return notCovered.in(language).replace("{terms}", terms) + "\n\n" + answer;
    }

    /** {@code answer} with the customer-facing citation of {@code used} appended, so that other agents cite the same way. */
    public String cite(String answer, List<KnowledgeAnswer> used, String language) {
        return citations.append(answer, used, language, sourceLabel);
    }

    /** The configured "not sure" message in {@code language}. */
    public String notSure(String language) {
        return notSure.in(language);
    }
}
