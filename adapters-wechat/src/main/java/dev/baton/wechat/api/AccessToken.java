package dev.baton.wechat.api;

import java.time.Instant;

/**
 * An access token and when it expires. {@link #toString()} never shows the value.
 */
public record AccessToken(String value, Instant expiresAt) {

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + "]";
    }
}
