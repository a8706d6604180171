package dev.baton.core.channel;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A channel Baton speaks through, named by its key: {@code dev}, {@code wechat}, {@code wecom-kf},
 * {@code whatsapp}, or whatever key an installed channel module brings. The key is the stable name used in config
 * ({@code channels.<key>}), routes, logs, metrics and the store; the set is open, so each key's constant lives in the
 * module that owns the channel (e.g. {@code WhatsAppConfig.CHANNEL}).
 *
 * <p>A key is 1 to 32 lower-case letters and digits, words joined by single hyphens, starting with a letter. In
 * JSON (the inbound log's payloads, a ticket's snapshot, the helpdesk webhook's {@code ticket}) a channel is written
 * in its constant form, {@link #constantName()} ({@code WECOM_KF}), as it always was; readers accept both forms.
 *
 * @param key the channel's key
 */
public record Channel(String key) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final int MAX_KEY = 32;

    public Channel {
        Objects.requireNonNull(key, "key");
        if (!isValidKey(key)) {
            throw new IllegalArgumentException("a channel key is 1 to " + MAX_KEY + " lower-case letters and digits, "
                    + "words joined by '-', starting with a letter (e.g. wecom-kf); got \"" + key + "\"");
        }
    }

    public static Channel of(String key) {
        return new Channel(key);
    }

    /** True when {@code key} has the shape of a channel key (whether or not such a channel is installed). */
    public static boolean isValidKey(String key) {
        return key != null && key.length() <= MAX_KEY && KEY.matcher(key).matches();
    }

    /** The channel of a key or of its constant form ({@code wecom-kf} or {@code WECOM_KF}), as stored in JSON. */
    public static Channel parse(String keyOrConstant) {
        Objects.requireNonNull(keyOrConstant, "channel");
        return new Channel(keyOrConstant.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** The key in constant form, {@code WECOM_KF}: how JSON has always written a channel. */
    public String constantName() {
        return key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String toString() {
        return key;
    }
}
