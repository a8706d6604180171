package dev.baton.core.engine;

import dev.baton.core.channel.InboundContent;

import java.util.Locale;

/** How an inbound message reads in the transcript. */
final class TranscriptText {

    private TranscriptText() {
    }

    /** The transcript text of a message: the text itself, or a bracketed description an agent can read. */
    static String describe(InboundContent content) {
        if (content instanceof InboundContent.ButtonTap b) {
            return "[button] " + (b.title() == null ? b.id() : b.title());
        }
        if (content instanceof InboundContent.Media m) {
            return "[" + m.kind().name().toLowerCase(Locale.ROOT) + "]" + (m.text().isBlank() ? "" : " " + m.text());
        }
        if (content instanceof InboundContent.Location l) {
            return "[location] " + (l.label() == null ? "" : l.label() + " ") + l.latitude() + "," + l.longitude();
        }
        if (content instanceof InboundContent.Link l) {
            return "[link] " + l.title() + " " + l.url();
        }
        if (content instanceof InboundContent.Contacts cs) {
            return "[contacts] " + cs.summary();
        }
        if (content instanceof InboundContent.Reaction r) {
            return "[reaction] " + r.emoji();
        }
        if (content instanceof InboundContent.Event e) {
            return "[event] " + e.kind().name().toLowerCase(Locale.ROOT) + (e.detail() == null ? "" : " " + e.detail());
        }
        if (content instanceof InboundContent.Rating r) {
            return "[rating] " + r.score() + "/5" + (r.comment() == null ? "" : " " + r.comment());
        }
        if (content instanceof InboundContent.CallbackRequest cb) {
            return "[callback] " + String.join(" · ", java.util.stream.Stream.of(cb.name(), cb.contact(), cb.question())
                    .filter(s -> s != null && !s.isBlank()).map(String::strip).toList());
        }
        if (content instanceof InboundContent.Unsupported u) {
            return "[unsupported] " + u.platformType();
        }
        return content.text();
    }
}
