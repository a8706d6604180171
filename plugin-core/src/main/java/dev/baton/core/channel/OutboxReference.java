package dev.baton.core.channel;

import java.util.Optional;

/**
 * The reference a sender attaches to each platform request of an outbox row, for platforms that echo an arbitrary
 * string in their delivery statuses (WhatsApp's {@code biz_opaque_callback_data}): {@code baton:o:<outbox id>}, or
 * {@code baton:o:<outbox id>:<part>/<parts>} when one reply takes several requests. A status carrying the reference
 * of a row's last part proves that the whole reply left (parts are sent one after another, each only after the
 * previous one was accepted), even when the instance that sent it died before recording it.
 */
public final class OutboxReference {

    private static final String PREFIX = "baton:o:";

    /** What a reference names: the outbox row, and whether the request was the row's last (or only) part. */
    public record Parsed(long outboxId, boolean lastPart) {
    }

    private OutboxReference() {
    }

    /** The reference of part {@code part} (1-based) of {@code parts} requests for outbox row {@code outboxId}. */
    public static String of(long outboxId, int part, int parts) {
        return parts <= 1 ? PREFIX + outboxId : PREFIX + outboxId + ":" + part + "/" + parts;
    }

    /** The row a reference names; empty for anything Baton did not write (another app's data, a malformed value). */
    public static Optional<Parsed> parse(String reference) {
        if (reference == null || !reference.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = reference.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        try {
            long id = Long.parseLong(colon < 0 ? rest : rest.substring(0, colon));
            if (id <= 0) {
                return Optional.empty();
            }
            if (colon < 0) {
                return Optional.of(new Parsed(id, true));
            }
            String[] partOf = rest.substring(colon + 1).split("/", -1);
            if (partOf.length != 2) {
                return Optional.empty();
            }
            int part = Integer.parseInt(partOf[0]);
            int parts = Integer.parseInt(partOf[1]);
            if (part < 1 || part > parts) {
                return Optional.empty();
            }
            return Optional.of(new Parsed(id, part == parts));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
