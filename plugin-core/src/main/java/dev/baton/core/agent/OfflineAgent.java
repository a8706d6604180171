package dev.baton.core.agent;

import dev.baton.core.config.Localized;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;

import java.util.Optional;

/**
 * Answers with the best confident knowledge hit and its citation; otherwise sends the configured "not sure"
 * message and flags a knowledge miss (which the handoff policy counts). No model, no network.
 */
public final class OfflineAgent implements SupportAgent {

    private final Localized notSure;
    private final Localized sourceLabel;

    public OfflineAgent(Localized notSure, Localized sourceLabel) {
        this.notSure = notSure;
        this.sourceLabel = sourceLabel;
    }

    @Override
    public AgentReply answer(AgentRequest request) {
        Optional<KnowledgeAnswer> best = KnowledgeSearch.bestConfident(request.knowledge());
        if (best.isEmpty()) {
            return AgentReply.notSure(notSure.in(request.language()));
        }
        KnowledgeAnswer hit = best.get();
        String text = hit.answer().strip() + "\n\n" + sourceLabel.in(request.language()) + hit.citation();
        return AgentReply.answer(text, hit.citation());
    }

    /** The label printed before a citation ("来源：", "Source: "), so that other agents cite the same way. */
    public String sourceLabel(String language) {
        return sourceLabel.in(language);
    }

    /** The configured "not sure" message in {@code language}. */
    public String notSure(String language) {
        return notSure.in(language);
    }
}
