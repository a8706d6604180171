package dev.baton.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.plugin.PassiveReplies;
import dev.baton.web.config.WebConfig;
import dev.baton.web.guard.RateLimiter;
import dev.baton.web.identity.Visitor;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a visitor hands in: a message or the 转人工 button ({@code POST /api/web/messages}), a left message to be
 * contacted ({@code /callback}), a rating of their last conversation with a person ({@code /rating}); and their
 * history ({@code /history}). Each input is checked whole first (a bad one changes nothing), becomes one inbound
 * message keyed by the visitor's own id for it, so that a resend after a dropped connection is stored once, and is
 * answered only after the engine stored it: that answer is what {@code Baton.send()} resolves on.
 */
final class MessageApi {

    static final String HUMAN_BUTTON = "baton_human";
    static final int HISTORY_LINES = 200;

    private final WebConfig config;
    private final RateLimiter perVisitor;
    private final WebMetrics metrics;
    private final Clock clock;

    MessageApi(WebConfig config, RateLimiter perVisitor, WebMetrics metrics, Clock clock) {
        this.config = config;
        this.perVisitor = perVisitor;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** {@code {"id": "…", "text": "…"}}, or {@code {"id": "…", "human": true, "lang": "zh"}} for the button. */
    Map<String, Object> message(Visitor visitor, ObjectNode body, PassiveReplies sink) {
        String id = Inputs.clientId(Json.string(body, "id"));
        boolean human = body.path("human").asBoolean(false);
        InboundContent content = human
                ? new InboundContent.ButtonTap(HUMAN_BUTTON, "zh".equals(Json.string(body, "lang")) ? "转人工"
                : "Talk to a person", true)
                : new InboundContent.Text(Inputs.text(Json.string(body, "text"), config.maxTextChars(), "text"));
        return store(visitor, id, content, sink);
    }

    /** {@code {"id": "…", "name": "…", "contact": "phone or e-mail", "question": "…"}}: a callback ticket. */
    Map<String, Object> callback(Visitor visitor, ObjectNode body, PassiveReplies sink) {
        String id = Inputs.clientId(Json.string(body, "id"));
        String name = Inputs.line(Json.string(body, "name"), Inputs.MAX_NAME);
        String contact = Inputs.contact(Json.string(body, "contact"));
        String question = Inputs.text(Json.string(body, "question"), config.maxTextChars(), "question");
        return store(visitor, id, new InboundContent.CallbackRequest(name != null ? name : visitor.name(), contact,
                question), sink);
    }

    /**
     * {@code {"score": 1-5, "comment": "…"}}: rates the last episode with a person, once. Refused (409) when there is
     * none to rate: the conversation is not back with the bot after an agent's reply, or that episode was rated.
     */
    Map<String, Object> rating(Visitor visitor, ObjectNode body, PassiveReplies sink) {
        Long score = Json.number(body, "score");
        if (score == null || score < 1 || score > 5) {
            throw new Refusal(400, "score must be 1 to 5");
        }
        String comment = Inputs.line(Json.string(body, "comment"), Inputs.MAX_COMMENT);
        OptionalLong episode = episode(visitor, sink);
        if (episode.isEmpty()) {
            throw new Refusal(409, "there is no conversation with a person to rate (or it was rated already)");
        }
        // keyed by the episode: one rating per conversation with a person, whichever tab or device sends it
        return store(visitor, "rating-" + episode.getAsLong(), new InboundContent.Rating(score.intValue(), comment),
                sink);
    }

    /** The latest {@value #HISTORY_LINES} messages, oldest first, and the state. */
    Map<String, Object> history(Visitor visitor, PassiveReplies sink) {
        List<PassiveReplies.Line> lines = sink.transcript(WebConfig.CHANNEL, visitor.customerId(), 0, HISTORY_LINES);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messages", lines.stream().map(LineView::message).toList());
        PassiveReplies.ConversationStatus status = sink.conversation(WebConfig.CHANNEL, visitor.customerId())
                .orElse(null);
        out.put("status", LineView.state(status));
        episode(status == null ? ConversationState.BOT : status.state(), lines)
                .ifPresent(e -> out.put("rating", Map.of("episode", e)));
        return out;
    }

    /** The episode a rating is due for, from the latest lines. */
    static OptionalLong episode(ConversationState state, List<PassiveReplies.Line> recent) {
        List<PassiveReplies.Line> window = recent.subList(Math.max(0, recent.size() - LineView.RATING_WINDOW),
                recent.size());
        return LineView.episodeToRate(window, state);
    }

    private static OptionalLong episode(Visitor visitor, PassiveReplies sink) {
        ConversationState state = sink.conversation(WebConfig.CHANNEL, visitor.customerId())
                .map(PassiveReplies.ConversationStatus::state).orElse(ConversationState.BOT);
        return LineView.episodeToRate(sink.transcript(WebConfig.CHANNEL, visitor.customerId(), 0,
                LineView.RATING_WINDOW), state);
    }

    private Map<String, Object> store(Visitor visitor, String id, InboundContent content, PassiveReplies sink) {
        perVisitor.take(visitor.customerId()).ifPresent(wait -> {
            metrics.refused("rate");
            throw new RateLimited("messages", wait);
        });
        InboundMessage.TierClaim tier = visitor.verified() && visitor.tier() != null
                ? new InboundMessage.TierClaim(visitor.tier()) : null;
        InboundMessage msg = new InboundMessage(WebConfig.CHANNEL, visitor.customerId() + "/" + id,
                visitor.customerId(), visitor.name(), null, clock.instant(), content, tier);
        InboundSink.Receipt receipt = sink.accept(List.of(msg)).get(0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("inboundId", receipt.inboundId());
        out.put("duplicate", receipt.duplicate());
        return out;
    }
}
