package dev.baton.whatsapp.graph;

import java.util.List;

/** What one call to the messages endpoint returned, before any policy decides what it means for the outbox. */
public sealed interface GraphResult {

    /** 2xx; the {@code wamid}s of the messages created (empty for mark-as-read). */
    record Success(List<String> messageIds) implements GraphResult {
        public Success {
            messageIds = List.copyOf(messageIds);
        }
    }

    /** The Graph API answered with an error. */
    record Failure(GraphError error, String retryAfter) implements GraphResult {
    }

    /** No usable answer: connection refused, reset, or a timeout. */
    record NetworkFailure(String reason, boolean timeout) implements GraphResult {
    }
}
