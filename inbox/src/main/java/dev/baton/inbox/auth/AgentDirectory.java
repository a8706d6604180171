package dev.baton.inbox.auth;

import dev.baton.inbox.config.InboxConfig;
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

    /** Checks a password against a stored hash: {@link PasswordHasher#verify} (tests count the work asked). */
    @FunctionalInterface
    interface PasswordCheck {
        boolean verify(char[] password, String storedHash);
    }

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
    private final PasswordCheck check;
    /**
     * Verified against when the name is unknown, with the work parameters of the agents' own hashes, so a wrong name
     * costs what a wrong password costs and the answer time does not tell which names exist.
     */
    private final String dummy;

    public AgentDirectory(List<InboxConfig.Agent> configured) {
        this(configured, PasswordHasher::verify);
    }

    AgentDirectory(List<InboxConfig.Agent> configured, PasswordCheck check) {
        this.check = check;
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
        this.dummy = PasswordHasher.hash("dummy".toCharArray(), dummyIterations());
    }

    /**
     * The agents' work factor (the highest, should they differ: then a name with a cheaper hash answers faster, which
     * the warning says). Without agents, the default of {@code baton hash-password}.
     */
    private int dummyIterations() {
        List<Integer> counts = agents.values().stream().map(a -> PasswordHasher.params(a.passwordHash()))
                .flatMap(java.util.Optional::stream).map(PasswordHasher.Params::iterations).distinct().sorted().toList();
        if (counts.size() > 1) {
            log.warn("inbox agents' password hashes use different iteration counts {}: a sign-in with a name whose "
                    + "hash is cheaper answers faster, which tells the name exists; re-hash them with `baton "
                    + "hash-password`", counts);
        }
        return counts.isEmpty() ? PasswordHasher.ITERATIONS : counts.get(counts.size() - 1);
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

    /**
     * The agent when name and password match. An unknown name is checked against a dummy hash with the agents' own
     * parameters: the same work whether or not the name exists.
     */
    public Optional<Agent> authenticate(String name, char[] password) {
        Agent a = name == null ? null : agents.get(name);
        boolean ok = check.verify(password, a == null ? dummy : a.passwordHash());
        return ok && a != null ? Optional.of(a) : Optional.empty();
    }
}
