package dev.baton.whatsapp.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The pre-approved message template Baton sends when the 24-hour customer service window is closed (WhatsApp only
 * allows templates then). Bound from {@code channels.whatsapp.template}.
 *
 * @param name     the template name as approved in WhatsApp Manager, e.g. {@code hello_world}
 * @param language the template's language code, e.g. {@code en_US} or {@code zh_CN}; default {@code en_US}
 * @see <a href="https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates">Send
 * message templates</a>
 */
public record TemplateConfig(String name, String language) {

    public static final String DEFAULT_LANGUAGE = "en_US";

    @JsonCreator
    public TemplateConfig(@JsonProperty("name") String name, @JsonProperty("language") String language) {
        this.name = name == null ? null : name.strip();
        this.language = language == null || language.isBlank() ? DEFAULT_LANGUAGE : language.strip();
    }
}
