package dev.baton.whatsapp.send;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.whatsapp.graph.MessageRequests;
import dev.baton.whatsapp.graph.RatingRows;

import java.util.List;

/**
 * A satisfaction request on WhatsApp: an interactive list ("Rate us" opens five rows, 5 · Very good … 1 · Very poor),
 * because reply buttons hold three choices at most. The customer may also just type a number: the engine reads it. A
 * label too long for WhatsApp is cut, never refused, so the request always goes out.
 *
 * @see <a href="https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-list-messages">
 * Interactive list messages</a>
 */
final class RatingList {

    /** WhatsApp's limits: the button that opens the list, a row's title, the body. */
    static final int MAX_BUTTON_CHARS = 20;
    static final int MAX_ROW_TITLE_CHARS = 24;
    static final int MAX_BODY_CHARS = 1024;

    private RatingList() {
    }

    static ObjectNode request(String to, OutboundMessage.RatingRequest r) {
        String body = r.prompt() == null || r.prompt().isBlank() ? r.text() : r.prompt();
        List<MessageRequests.ListRow> rows = r.choices().stream()
                .map(c -> new MessageRequests.ListRow(RatingRows.id(c.score()), cut(c.label(), MAX_ROW_TITLE_CHARS)))
                .toList();
        return MessageRequests.list(to, cut(body, MAX_BODY_CHARS), cut(r.action(), MAX_BUTTON_CHARS), rows);
    }

    private static String cut(String s, int max) {
        String t = s == null ? "" : s.strip();
        return t.codePointCount(0, t.length()) <= max ? t : t.substring(0, t.offsetByCodePoints(0, max - 1)) + "…";
    }
}
