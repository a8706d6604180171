package dev.baton.wechat.oa;

import java.time.Duration;
import java.util.Optional;

/**
 * WeChat's delivery rhythm in passive mode: it waits {@code platformTimeout} for an answer and delivers a message at
 * most {@code deliveries} times. Each delivery waits {@code answerWait} for the answer, staying inside the timeout so a
 * claimed answer is never lost on a connection WeChat already closed.
 */
public record PassiveTiming(Duration answerWait, Duration platformTimeout, int deliveries) {

    /** WeChat closes the request after 5 s and tries three times in all. */
    public static PassiveTiming standard(Duration answerWait) {
        return new PassiveTiming(answerWait, Duration.ofMillis(5500), 3);
    }

    /**
     * How long the agent may work on one message so that its answer, the model's or the offline fallback, is ready
     * while one of WeChat's deliveries is still waiting for it: {@code (deliveries − 1 + ½) × answerWait}, 11.25 s
     * with the defaults. Deliveries start at least {@code answerWait} apart (WeChat waits 5 s, {@code answerWait} is at
     * most 4.8 s), so the last one starts no earlier than {@code (deliveries − 1) × answerWait} and waits
     * {@code answerWait}; an answer due half-way through that wait leaves the other half for the fallback and the
     * commit. Without it, a slow model answers after WeChat's last delivery, the customer gets the "still working"
     * text, and the answer waits for their next message. Empty when deliveries do not wait ({@code answerWait} 0).
     */
    public Optional<Duration> answerDeadline() {
        if (answerWait.isZero() || answerWait.isNegative()) {
            return Optional.empty();
        }
        return Optional.of(answerWait.multipliedBy(Math.max(1, deliveries) - 1L).plus(answerWait.dividedBy(2)));
    }
}
