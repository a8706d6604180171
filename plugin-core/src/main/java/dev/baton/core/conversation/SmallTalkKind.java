package dev.baton.core.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What kind of small talk a message is: no question for the knowledge, no request for a person. The kind picks the
 * bot's short reply ({@code messages.small-talk}); a small-talk turn is never a knowledge answer, never a knowledge
 * miss and never a step toward a handoff. Stored with the message's signals by its {@link #code()}.
 */
public enum SmallTalkKind {
    /** "hi", "你好", "good morning". */
    GREETING,
    /** "在吗", "anyone there?". */
    PRESENCE,
    /** "thanks!", "谢谢". */
    THANKS,
    /** "ok", "好的", "got it", an emoji. */
    ACKNOWLEDGEMENT,
    /** "bye", "再见", "have a nice day". */
    GOODBYE,
    /** "are you a bot?", "你是真人还是机器人", "what can you do?". */
    IDENTITY,
    /** "how are you?", "tell me a joke", "哈哈". */
    CHITCHAT;

    /** The stored and configured name, e.g. {@code acknowledgement}. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named by {@link #code()}, case-insensitive. */
    @JsonCreator
    public static SmallTalkKind fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
