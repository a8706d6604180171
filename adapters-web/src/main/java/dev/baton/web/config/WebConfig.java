package dev.baton.web.config;

import dev.baton.core.channel.Channel;
import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.Localized;
import dev.baton.core.config.Validated;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code channels.web:} the web chat (widget.js) the business pastes into its pages. Immutable; defaults live here, so
 * an absent key means the default. See docs/web.md.
 *
 * @param enabled        serve the widget and its API; default true (the block is there to turn it on)
 * @param allowedOrigins the sites that may embed the widget ({@code https://shop.example.com}): every API call from
 *                       any other origin is refused. Required, no wildcard
 * @param identitySecret signs the logged-in customer's id: {@code user-hash = HMAC-SHA256(identity-secret, user-id)};
 *                       without it every visitor is anonymous
 * @param title          the panel's title per language; default {@code {zh: 在线客服, en: Support}}
 * @param maxTextChars   the longest message a visitor may send; default 2000
 * @param rateLimits     per-visitor and per-address limits
 * @param maxStreams     open live connections (each holds a server thread) across all visitors; default 100
 * @param addressHeader  behind a reverse proxy you run: the header holding the client's address ({@code X-Real-IP},
 *                       or {@code X-Forwarded-For}, whose first entry is taken); default none (the connection's
 *                       address). Never set it without such a proxy: a client could pick its own address
 * @param color          the launcher's and the header's color, {@code #rgb} or {@code #rrggbb}; default a blue
 */
public record WebConfig(Boolean enabled, List<String> allowedOrigins, String identitySecret, Localized title,
                        Integer maxTextChars, RateLimits rateLimits, Integer maxStreams, String addressHeader,
                        String color) implements Validated {

    /** The key of this block under {@code channels:}, and the channel's key in the store, routes and metrics. */
    public static final String KEY = "web";
    public static final Channel CHANNEL = Channel.of(KEY);
    public static final Localized DEFAULT_TITLE = Localized.of("在线客服", "Support");
    /** Shorter secrets are refused: the hash is all that stands between a visitor and someone else's history. */
    public static final int MIN_SECRET_CHARS = 16;
    static final int MAX_TEXT_LIMIT = 20_000;

    private static final Pattern ORIGIN = Pattern.compile("https?://([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)*"
            + "[a-z0-9]([a-z0-9-]*[a-z0-9])?(:[0-9]{1,5})?");
    private static final Pattern COLOR = Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,64}");

    public WebConfig {
        enabled = enabled != null ? enabled : Boolean.TRUE;
        allowedOrigins = allowedOrigins != null ? allowedOrigins.stream().map(WebConfig::normaliseOrigin).toList()
                : List.of();
        identitySecret = identitySecret == null || identitySecret.isEmpty() ? null : identitySecret;
        title = title != null ? title : DEFAULT_TITLE;
        maxTextChars = maxTextChars != null ? maxTextChars : 2000;
        rateLimits = rateLimits != null ? rateLimits : new RateLimits(null, null, null);
        maxStreams = maxStreams != null ? maxStreams : 100;
        addressHeader = addressHeader == null || addressHeader.isBlank() ? null : addressHeader.strip();
        color = color == null || color.isBlank() ? "#1f6feb" : color.strip();
    }

    /** A config for these origins with every default (tests, tools). */
    public static WebConfig of(List<String> allowedOrigins, String identitySecret) {
        return new WebConfig(true, allowedOrigins, identitySecret, null, null, null, null, null, null);
    }

    /**
     * An origin as browsers send it in the {@code Origin} header: lower case, no default port, no trailing slash.
     * Anything else is returned as given, for {@link #validate} to report.
     */
    public static String normaliseOrigin(String origin) {
        if (origin == null) {
            return "";
        }
        String o = origin.strip().toLowerCase(Locale.ROOT);
        if (o.endsWith("/")) {
            o = o.substring(0, o.length() - 1);
        }
        if (o.startsWith("https://") && o.endsWith(":443")) {
            o = o.substring(0, o.length() - 4);
        } else if (o.startsWith("http://") && o.endsWith(":80")) {
            o = o.substring(0, o.length() - 3);
        }
        return o;
    }

    /** True when identity verification is on (an {@code identity-secret} is set). */
    public boolean verifiesIdentity() {
        return identitySecret != null;
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
        if (!enabled) {
            return;
        }
        if (allowedOrigins.isEmpty()) {
            problems.add(prefix + ".allowed-origins", "is required: the sites that embed the widget, e.g. "
                    + "[https://shop.example.com]; calls from any other origin are refused");
        }
        for (String o : allowedOrigins) {
            if (o.contains("*")) {
                problems.add(prefix + ".allowed-origins", "no wildcard (" + o + "): any site could then use the widget "
                        + "and its visitors' conversations; list your sites one by one");
            } else if (!ORIGIN.matcher(o).matches()) {
                problems.add(prefix + ".allowed-origins", "\"" + o + "\" is not an origin: scheme and host (and port), "
                        + "no path, e.g. https://shop.example.com");
            }
        }
        if (identitySecret != null && identitySecret.length() < MIN_SECRET_CHARS) {
            problems.add(prefix + ".identity-secret", "must be at least " + MIN_SECRET_CHARS + " characters (e.g. the "
                    + "output of `openssl rand -hex 32`)");
        }
        if (maxTextChars < 1 || maxTextChars > MAX_TEXT_LIMIT) {
            problems.add(prefix + ".max-text-chars", "must be 1 to " + MAX_TEXT_LIMIT + ", got " + maxTextChars);
        }
        if (maxStreams < 1 || maxStreams > 1000) {
            problems.add(prefix + ".max-streams", "must be 1 to 1000 (each open stream holds a server thread), got "
                    + maxStreams);
        }
        if (addressHeader != null && !HEADER.matcher(addressHeader).matches()) {
            problems.add(prefix + ".address-header", "must be a header name such as X-Real-IP, got " + addressHeader);
        }
        if (!COLOR.matcher(color).matches()) {
            problems.add(prefix + ".color", "must be #rgb or #rrggbb, got " + color);
        }
        rateLimits.validate(prefix + ".rate-limits", problems);
    }
}
