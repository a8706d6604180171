package dev.baton.whatsapp.graph;

import java.util.OptionalInt;

/**
 * The rows of the satisfaction list. WhatsApp's reply buttons hold at most three choices, too few for a 1–5 scale,
 * so a rating request goes out as an interactive <em>list</em> with one row per score. Each row's id is
 * {@link #PREFIX} and the score; the webhook reads a {@code list_reply} (or a {@code button_reply}) with such an id
 * back as the rating.
 */
public final class RatingRows {

    /** The id prefix of a rating row: {@code baton_rating_5} is a 5. */
    public static final String PREFIX = "baton_rating_";

    private RatingRows() {
    }

    public static String id(int score) {
        return PREFIX + score;
    }

    /** The score a row id stands for; empty for any other id. */
    public static OptionalInt score(String id) {
        if (id == null || !id.startsWith(PREFIX) || id.length() != PREFIX.length() + 1) {
            return OptionalInt.empty();
        }
        int score = id.charAt(PREFIX.length()) - '0';
        return score >= 1 && score <= 5 ? OptionalInt.of(score) : OptionalInt.empty();
    }
}
