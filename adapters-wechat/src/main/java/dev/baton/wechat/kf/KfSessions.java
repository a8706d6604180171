package dev.baton.wechat.kf;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this process knows about each (open_kfid, external_userid) session between the sync loop and the sender:
 * the {@code welcome_code} of a fresh {@code enter_session} (usable once, for 20 s) and how many messages were
 * sent since the customer last wrote (WeCom allows 5). Kept in memory: after a restart the platform's own checks
 * (errcode 95xxx) still apply.
 */
final class KfSessions {

    static final int MAX_SENDS_PER_CUSTOMER_MESSAGE = 5;
    private static final Duration WELCOME_CODE_TTL = Duration.ofSeconds(20);

    private final Clock clock;
    private final Map<String, WelcomeCode> welcomeCodes = new ConcurrentHashMap<>();
    private final Map<String, Integer> sendsSinceCustomer = new ConcurrentHashMap<>();

    KfSessions(Clock clock) {
        this.clock = clock;
    }

    void customerWrote(String openKfid, String externalUserId) {
        sendsSinceCustomer.remove(key(openKfid, externalUserId));
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
        return sendsSinceCustomer.getOrDefault(key(openKfid, externalUserId), 0) + parts
                <= MAX_SENDS_PER_CUSTOMER_MESSAGE;
    }

    void sent(String openKfid, String externalUserId) {
        sendsSinceCustomer.merge(key(openKfid, externalUserId), 1, Integer::sum);
    }

    private static String key(String openKfid, String externalUserId) {
        return openKfid + "|" + externalUserId;
    }

    private record WelcomeCode(String code, Instant at) {
    }
}
