package dev.baton.core.agent;

import dev.baton.core.config.Localized;
import dev.baton.core.knowledge.CitationStyle;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;

import java.util.List;
import java.util.Optional;

/**
 * Answers with the best confident knowledge hit, naming it the way {@link CitationStyle} says (by default its title:
 * "来源：怎么退货？"); otherwise sends the configured "not sure" message and flags a knowledge miss (which the handoff
 * policy counts). No model, no network. The reply's {@link AgentReply#citation()} keeps the internal reference (file
 * and heading) for the people in the inbox.
 */
public final class OfflineAgent implements SupportAgent {

    private final Localized notSure;
    private final Localized sourceLabel;
    private final CitationStyle citations;

    /** Citing entries by their title. */
    public OfflineAgent(Localized notSure, Localized sourceLabel) {
        this(notSure, sourceLabel, CitationStyle.title());
    }

    public OfflineAgent(Localized notSure, Localized sourceLabel, CitationStyle citations) {
        this.notSure = notSure;
        this.sourceLabel = sourceLabel;
        this.citations = citations;
    }

    @Override
    public AgentReply answer(AgentRequest request) {
        Optional<KnowledgeAnswer> best = KnowledgeSearch.bestConfident(request.knowledge());
        if (best.isEmpty()) {
            return AgentReply.notSure(notSure.in(request.language()));
        }
        KnowledgeAnswer hit = best.get();
        return AgentReply.answer(cite(hit.answer(), List.of(hit), request.language()), hit.citation());
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
