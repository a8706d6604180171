package dev.baton.web.api;

import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.plugin.PassiveReplies;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How the widget receives the transcript and the state: a line becomes a message ({@code id}, {@code author} one of
 * {@code bot}, {@code agent}, {@code system}, {@code customer}, {@code text}, the agent's {@code name}, {@code at},
 * and for the customer's own lines the {@code inboundId} their send returned and a {@code kind}: {@code text},
 * {@code human} (the 转人工 button), {@code callback} (a left message) or {@code rating}). The engine writes what a
 * customer handed in rather than typed as {@code [button] …}, {@code [callback] …}, {@code [rating] 4/5 …}; this is
 * the one place that reads those forms back.
 */
final class LineView {

    /** How many of the latest lines are searched for the human episode a rating would rate. */
    static final int RATING_WINDOW = 100;

    private LineView() {
    }

    static Map<String, Object> message(PassiveReplies.Line line) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", line.id());
        m.put("author", switch (line.author()) {
            case BOT -> "bot";
            case HUMAN -> "agent";
            case SYSTEM -> "system";
            case CUSTOMER -> "customer";
        });
        String text = line.text();
        if (line.author() == Author.CUSTOMER) {
            String kind = "text";
            for (String k : List.of("button", "callback", "rating")) {
                if (text.startsWith("[" + k + "] ")) {
                    kind = "button".equals(k) ? "human" : k;
                    text = text.substring(k.length() + 3);
                }
            }
            m.put("kind", kind);
            if (line.inboundId() != null) {
                m.put("inboundId", line.inboundId());
            }
        }
        m.put("text", text);
        if (line.author() == Author.HUMAN && line.authorName() != null) {
            m.put("name", line.authorName());
        }
        m.put("at", line.at().toString());
        return m;
    }

    static Map<String, Object> state(PassiveReplies.ConversationStatus status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", status == null ? ConversationState.BOT.name() : status.state().name());
        if (status != null && status.agent() != null) {
            m.put("agent", status.agent());
        }
        if (status != null && status.queue() != null) {
            m.put("position", status.queue().position());
            m.put("waitMinutes", status.queue().expectedWait().toMinutes());
            m.put("closed", status.queue().groupClosed());
        }
        return m;
    }

    /**
     * The episode with a person that the customer may rate now: the id of the last agent line, when the conversation
     * is back with the bot and no rating followed that line. Empty otherwise.
     */
    static OptionalLong episodeToRate(List<PassiveReplies.Line> recent, ConversationState state) {
        if (state != ConversationState.BOT) {
            return OptionalLong.empty();
        }
        long episode = -1;
        for (PassiveReplies.Line l : recent) {
            if (l.author() == Author.HUMAN) {
                episode = l.id();
            } else if (episode > 0 && l.author() == Author.CUSTOMER && l.text().startsWith("[rating] ")) {
                episode = -1;
            }
        }
        return episode > 0 ? OptionalLong.of(episode) : OptionalLong.empty();
    }
}
