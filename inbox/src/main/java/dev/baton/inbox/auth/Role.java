package dev.baton.inbox.auth;

/** What a signed-in person may do. A supervisor may also act for others and see analytics. */
public enum Role {
    AGENT, SUPERVISOR;

    public boolean atLeast(Role needed) {
        return compareTo(needed) >= 0;
    }
}
