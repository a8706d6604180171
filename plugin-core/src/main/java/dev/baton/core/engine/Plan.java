package dev.baton.core.engine;

import dev.baton.core.channel.InboundContent;
import dev.baton.core.conversation.TurnSignals;
import dev.baton.core.handoff.Decision;

import java.util.List;

/** What the bot will do with a turn, decided by {@link TurnPlanner} before the turn's transaction. */
sealed interface Plan {

    /** Record the message; say nothing. */
    record Silent() implements Plan {
    }

    /** Record and send these replies. */
    record Reply(List<String> texts, String citation, TurnSignals signals) implements Plan {
    }

    /** Record, then hand off with an optional note from the bot. */
    record Handoff(Decision.Handoff decision, TurnSignals signals, String agentNote) implements Plan {
    }

    /**
     * The customer rated their last episode with a person (a tap on a rating choice, or a typed answer to the open
     * satisfaction request): recorded against the ticket asked about and thanked, never read as a question.
     */
    record Rated(InboundContent.Rating rating) implements Plan {
    }

    /** A human replied from another client: they have the conversation now. */
    record Takeover(String servicerId, String text) implements Plan {
    }
}
