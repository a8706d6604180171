package dev.baton.wechat.crypto;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The time window in which a signed WeChat or WeCom callback is accepted: its {@code timestamp} query parameter may
 * be at most {@code maxAge} away from now, in the past or (a clock ahead of ours) in the future.
 *
 * <p>Why: the signatures cover the timestamp but never expire by themselves, and every callback URL, signature
 * included, ends up in proxy and access logs. Without a window any signature ever logged could be replayed. WeChat
 * retries a message within about 15 seconds, so a window of a few minutes refuses nothing genuine. A timestamp that
 * is missing or not a number of seconds is outside every window.
 *
 * @param maxAge how far from now a timestamp may be
 * @param clock  the time source (tests fix it at the documented examples' timestamps)
 */
public record SignatureWindow(Duration maxAge, Clock clock) {

    /** The default {@code signature-max-age}: five minutes. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

    public SignatureWindow {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(clock, "clock");
    }

    /** True when {@code timestamp} (Unix seconds, as WeChat sends it) is inside the window. */
    public boolean accepts(String timestamp) {
        if (timestamp == null || timestamp.isBlank() || timestamp.length() > 12) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        return Math.abs(clock.instant().getEpochSecond() - seconds) <= maxAge.toSeconds();
    }
}
