package dev.baton.core.conversation;

import dev.baton.core.config.BotMessages;

import java.time.Duration;

/**
 * Engine tuning, from the YAML {@code engine:} block and {@code messages:}.
 *
 * @param knowledgeTopK        knowledge hits retrieved per turn
 * @param historyWindow        transcript lines the decider sees
 * @param inboundMaxAttempts   processing attempts before an inbound message is FAILED (kept for inspection)
 * @param recoveryInterval     how often unfinished inbound rows are looked for again
 * @param unsupportedMediaHandoff true: media the bot cannot read hands off ({@code unsupported_media}); false: the
 *                                bot asks for text
 * @param stillQueuedEvery     at most one "you are number N" update per this interval (channels limit messages)
 */
public record EngineSettings(BotMessages messages, int knowledgeTopK, int historyWindow, int inboundMaxAttempts,
                             Duration recoveryInterval, boolean unsupportedMediaHandoff, Duration stillQueuedEvery) {

    public static EngineSettings defaults() {
        return new EngineSettings(BotMessages.defaults(), 5, 20, 5, Duration.ofSeconds(5), false,
                Duration.ofMinutes(5));
    }
}
