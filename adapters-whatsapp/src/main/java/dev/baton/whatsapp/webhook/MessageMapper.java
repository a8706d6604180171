package dev.baton.whatsapp.webhook;

import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundContent.MediaKind;
import dev.baton.core.channel.InboundMessage;
import dev.baton.whatsapp.graph.HumanButton;
import dev.baton.whatsapp.graph.RatingRows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import dev.baton.whatsapp.config.WhatsAppConfig;

/**
 * Maps a WhatsApp message onto Baton's closed set of {@link InboundContent}. Every type Meta documents has a
 * mapping; anything else becomes {@link InboundContent.Unsupported} with the platform's type, so a new WhatsApp type
 * is acked and never crashes the engine.
 *
 * @see <a href="https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples">Payload
 * examples</a>
 */
final class MessageMapper {

    private final Set<String> humanButtonLabels;

    /** @param humanButtonLabels the configured labels, to recognise a template quick reply with the same text */
    MessageMapper(Collection<String> humanButtonLabels) {
        this.humanButtonLabels = humanButtonLabels.stream()
                .filter(l -> l != null && !l.isBlank())
                .map(l -> l.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Empty when the message lacks the ids Baton needs (no {@code id} or {@code from}). */
    Optional<InboundMessage> toInbound(Delivery.Message m, Delivery.Value value) {
        if (isBlank(m.id()) || isBlank(m.from())) {
            return Optional.empty();
        }
        String account = value.metadata() == null ? null : value.metadata().phoneNumberId();
        return Optional.of(new InboundMessage(WhatsAppConfig.CHANNEL, m.id(), m.from(), profileName(m.from(), value),
                account, epochSeconds(m.timestamp()), content(m)));
    }

    InboundContent content(Delivery.Message m) {
        String type = m.type() == null ? "" : m.type();
        return switch (type) {
            case "text" -> m.text() == null ? unsupported(type) : new InboundContent.Text(nz(m.text().body()));
            case "interactive" -> interactive(m.interactive());
            case "button" -> quickReply(m.button());
            case "image" -> media(MediaKind.IMAGE, m.image(), type);
            case "video" -> media(MediaKind.VIDEO, m.video(), type);
            case "document" -> media(MediaKind.DOCUMENT, m.document(), type);
            case "sticker" -> media(MediaKind.STICKER, m.sticker(), type);
            case "audio" -> media(m.audio() != null && Boolean.TRUE.equals(m.audio().voice())
                    ? MediaKind.VOICE : MediaKind.AUDIO, m.audio(), type);
            case "location" -> location(m.location());
            case "contacts" -> new InboundContent.Contacts(contactsSummary(m.contacts()));
            case "reaction" -> m.reaction() == null ? unsupported(type)
                    : new InboundContent.Reaction(m.reaction().emoji(), m.reaction().messageId());
            default -> unsupported(type.isEmpty() ? "unknown" : type);
        };
    }

    private InboundContent interactive(Delivery.Interactive i) {
        if (i == null) {
            return unsupported("interactive");
        }
        Delivery.Reply reply = "list_reply".equals(i.type()) ? i.listReply()
                : "button_reply".equals(i.type()) ? i.buttonReply() : null;
        if (reply == null) {
            return unsupported("interactive" + (i.type() == null ? "" : "." + i.type()));
        }
        OptionalInt score = RatingRows.score(reply.id());
        if (score.isPresent()) {
            return new InboundContent.Rating(score.getAsInt(), null); // a row of the satisfaction list
        }
        return new InboundContent.ButtonTap(reply.id(), reply.title(), HumanButton.ID.equals(reply.id()));
    }

    private InboundContent quickReply(Delivery.QuickReply b) {
        if (b == null) {
            return unsupported("button");
        }
        boolean human = HumanButton.ID.equals(b.payload())
                || (b.text() != null && humanButtonLabels.contains(b.text().strip().toLowerCase(Locale.ROOT)));
        return new InboundContent.ButtonTap(b.payload() == null ? b.text() : b.payload(), b.text(), human);
    }

    private static InboundContent media(MediaKind kind, Delivery.Media media, String type) {
        if (media == null) {
            return unsupported(type);
        }
        return new InboundContent.Media(kind, media.id(), media.caption(), null);
    }

    private static InboundContent location(Delivery.Location l) {
        if (l == null || l.latitude() == null || l.longitude() == null) {
            return unsupported("location");
        }
        List<String> parts = new ArrayList<>();
        if (!isBlank(l.name())) {
            parts.add(l.name().strip());
        }
        if (!isBlank(l.address())) {
            parts.add(l.address().strip());
        }
        String label = parts.isEmpty() ? null : String.join(", ", parts);
        return new InboundContent.Location(l.latitude(), l.longitude(), label);
    }

    /** "Jane Doe (+1 555 0100)" per card, joined with "; ". */
    static String contactsSummary(List<Delivery.SharedContact> cards) {
        if (cards == null || cards.isEmpty()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (Delivery.SharedContact c : cards) {
            String name = c.name() == null ? null : !isBlank(c.name().formattedName()) ? c.name().formattedName()
                    : String.join(" ", nz(c.name().firstName()), nz(c.name().lastName())).strip();
            List<String> phones = c.phones() == null ? List.of() : c.phones().stream()
                    .map(Delivery.Phone::phone).filter(p -> !isBlank(p)).toList();
            String who = isBlank(name) ? "(no name)" : name;
            out.add(phones.isEmpty() ? who : who + " (" + String.join(", ", phones) + ")");
        }
        return String.join("; ", out);
    }

    private static InboundContent unsupported(String type) {
        return new InboundContent.Unsupported(type);
    }

    private static String profileName(String waId, Delivery.Value value) {
        Map<String, String> names = new java.util.HashMap<>();
        String first = null;
        for (Delivery.Contact c : value.allContacts()) {
            String name = c.profile() == null ? null : c.profile().name();
            if (name != null && c.waId() != null) {
                names.put(c.waId(), name);
            }
            if (first == null) {
                first = name;
            }
        }
        return names.getOrDefault(waId, value.allContacts().size() == 1 ? first : null);
    }

    static Instant epochSeconds(String timestamp) {
        if (isBlank(timestamp)) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
