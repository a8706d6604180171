package dev.baton.core.engine;

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
 * @param inboundRetention     processed inbound rows (the duplicate guard; the message itself is in the transcript)
 *                             are deleted this long after processing; platforms re-deliver for up to 7 days
 */
public record EngineSettings(BotMessages messages, int knowledgeTopK, int historyWindow, int inboundMaxAttempts,
                             Duration recoveryInterval, boolean unsupportedMediaHandoff, Duration stillQueuedEvery,
                             Duration inboundRetention) {

    /** Default {@link #inboundRetention}: twice the longest re-delivery window (Meta's, 7 days). */
    public static final Duration INBOUND_RETENTION = Duration.ofDays(14);

    public static EngineSettings defaults() {
        return new EngineSettings(BotMessages.defaults(), 5, 20, 5, Duration.ofSeconds(5), false,
                Duration.ofMinutes(5), INBOUND_RETENTION);
    }
}
