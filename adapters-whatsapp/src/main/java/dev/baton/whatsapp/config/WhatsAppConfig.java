package dev.baton.whatsapp.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.baton.core.channel.Channel;
import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.Durations;
import dev.baton.core.config.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code channels.whatsapp} block of {@code baton.yaml}. Immutable: live state (HTTP clients, counters) lives
 * in the module that wires the channel. Missing optional keys get defaults here; missing credentials are reported by
 * {@link #validate} with the key and the fix.
 *
 * @param phoneNumberId     the business phone number's <em>ID</em> (WhatsApp &gt; API Setup), not the number itself
 * @param accessToken       a system-user access token with {@code whatsapp_business_messaging}
 * @param appSecret         the Meta app secret; it signs every webhook delivery ({@code X-Hub-Signature-256})
 * @param verifyToken       any string you choose and also type into the app dashboard's webhook form
 * @param apiBaseUrl        Graph API base including the version; default {@code https://graph.facebook.com/v21.0}
 * @param humanButton       whether bot answers carry a "talk to a human" reply button; default true
 * @param humanButtonLabels that button's label per language ({@code en}, {@code zh}, ...), at most 20 characters
 * @param markAsRead        whether inbound messages are marked as read (blue ticks) once stored; default true
 * @param template          the template sent outside the 24-hour window, or null to only warn the agents
 * @param replyWindow       WhatsApp's customer service window; default 24 h
 * @see <a href="https://developers.facebook.com/docs/whatsapp/cloud-api/get-started">Cloud API: get started</a>
 */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
public record WhatsAppConfig(String phoneNumberId, String accessToken, String appSecret, String verifyToken,
                             URI apiBaseUrl, boolean humanButton, Map<String, String> humanButtonLabels,
                             boolean markAsRead, TemplateConfig template, Duration replyWindow) implements Validated {

    /** The key of this block under {@code channels:}, and the channel's key in the store, routes and metrics. */
    public static final String KEY = "whatsapp";
    public static final Channel CHANNEL = Channel.of(KEY);
    public static final URI DEFAULT_API_BASE_URL = URI.create("https://graph.facebook.com/v21.0");
    public static final Duration DEFAULT_REPLY_WINDOW = Duration.ofHours(24);
    public static final Map<String, String> DEFAULT_HUMAN_BUTTON_LABELS =
            Map.of("en", "Talk to a human", "zh", "转人工");
    /** WhatsApp's limit on a reply button title. */
    public static final int MAX_BUTTON_TITLE_CHARS = 20;

    public WhatsAppConfig {
        apiBaseUrl = apiBaseUrl == null ? DEFAULT_API_BASE_URL : withoutTrailingSlash(apiBaseUrl);
        humanButtonLabels = humanButtonLabels == null || humanButtonLabels.isEmpty()
                ? DEFAULT_HUMAN_BUTTON_LABELS : normaliseLabels(humanButtonLabels);
        replyWindow = replyWindow == null ? DEFAULT_REPLY_WINDOW : replyWindow;
        phoneNumberId = phoneNumberId == null ? null : phoneNumberId.strip();
    }

    /** Binding entry point for Jackson: boxed booleans so that an absent key means "default", not false. */
    @JsonCreator
    static WhatsAppConfig bind(@JsonProperty("phone-number-id") String phoneNumberId,
                               @JsonProperty("access-token") String accessToken,
                               @JsonProperty("app-secret") String appSecret,
                               @JsonProperty("verify-token") String verifyToken,
                               @JsonProperty("api-base-url") URI apiBaseUrl,
                               @JsonProperty("human-button") Boolean humanButton,
                               @JsonProperty("human-button-labels") Map<String, String> humanButtonLabels,
                               @JsonProperty("mark-as-read") Boolean markAsRead,
                               @JsonProperty("template") TemplateConfig template,
                               @JsonProperty("reply-window") @JsonDeserialize(using = Durations.Deserializer.class)
                               Duration replyWindow) {
        return new WhatsAppConfig(phoneNumberId, accessToken, appSecret, verifyToken, apiBaseUrl,
                humanButton == null || humanButton, humanButtonLabels, markAsRead == null || markAsRead, template,
                replyWindow);
    }

    /** A config with the four credentials and every default, for tools and tests. */
    public static WhatsAppConfig of(String phoneNumberId, String accessToken, String appSecret, String verifyToken) {
        return new WhatsAppConfig(phoneNumberId, accessToken, appSecret, verifyToken, null, true, null, true, null,
                null);
    }

    public WhatsAppConfig withApiBaseUrl(URI url) {
        return new WhatsAppConfig(phoneNumberId, accessToken, appSecret, verifyToken, url, humanButton,
                humanButtonLabels, markAsRead, template, replyWindow);
    }

    public WhatsAppConfig withTemplate(TemplateConfig t) {
        return new WhatsAppConfig(phoneNumberId, accessToken, appSecret, verifyToken, apiBaseUrl, humanButton,
                humanButtonLabels, markAsRead, t, replyWindow);
    }

    public WhatsAppConfig withHumanButton(boolean enabled) {
        return new WhatsAppConfig(phoneNumberId, accessToken, appSecret, verifyToken, apiBaseUrl, enabled,
                humanButtonLabels, markAsRead, template, replyWindow);
    }

    public WhatsAppConfig withMarkAsRead(boolean enabled) {
        return new WhatsAppConfig(phoneNumberId, accessToken, appSecret, verifyToken, apiBaseUrl, humanButton,
                humanButtonLabels, enabled, template, replyWindow);
    }

    /**
     * The "talk to a human" label for a customer language such as {@code zh-CN}: the exact tag, then its primary
     * subtag, then {@code en}, then the built-in English label.
     */
    public String humanButtonLabel(String language) {
        if (language != null && !language.isBlank()) {
            String tag = language.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            String exact = humanButtonLabels.get(tag);
            if (exact != null) {
                return exact;
            }
            int dash = tag.indexOf('-');
            String primary = humanButtonLabels.get(dash > 0 ? tag.substring(0, dash) : tag);
            if (primary != null) {
                return primary;
            }
        }
        return humanButtonLabels.getOrDefault("en", DEFAULT_HUMAN_BUTTON_LABELS.get("en"));
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
        problems.require(prefix + ".phone-number-id", phoneNumberId,
                "set phone-number-id: \"<Phone number ID from WhatsApp > API Setup>\"");
        if (phoneNumberId != null && !phoneNumberId.isBlank() && !phoneNumberId.chars().allMatch(Character::isDigit)) {
            problems.add(prefix + ".phone-number-id", "must be the numeric Phone number ID shown in WhatsApp > API "
                    + "Setup, not the phone number itself; quote it: phone-number-id: \"1234567890\"");
        }
        problems.require(prefix + ".access-token", accessToken, "set access-token: ${WHATSAPP_TOKEN}");
        problems.require(prefix + ".app-secret", appSecret, "set app-secret: ${WHATSAPP_APP_SECRET}");
        problems.require(prefix + ".verify-token", verifyToken, "set verify-token: ${WHATSAPP_VERIFY_TOKEN}");
        String scheme = apiBaseUrl.getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || apiBaseUrl.getHost() == null) {
            problems.add(prefix + ".api-base-url", "must be an absolute http(s) URL such as "
                    + DEFAULT_API_BASE_URL);
        }
        humanButtonLabels.forEach((lang, label) -> {
            if (label == null || label.isBlank()) {
                problems.add(prefix + ".human-button-labels." + lang, "must not be empty");
            } else if (label.codePointCount(0, label.length()) > MAX_BUTTON_TITLE_CHARS) {
                problems.add(prefix + ".human-button-labels." + lang, "is longer than WhatsApp's "
                        + MAX_BUTTON_TITLE_CHARS + "-character button limit; shorten it");
            }
        });
        if (template != null && (template.name() == null || template.name().isBlank())) {
            problems.add(prefix + ".template.name", "required when template is set; use the name approved in "
                    + "WhatsApp Manager, e.g. name: hello_world (or remove the template block)");
        }
        if (replyWindow.isNegative() || replyWindow.isZero()) {
            problems.add(prefix + ".reply-window", "must be positive, e.g. reply-window: 24h");
        }
    }

    /** Secrets are masked: a config may end up in a log line. */
    @Override
    public String toString() {
        return "WhatsAppConfig[phoneNumberId=" + phoneNumberId + ", accessToken=" + mask(accessToken)
                + ", appSecret=" + mask(appSecret) + ", verifyToken=" + mask(verifyToken) + ", apiBaseUrl="
                + apiBaseUrl + ", humanButton=" + humanButton + ", humanButtonLabels=" + humanButtonLabels
                + ", markAsRead=" + markAsRead + ", template=" + template + ", replyWindow=" + replyWindow + "]";
    }

    private static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "<unset>" : "****";
    }

    private static URI withoutTrailingSlash(URI uri) {
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    private static Map<String, String> normaliseLabels(Map<String, String> labels) {
        Map<String, String> out = new LinkedHashMap<>();
        labels.forEach((k, v) -> {
            if (k != null) {
                out.put(k.strip().toLowerCase(Locale.ROOT).replace('_', '-'), v == null ? null : v.strip());
            }
        });
        return java.util.Collections.unmodifiableMap(out);
    }
}
