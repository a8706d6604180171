package dev.baton.wechat.kf;

import dev.baton.core.state.KeyValueStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Baton knows about each (open_kfid, external_userid) session between the sync loop and the sender: the
 * {@code welcome_code} of a fresh {@code enter_session} (usable once, for 20 s, so kept in memory) and how many
 * messages were sent since the customer last wrote (WeCom allows 5), kept in the durable key-value store so that a
 * restart does not hand out a fresh quota.
 */
final class KfSessions {

    static final int MAX_SENDS_PER_CUSTOMER_MESSAGE = 5;
    private static final Duration WELCOME_CODE_TTL = Duration.ofSeconds(20);

    private final Clock clock;
    private final KeyValueStore state;
    private final Map<String, WelcomeCode> welcomeCodes = new ConcurrentHashMap<>();

    KfSessions(Clock clock, KeyValueStore state) {
        this.clock = clock;
        this.state = state;
    }

    void customerWrote(String openKfid, String externalUserId) {
        state.put(sendsKey(openKfid, externalUserId), "0");
    }

    void enteredSession(String openKfid, String externalUserId, String welcomeCode) {
        if (welcomeCode != null && !welcomeCode.isBlank()) {
            welcomeCodes.put(key(openKfid, externalUserId), new WelcomeCode(welcomeCode, clock.instant()));
        }
    }

    /** Takes the welcome code if it is still valid; it can be used once. */
    Optional<String> takeWelcomeCode(String openKfid, String externalUserId) {
        WelcomeCode code = welcomeCodes.remove(key(openKfid, externalUserId));
        if (code == null || code.at.plus(WELCOME_CODE_TTL).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(code.code);
    }

    boolean quotaLeft(String openKfid, String externalUserId, int parts) {
        return sends(openKfid, externalUserId) + parts <= MAX_SENDS_PER_CUSTOMER_MESSAGE;
    }

    /** Counts one sent message (synchronized: the read-then-write is atomic within this process). */
    synchronized void sent(String openKfid, String externalUserId) {
        state.put(sendsKey(openKfid, externalUserId), String.valueOf(sends(openKfid, externalUserId) + 1));
    }

    private int sends(String openKfid, String externalUserId) {
        return state.get(sendsKey(openKfid, externalUserId)).map(Integer::parseInt).orElse(0);
    }

    private static String sendsKey(String openKfid, String externalUserId) {
        return "wecom-kf.sends|" + key(openKfid, externalUserId);
    }

    private static String key(String openKfid, String externalUserId) {
        return openKfid + "|" + externalUserId;
    }

    private record WelcomeCode(String code, Instant at) {
    }
}
