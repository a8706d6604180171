package dev.baton.wechat.oa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Plain mode only: binds each {@code signature} to the first message it came with, for as long as that signature
 * could still be inside the timestamp window. The plain-mode signature covers the token, timestamp and nonce but not
 * the body, so a fresh signed URL read from a log could otherwise carry a forged message (another openid, another
 * text). WeChat's retries of a message carry that same message, so they pass. In safe mode {@code msg_signature}
 * covers the ciphertext and this is not needed.
 *
 * <p>The ledger is held in memory by each server: it narrows the window a logged URL can be abused in, it does not
 * make plain mode authenticate bodies. Use an EncodingAESKey for that.
 */
final class PlainSignatureLedger {

    private static final int MAX_ENTRIES = 100_000;

    private final Clock clock;
    private final Duration keep;
    private final Map<String, Use> uses = new LinkedHashMap<>();

    /** @param window the signature window; entries are kept twice as long (a timestamp may be ahead of our clock) */
    PlainSignatureLedger(Clock clock, Duration window) {
        this.clock = clock;
        this.keep = window.multipliedBy(2);
    }

    /**
     * Records that {@code signature} carried message {@code messageId} from {@code customerId}. False when the
     * signature already carried another message, or the same message id from another customer: a replay with a
     * forged body.
     */
    synchronized boolean bind(String signature, String customerId, String messageId) {
        Instant now = clock.instant();
        for (Iterator<Use> it = uses.values().iterator(); it.hasNext(); ) {
            Use u = it.next();
            if (u.until.isAfter(now) && uses.size() < MAX_ENTRIES) {
                break; // insertion order is expiry order
            }
            it.remove();
        }
        String key = signature.strip().toLowerCase(Locale.ROOT);
        Use seen = uses.get(key);
        if (seen != null) {
            return seen.customerId.equals(customerId) && seen.messageId.equals(messageId);
        }
        uses.put(key, new Use(customerId, messageId, now.plus(keep)));
        return true;
    }

    private record Use(String customerId, String messageId, Instant until) {
    }
}
