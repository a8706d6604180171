package dev.baton.core.channel;

import java.util.Arrays;
import java.util.Optional;

/** The IM platforms Baton speaks. The {@link #key()} is the stable name used in config, routes, logs and the store. */
public enum Channel {
    DEV("dev"),
    WECHAT("wechat"),
    WECOM_KF("wecom-kf"),
    WHATSAPP("whatsapp");

    private final String key;

    Channel(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<Channel> fromKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
    }
}
