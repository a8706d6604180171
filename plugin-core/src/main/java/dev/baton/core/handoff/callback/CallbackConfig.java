package dev.baton.core.handoff.callback;

import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.Localized;
import dev.baton.core.config.Validated;

import java.time.Duration;

/**
 * {@code inbox.callbacks:} how Baton takes a message to call back (留言): the time it promises and what the bot says.
 *
 * @param within    the promise: the customer hears back within this much of the group's business hours (a message
 *                  left at night counts from the next opening)
 * @param ask       asks for the contact details and the question (off hours); {@code {by}} is the promised time. On a
 *                  queue time-out the text is {@code inbox.timeout-message} (or the built-in one of
 *                  {@code timeout-fallback})
 * @param confirmed tells the customer the message was taken; {@code {by}} and {@code {contact}} are filled in
 */
public record CallbackConfig(Duration within, Localized ask, Localized confirmed) implements Validated {

    /** The built-in question for the contact details, off hours. */
    public static final Localized ASK = Localized.of(
            "如需回电，请直接留下您的电话或邮箱和问题，我们会在 {by} 前联系您。",
            "If you would like us to get back to you, leave your phone number or email and your question here, and "
                    + "we will contact you by {by}.");

    /** The built-in confirmation. */
    public static final Localized CONFIRMED = Localized.of(
            "已收到您的留言，我们会在 {by} 前通过 {contact} 联系您。",
            "Thank you, we have your message: we will contact you at {contact} by {by}.");

    public CallbackConfig {
        within = within != null ? within : Duration.ofHours(4);
        ask = ask != null ? ask : ASK;
        confirmed = confirmed != null ? confirmed : CONFIRMED;
    }

    public static CallbackConfig defaults() {
        return new CallbackConfig(null, null, null);
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
        if (within.compareTo(Duration.ofMinutes(5)) < 0 || within.compareTo(Duration.ofDays(14)) > 0) {
            problems.add(prefix + ".within", "must be between 5m and 14d, got " + within);
        }
    }
}
