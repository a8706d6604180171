package dev.baton.core.lookup;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Sends a look-up's HTTP call. The composition root implements it (with OkHttp, whose call timeout bounds the whole
 * exchange), so that the engine needs no HTTP client of its own and tests can count what went out.
 *
 * <p>A timeout is reported as {@link java.io.InterruptedIOException} (OkHttp's call timeout, a
 * {@link java.net.SocketTimeoutException}); any other failure to get an answer as another {@link IOException}; an
 * answer larger than {@link Call#maxBytes()} as {@link TooLarge}. Every HTTP status is an answer, not an exception.
 */
@FunctionalInterface
public interface LookupTransport {

    Reply send(Call call) throws IOException;

    /**
     * One call.
     *
     * @param method   {@code GET} or {@code POST}
     * @param url      the URL with the values filled in (URL-encoded), or a path on this Baton ({@code /dev/…})
     * @param headers  headers to send, {@code Authorization} included
     * @param body     the JSON body of a POST, else null
     * @param timeout  the whole call, connect to last byte
     * @param maxBytes the largest answer accepted
     */
    record Call(String method, String url, Map<String, String> headers, byte[] body, Duration timeout,
                int maxBytes) {
        public Call {
            headers = Map.copyOf(headers);
        }
    }

    /** An HTTP answer: its status and body. */
    record Reply(int status, byte[] body) {
    }

    /** The answer was larger than the call allows. */
    final class TooLarge extends IOException {
        public TooLarge(int maxBytes) {
            super("the answer is larger than " + maxBytes + " bytes");
        }
    }

    /** A transport for a Baton without look-ups: every call fails. */
    static LookupTransport none() {
        return call -> {
            throw new IOException("no look-up transport is configured");
        };
    }
}
