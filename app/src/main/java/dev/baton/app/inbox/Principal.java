package dev.baton.app.inbox;

/**
 * Who is calling the inbox API: an agent's browser session, or an integration holding the API token (which acts
 * as a supervisor under the name it gives in {@code X-Baton-Agent}).
 *
 * @param name   the agent's name (recorded on replies and assignments)
 * @param role   what they may do
 * @param viaToken true for the API token, false for a session cookie
 */
public record Principal(String name, Role role, boolean viaToken) {
}
