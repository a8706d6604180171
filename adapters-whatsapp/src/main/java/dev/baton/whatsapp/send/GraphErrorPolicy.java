package dev.baton.whatsapp.send;

import dev.baton.whatsapp.graph.GraphError;

import java.time.Duration;
import java.util.Set;

/**
 * What a Graph API error means for the outbox. Based on Meta's error-code reference:
 * <ul>
 *   <li>retry later: throttling ({@code 4}, {@code 80007}, {@code 130429}, {@code 131056} pair rate limit),
 *       transient platform errors ({@code 1}, {@code 2}, {@code 131000}, {@code 131016}, {@code 133004}) and any
 *       HTTP 5xx;</li>
 *   <li>window closed: {@code 131047} (more than 24 hours since the customer's last message);</li>
 *   <li>token: {@code 190} (expired or invalid access token), {@code 0}/{@code 10}/{@code 200..299} permission
 *       errors, or HTTP 401: alert an operator, do not retry;</li>
 *   <li>everything else ({@code 131026} undeliverable, {@code 131048} spam limit, {@code 131051} unsupported type,
 *       {@code 100} invalid parameter, ...): rejected for good and recorded.</li>
 * </ul>
 *
 * @see <a href="https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes">Error codes</a>
 */
public final class GraphErrorPolicy {

    /** What to do with a failed send. */
    public enum Kind { RETRY, WINDOW_CLOSED, TOKEN, REJECT }

    public static final int WINDOW_CLOSED_CODE = 131047;

    private static final Set<Integer> THROTTLED = Set.of(4, 80007, 130429, 131056);
    private static final Set<Integer> TRANSIENT = Set.of(1, 2, 131000, 131016, 133004);

    private GraphErrorPolicy() {
    }

    public static Kind classify(GraphError e) {
        int code = e.code();
        if (code == WINDOW_CLOSED_CODE) {
            return Kind.WINDOW_CLOSED;
        }
        if (code == 190 || e.httpStatus() == 401 || code == 10 || (code >= 200 && code <= 299)
                || (code == 0 && "OAuthException".equals(e.type()) && e.httpStatus() < 500)) {
            return Kind.TOKEN;
        }
        if (THROTTLED.contains(code) || TRANSIENT.contains(code) || e.httpStatus() >= 500 || e.httpStatus() == 429) {
            return Kind.RETRY;
        }
        return Kind.REJECT;
    }

    /** A hint for the outbox: {@code Retry-After} when Meta sends one, else a delay that fits the code. */
    public static Duration retryDelay(GraphError e, String retryAfter) {
        if (retryAfter != null) {
            try {
                long seconds = Long.parseLong(retryAfter.strip());
                if (seconds > 0) {
                    return Duration.ofSeconds(Math.min(seconds, 3600));
                }
            } catch (NumberFormatException ignored) {
                // an HTTP date: fall back to the code's default
            }
        }
        if (e.code() == 131056) {
            return Duration.ofSeconds(10);
        }
        return THROTTLED.contains(e.code()) || e.httpStatus() == 429 ? Duration.ofSeconds(30) : Duration.ofSeconds(5);
    }
}
