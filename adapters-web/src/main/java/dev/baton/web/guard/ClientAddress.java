package dev.baton.web.guard;

import dev.baton.core.channel.WebhookRequest;

/**
 * The caller's address for per-address limits: the connection's, or, behind a reverse proxy the operator runs
 * ({@code channels.web.address-header}), the one the proxy put in that header ({@code X-Forwarded-For}: its first
 * entry). Never used to authenticate anyone.
 */
public final class ClientAddress {

    private final String header;

    /** @param header the proxy's header, or null to use the connection's address */
    public ClientAddress(String header) {
        this.header = header;
    }

    public String of(WebhookRequest request) {
        if (header != null) {
            String value = request.header(header).orElse("").strip();
            int comma = value.indexOf(',');
            String first = (comma >= 0 ? value.substring(0, comma) : value).strip();
            if (!first.isEmpty() && first.length() <= 64) {
                return first;
            }
        }
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress();
    }
}
