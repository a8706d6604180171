package dev.baton.wechat.oa;

import java.time.Duration;

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
}
