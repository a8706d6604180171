package dev.baton.wechat.config;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Locale;

/** How an Official Account answers. */
public enum ReplyMode {
    /** Ack {@code success} at once, then send through the customer-service API (verified accounts). */
    ASYNC,
    /** Put the answer in the HTTP response, using WeChat's retries for slow answers (accounts without the API). */
    PASSIVE;

    /** Accepts {@code async}/{@code passive} in any case, as written in YAML. */
    @JsonCreator
    public static ReplyMode parse(String value) {
        return ReplyMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
