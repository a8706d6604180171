package dev.baton.inbox.desk;

/**
 * Why the desk would not do what was asked. The {@link Kind} says what the caller can do about it (fix the request,
 * ask someone allowed, look elsewhere, reload and retry); the HTTP layer maps it to 400, 403, 404 or 409. The message
 * is safe to show to the caller: it names the rule, never a secret.
 */
public final class Refusal extends RuntimeException {

    /** What kind of refusal. */
    public enum Kind {
        /** The request itself is wrong (a missing field, a value out of range). */
        INVALID,
        /** The caller may not do this (role, group, someone else's work). */
        FORBIDDEN,
        /** What it names does not exist. */
        NOT_FOUND,
        /** It conflicts with the current state (capacity reached, not in the right state). */
        CONFLICT
    }

    private final Kind kind;

    public Refusal(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static Refusal invalid(String why) {
        return new Refusal(Kind.INVALID, why);
    }

    public static Refusal forbidden(String why) {
        return new Refusal(Kind.FORBIDDEN, why);
    }

    public static Refusal notFound(String why) {
        return new Refusal(Kind.NOT_FOUND, why);
    }

    public static Refusal conflict(String why) {
        return new Refusal(Kind.CONFLICT, why);
    }
}
