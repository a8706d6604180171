package dev.baton.core.channel;

/**
 * What a customer (or the platform on their behalf) sent. A closed set: adapters map every platform type onto
 * one of these, and anything they do not know becomes {@link Unsupported}, so a new platform type never
 * crashes the engine.
 */
public sealed interface InboundContent {

    /** Text the engine can read: typed text, recognised voice, or a caption. */
    String text();

    /** Typed text. */
    record Text(String text) implements InboundContent {
    }

    /**
     * A tap on a reply button, list row, quick reply or menu item. {@code requestsHuman} is true when the adapter
     * recognised its configured "talk to a human" button or menu key; the engine then hands off with reason
     * {@code button}.
     */
    record ButtonTap(String id, String title, boolean requestsHuman) implements InboundContent {
        @Override
        public String text() {
            return title == null ? "" : title;
        }
    }

    /**
     * Media: image, voice/audio, video, document, sticker, file. {@code recognition} is the platform's
     * speech-to-text for voice (WeChat {@code Recognition}), used as the text when present.
     */
    record Media(MediaKind kind, String mediaId, String caption, String recognition) implements InboundContent {
        @Override
        public String text() {
            if (recognition != null && !recognition.isBlank()) {
                return recognition;
            }
            return caption == null ? "" : caption;
        }

        /** True when the engine can treat this media like text (recognised voice or a captioned item). */
        public boolean hasUsableText() {
            return !text().isBlank();
        }
    }

    enum MediaKind { IMAGE, VOICE, AUDIO, VIDEO, DOCUMENT, STICKER, FILE }

    record Location(double latitude, double longitude, String label) implements InboundContent {
        @Override
        public String text() {
            return label == null ? "" : label;
        }
    }

    record Link(String title, String url) implements InboundContent {
        @Override
        public String text() {
            return title == null ? "" : title;
        }
    }

    /** Shared contact cards, reduced to a readable summary. */
    record Contacts(String summary) implements InboundContent {
        @Override
        public String text() {
            return "";
        }
    }

    /** An emoji reaction to an earlier message. */
    record Reaction(String emoji, String toPlatformMessageId) implements InboundContent {
        @Override
        public String text() {
            return "";
        }
    }

    /** A platform event about the session, not a message the bot should answer as such. */
    record Event(EventKind kind, String detail) implements InboundContent {
        @Override
        public String text() {
            return "";
        }
    }

    enum EventKind {
        /** Followed the account: send the welcome message. */
        SUBSCRIBE,
        UNSUBSCRIBE,
        /** WeCom: the customer opened the chat window: send the welcome message. */
        ENTER_SESSION,
        /** WeCom: the platform session moved (to a servicer, the queue, or closed); detail says where. */
        SESSION_STATUS_CHANGED,
        /** A menu link was opened; nothing to answer. */
        VIEW,
        OTHER
    }

    /**
     * A human agent answered from a client outside Baton (for example a WeCom servicer). It counts as a human
     * takeover: the bot goes silent for this conversation.
     */
    record ServicerReply(String servicerId, String text) implements InboundContent {
    }

    /**
     * The customer's rating of their last conversation with a person: {@code score} from 1 (bad) to 5 (very good),
     * with an optional comment. Stored for the satisfaction reports; never answered and never read as a question.
     */
    record Rating(int score, String comment) implements InboundContent {
        public Rating {
            if (score < 1 || score > 5) {
                throw new IllegalArgumentException("a rating is 1 to 5, got " + score);
            }
            comment = comment == null || comment.isBlank() ? null : comment.strip();
        }

        @Override
        public String text() {
            return "";
        }
    }

    /**
     * A request to be contacted later (a leave-a-message form, typically outside business hours): who, how to reach
     * them (phone or e-mail), and what about. It asks for a person: the handoff's reason is {@code callback}.
     */
    record CallbackRequest(String name, String contact, String question) implements InboundContent {
        @Override
        public String text() {
            return question == null ? "" : question;
        }
    }

    /** A type the adapter does not understand. Acked, logged with ids only, never answered as text. */
    record Unsupported(String platformType) implements InboundContent {
        @Override
        public String text() {
            return "";
        }
    }
}
