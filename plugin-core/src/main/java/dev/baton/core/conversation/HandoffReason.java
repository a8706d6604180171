package dev.baton.core.conversation;

import java.util.Arrays;
import java.util.Optional;

/** Why a conversation went to a human. The codes are stable: shown to agents and counted in analytics. */
public enum HandoffReason {
    EXPLICIT_REQUEST("explicit_request"),
    BUTTON("button"),
    NEGATIVE_SENTIMENT("negative_sentiment"),
    REPEATED_QUESTION("repeated_question"),
    KNOWLEDGE_MISS("knowledge_miss"),
    TURN_LIMIT("turn_limit"),
    SENSITIVE_INTENT("sensitive_intent"),
    COMPLAINT("complaint"),
    VIP("vip"),
    AGENT_TOOL("agent_tool"),
    LLM_UNAVAILABLE("llm_unavailable"),
    UNSUPPORTED_MEDIA("unsupported_media"),
    /** A business look-up failed (timeout, error, circuit open) and it is configured {@code on-error: handoff}. */
    LOOKUP_FAILED("lookup_failed"),
    /** An agent replied while the bot had the conversation: the reply took it over (a ticket held by them). */
    AGENT_TAKEOVER("agent_takeover"),
    /** The customer left a message asking to be contacted (a leave-a-message form): someone calls or writes back. */
    CALLBACK("callback");

    private final String code;

    HandoffReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<HandoffReason> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }

    @Override
    public String toString() {
        return code;
    }
}
