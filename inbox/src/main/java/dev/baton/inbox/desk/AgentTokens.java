package dev.baton.inbox.desk;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.baton.inbox.auth.AgentDirectory;
import dev.baton.inbox.auth.ApiTokens;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Per-agent API tokens with their rules: an agent lists and revokes their own, a supervisor anyone's. A token is
 * created from a signed-in session or with the integration token, never with another agent token, so a leaked agent
 * token cannot mint replacements for itself; a token for another agent needs the supervisor role, and belongs to an
 * agent of {@code inbox.agents}. Secrets are never logged.
 */
public final class AgentTokens {

    private static final Logger log = LoggerFactory.getLogger(AgentTokens.class);
    /** Longest token name. */
    public static final int MAX_NAME = 64;

    /** A token as listed: never its secret. Times are ISO-8601, null when not yet. */
    public record Token(long id, String agent, String name, String prefix, String createdBy, String createdAt,
                        String lastUsedAt, String revokedAt) {

        static Token of(ApiTokens.Token t) {
            return new Token(t.id(), t.agent(), t.name(), t.prefix(), t.createdBy(), t.createdAt().toString(),
                    t.lastUsedAt() == null ? null : t.lastUsedAt().toString(),
                    t.revokedAt() == null ? null : t.revokedAt().toString());
        }
    }

    /**
     * A token just created: what the list shows, and {@code token}, the secret the caller sees this once.
     */
    public record Created(@JsonUnwrapped Token info, String token) {
        @Override
        public String toString() {
            return "Created[" + info + "]";
        }
    }

    /** A revoked token. */
    public record Revoked(long id, boolean revoked) {
    }

    private final ApiTokens tokens;
    private final AgentDirectory agents;

    public AgentTokens(ApiTokens tokens, AgentDirectory agents) {
        this.tokens = tokens;
        this.agents = agents;
    }

    /** The caller's tokens; a supervisor's: everyone's, or {@code agent}'s when given. Newest first. */
    public List<Token> list(Principal p, String agent) {
        String whose = agent == null || agent.isBlank() ? null : agent;
        if (!p.role().atLeast(Role.SUPERVISOR)) {
            if (agent != null && !agent.equals(p.name())) {
                throw Refusal.forbidden("listing another agent's tokens needs the supervisor role");
            }
            whose = p.name();
        }
        return tokens.list(whose).stream().map(Token::of).toList();
    }

    /** A new token named {@code name} for {@code agent} (blank: the caller). */
    public Created create(Principal p, String name, String agent) {
        if (p.viaToken() && !p.integration()) {
            throw Refusal.forbidden("create tokens from a signed-in session (or with the integration token), "
                    + "not with another agent token");
        }
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME) {
            throw Refusal.invalid("name is required (1 to " + MAX_NAME + " characters), e.g. \"helpdesk-sync\"");
        }
        String owner = agent == null || agent.isBlank() ? p.name() : agent.strip();
        if (!owner.equals(p.name()) && !p.role().atLeast(Role.SUPERVISOR)) {
            throw Refusal.forbidden("creating a token for another agent needs the supervisor role");
        }
        if (agents.find(owner).isEmpty()) {
            throw Refusal.invalid("unknown agent " + owner + "; tokens belong to agents in inbox.agents");
        }
        ApiTokens.Created created = tokens.create(owner, n, p.name());
        log.info("inbox API token {} created for {} by {}", created.token().id(), owner, p.name());
        return new Created(Token.of(created.token()), created.secret());
    }

    /** Revokes a token of the caller (a supervisor: anyone's); someone else's token is "not found" to an agent. */
    public Revoked revoke(Principal p, long id) {
        ApiTokens.Token t = tokens.byId(id).orElseThrow(() -> Refusal.notFound("no token " + id));
        if (!t.agent().equals(p.name()) && !p.role().atLeast(Role.SUPERVISOR)) {
            throw Refusal.notFound("no token " + id);
        }
        if (tokens.revoke(id)) {
            log.info("inbox API token {} of {} revoked by {}", id, t.agent(), p.name());
        }
        return new Revoked(id, true);
    }
}
