package dev.baton.core.agent;

/** How a model call's failure is told in the log: short, and never with the API key. */
final class ModelErrors {

    private ModelErrors() {
    }

    /**
     * The error for the log: its class and the first 200 characters of its message, which is often the provider's
     * error body (long ones are never logged whole). A provider or a proxy may echo the API key there, so the key
     * is masked first (before the cut, so that no part of it survives), whatever the host's logging does.
     */
    static String describe(Throwable t, String apiKey) {
        String msg = t.getMessage() == null ? "" : t.getMessage().replaceAll("\\s+", " ");
        if (!apiKey.isBlank()) {
            msg = msg.replace(apiKey, "***");
        }
        return t.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + (msg.length() > 200
                ? msg.substring(0, 200) + "…" : msg));
    }
}
