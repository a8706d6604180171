package dev.baton.whatsapp.send;

import dev.baton.core.channel.OutboundMessage;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * WhatsApp's rules for interactive reply buttons, checked before anything is sent so that a bad reply fails with a
 * clear message instead of a Graph error: 1 to 3 buttons, each with an id of at most 256 characters and a title of
 * at most 20, ids and titles unique.
 *
 * @see <a href="https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-reply-buttons-messages">
 * Interactive reply buttons</a>
 */
public final class ReplyButtons {

    public static final int MAX_BUTTONS = 3;
    public static final int MAX_TITLE_CHARS = 20;
    public static final int MAX_ID_CHARS = 256;
    /** The body of an interactive message is limited to 1024 characters (plain text allows 4096). */
    public static final int MAX_BODY_CHARS = 1024;

    private ReplyButtons() {
    }

    /** @throws IllegalArgumentException naming the first rule broken and the offending button */
    public static void validate(List<OutboundMessage.Button> buttons) {
        if (buttons == null || buttons.isEmpty()) {
            throw new IllegalArgumentException("reply buttons: at least one button is required");
        }
        if (buttons.size() > MAX_BUTTONS) {
            throw new IllegalArgumentException("reply buttons: WhatsApp allows at most " + MAX_BUTTONS
                    + " buttons, got " + buttons.size());
        }
        Set<String> ids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (OutboundMessage.Button b : buttons) {
            if (b == null || b.id() == null || b.id().isBlank()) {
                throw new IllegalArgumentException("reply buttons: every button needs a non-blank id");
            }
            if (b.id().length() > MAX_ID_CHARS) {
                throw new IllegalArgumentException("reply buttons: id of button '" + b.title() + "' is longer than "
                        + MAX_ID_CHARS + " characters");
            }
            String title = b.title() == null ? "" : b.title().strip();
            if (title.isEmpty()) {
                throw new IllegalArgumentException("reply buttons: button '" + b.id() + "' needs a non-blank title");
            }
            int length = title.codePointCount(0, title.length());
            if (length > MAX_TITLE_CHARS) {
                throw new IllegalArgumentException("reply buttons: title '" + title + "' has " + length
                        + " characters; WhatsApp allows at most " + MAX_TITLE_CHARS);
            }
            if (!ids.add(b.id())) {
                throw new IllegalArgumentException("reply buttons: duplicate id '" + b.id() + "'");
            }
            if (!titles.add(title)) {
                throw new IllegalArgumentException("reply buttons: duplicate title '" + title + "'; titles must be "
                        + "unique");
            }
        }
    }
}
