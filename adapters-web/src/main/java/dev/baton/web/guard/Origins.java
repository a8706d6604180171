package dev.baton.web.guard;

import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.web.config.WebConfig;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The CORS allow-list ({@code channels.web.allowed-origins}), checked on every API call: a call without an
 * {@code Origin} header, or from a site not on the list, is refused before anything else happens, and its answer
 * carries no CORS header, so the calling page cannot even read the refusal. An allowed site gets its own origin back
 * (never {@code *}) and no {@code Access-Control-Allow-Credentials}: the API reads no cookie.
 */
public final class Origins {

    /** Headers the widget sends: its token, JSON, and the last event id it saw when it resumes a stream. */
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Last-Event-ID";

    private final Set<String> allowed;

    public Origins(List<String> allowedOrigins) {
        this.allowed = Set.copyOf(allowedOrigins.stream().map(WebConfig::normaliseOrigin).toList());
    }

    /** The caller's origin when it is allowed; empty when the header is missing or the site is not on the list. */
    public Optional<String> allowedOrigin(WebhookRequest request) {
        return request.header("Origin").map(WebConfig::normaliseOrigin).filter(allowed::contains);
    }

    /** {@code response} readable by a page of {@code origin}, with {@code Retry-After} exposed for a 429. */
    public static WebhookResponse allow(WebhookResponse response, String origin) {
        return response.withHeader("Access-Control-Allow-Origin", origin)
                .withHeader("Vary", "Origin")
                .withHeader("Access-Control-Expose-Headers", "Retry-After");
    }

    /** The answer to a CORS preflight from an allowed origin: POST with the widget's headers, cached ten minutes. */
    public static WebhookResponse preflight(String origin) {
        return allow(new WebhookResponse(204, null, null), origin)
                .withHeader("Access-Control-Allow-Methods", "POST")
                .withHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                .withHeader("Access-Control-Max-Age", "600");
    }
}
