package dev.baton.app.inbox;

import dev.baton.app.config.InboxConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agents from {@code inbox.agents}, with their password hashes. A plain {@code password} (demo configs) is
 * hashed once at start-up and never kept.
 */
public final class AgentDirectory {

    private static final Logger log = LoggerFactory.getLogger(AgentDirectory.class);
    private static final int DEMO_ITERATIONS = 50_000;
    /** Verified against when the name is unknown, so a wrong name takes as long as a wrong password. */
    private static final String DUMMY = PasswordHasher.hash("dummy".toCharArray(), DEMO_ITERATIONS);

    /** One agent as the inbox needs them. */
    public record Agent(String name, Role role, List<String> groups, int capacity, String passwordHash) {
        public boolean serves(String group) {
            return groups.isEmpty() || group == null || groups.contains(group);
        }

        @Override
        public String toString() {
            return "Agent[" + name + ", " + role + "]";
        }
    }

    private final Map<String, Agent> agents = new LinkedHashMap<>();

    public AgentDirectory(List<InboxConfig.Agent> configured) {
        for (InboxConfig.Agent a : configured) {
            String hash = a.passwordHash();
            if (hash == null || hash.isBlank()) {
                log.warn("inbox agent {} has a plain password in the config; use password-hash from "
                        + "`baton hash-password` outside demos", a.name());
                hash = PasswordHasher.hash(a.password().toCharArray(), DEMO_ITERATIONS);
            }
            agents.put(a.name(), new Agent(a.name(), a.supervisor() ? Role.SUPERVISOR : Role.AGENT, a.groups(),
                    a.capacity(), hash));
        }
    }

    public Optional<Agent> find(String name) {
        return Optional.ofNullable(name == null ? null : agents.get(name));
    }

    public List<Agent> all() {
        return List.copyOf(agents.values());
    }

    public boolean isEmpty() {
        return agents.isEmpty();
    }

    /** The agent when name and password match; constant work whether or not the name exists. */
    public Optional<Agent> authenticate(String name, char[] password) {
        Agent a = name == null ? null : agents.get(name);
        boolean ok = PasswordHasher.verify(password, a == null ? DUMMY : a.passwordHash());
        return ok && a != null ? Optional.of(a) : Optional.empty();
    }
}
