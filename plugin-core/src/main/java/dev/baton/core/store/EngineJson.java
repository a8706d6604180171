package dev.baton.core.store;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.OutboundMessage;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one Jackson configuration for what the engine stores: inbound messages (inbound log payload), outbound
 * content (outbox), tickets and signals. Sealed content types are written with a {@code type} property through
 * mix-ins, so the SPI records stay free of Jackson annotations. A {@link Channel} is written in its constant form
 * ({@code "WECOM_KF"}), as when channels were an enum, so that stored rows and helpdesk integrations read the same;
 * both forms are read.
 */
public final class EngineJson {

    private EngineJson() {
    }

    public static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper();
        m.registerModule(new JavaTimeModule());
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.addMixIn(InboundContent.class, InboundContentMixin.class);
        m.addMixIn(OutboundMessage.OutboundContent.class, OutboundContentMixin.class);
        m.registerModule(new SimpleModule("baton-channel")
                .addSerializer(Channel.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(Channel channel, JsonGenerator gen, SerializerProvider provider)
                            throws IOException {
                        gen.writeString(channel.constantName());
                    }
                })
                .addDeserializer(Channel.class, new JsonDeserializer<>() {
                    @Override
                    public Channel deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                        try {
                            return Channel.parse(p.getValueAsString());
                        } catch (RuntimeException e) {
                            return (Channel) ctx.handleWeirdStringValue(Channel.class, p.getText(), e.getMessage());
                        }
                    }
                }));
        return m;
    }

    public static String write(ObjectMapper m, Object value) {
        try {
            return m.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(ObjectMapper m, String json, Class<T> type) {
        try {
            return m.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = InboundContent.Text.class, name = "text"),
            @JsonSubTypes.Type(value = InboundContent.ButtonTap.class, name = "button"),
            @JsonSubTypes.Type(value = InboundContent.Media.class, name = "media"),
            @JsonSubTypes.Type(value = InboundContent.Location.class, name = "location"),
            @JsonSubTypes.Type(value = InboundContent.Link.class, name = "link"),
            @JsonSubTypes.Type(value = InboundContent.Contacts.class, name = "contacts"),
            @JsonSubTypes.Type(value = InboundContent.Reaction.class, name = "reaction"),
            @JsonSubTypes.Type(value = InboundContent.Event.class, name = "event"),
            @JsonSubTypes.Type(value = InboundContent.ServicerReply.class, name = "servicer_reply"),
            @JsonSubTypes.Type(value = InboundContent.Rating.class, name = "rating"),
            @JsonSubTypes.Type(value = InboundContent.CallbackRequest.class, name = "callback"),
            @JsonSubTypes.Type(value = InboundContent.Unsupported.class, name = "unsupported")})
    abstract static class InboundContentMixin {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = OutboundMessage.Text.class, name = "text"),
            @JsonSubTypes.Type(value = OutboundMessage.TextWithButtons.class, name = "buttons"),
            @JsonSubTypes.Type(value = OutboundMessage.Template.class, name = "template")})
    abstract static class OutboundContentMixin {
    }
}
