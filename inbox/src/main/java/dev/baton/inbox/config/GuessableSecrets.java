package dev.baton.inbox.config;

import dev.baton.core.config.ConfigProblems;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses, at start-up, the secrets anyone can guess: a placeholder or short {@code inbox.api-token} (its holder is a
 * supervisor on {@code /api/*}), and the demo password published in the README on an address other machines can
 * reach. Each refusal is one config problem naming the key and the fix; the value itself is never repeated unless it
 * is a known placeholder.
 */
public final class GuessableSecrets {

    /** The shortest integration token accepted: 24 characters (e.g. 12 random bytes in hex, 18 in base64). */
    static final int MIN_API_TOKEN = 24;
    /** The demo agents' password in the bundled example config and the README tour. */
    public static final String DEMO_PASSWORD = "baton-demo";

    private static final Set<String> PLACEHOLDERS = Set.of("change-me", "changeme", "change_me", "change-it",
            "changeit", "replace-me", "replaceme", "secret", "password", "token", "api-token", "test", "example",
            "default", "admin", "your-token", "your-api-token", "xxx", "todo", DEMO_PASSWORD);

    private GuessableSecrets() {
    }

    /** {@code inbox.api-token}: absent or blank turns the integration token off; otherwise it must be unguessable. */
    public static void checkApiToken(String key, String token, ConfigProblems problems) {
        if (token == null || token.isBlank()) {
            return;
        }
        String fix = "set a random value of at least " + MIN_API_TOKEN + " characters (e.g. export BATON_API_TOKEN="
                + "$(openssl rand -hex 16)), or remove the key to turn the integration token off";
        if (PLACEHOLDERS.contains(token.strip().toLowerCase(Locale.ROOT))) {
            problems.add(key, "\"" + token.strip() + "\" is a placeholder anyone can guess, and the token acts as a "
                    + "supervisor on /api/*; " + fix);
        } else if (token.length() < MIN_API_TOKEN) {
            problems.add(key, "is only " + token.length() + " characters, short enough to guess, and the token acts "
                    + "as a supervisor on /api/*; " + fix);
        }
    }

    /** Agents who sign in with the published demo password, refused unless Baton listens on this machine only. */
    public static void checkDemoPasswords(String host, List<InboxConfig.Agent> agents, ConfigProblems problems) {
        if (loopback(host)) {
            return;
        }
        for (int i = 0; i < agents.size(); i++) {
            InboxConfig.Agent a = agents.get(i);
            boolean hashed = a.passwordHash() != null && !a.passwordHash().isBlank();
            if (!hashed && DEMO_PASSWORD.equals(a.password())) {
                problems.add("inbox.agents[" + i + "].password", "is the demo password published in the README, and "
                        + "server.host " + host + " lets other machines sign in as " + a.name() + "; set "
                        + "BATON_DEMO_PASSWORD or a password-hash (`baton hash-password`), or listen on 127.0.0.1");
            }
        }
    }

    /** True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost). */
    public static boolean loopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
