package dev.baton.inbox.auth;

/**
 * Who is calling the inbox API: an agent's browser session, an agent's own API token (acting as that agent with
 * their role), or an integration holding the shared {@code inbox.api-token} (which acts as a supervisor under the
 * name it gives in {@code X-Baton-Agent}).
 *
 * @param name        the agent's name (recorded on replies and assignments)
 * @param role        what they may do
 * @param viaToken    true for a Bearer token (no cookie, so no CSRF check), false for a session cookie
 * @param integration true only for the shared integration token: it may name any agent and is not bound by an
 *                    agent's groups or capacity
 * @param tokenId     the per-agent token used, or null
 */
public record Principal(String name, Role role, boolean viaToken, boolean integration, Long tokenId) {

    public static Principal session(String name, Role role) {
        return new Principal(name, role, false, false, null);
    }

    public static Principal agentToken(String name, Role role, long tokenId) {
        return new Principal(name, role, true, false, tokenId);
    }

    public static Principal integration(String name) {
        return new Principal(name, Role.SUPERVISOR, true, true, null);
    }

    /** How they came in, for the API and the logs: {@code session}, {@code agent-token} or {@code integration-token}. */
    public String via() {
        return integration ? "integration-token" : viaToken ? "agent-token" : "session";
    }
}
