package dev.baton.inbox.auth;

import dev.baton.inbox.config.InboxConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in checks: the same hashing work whether or not the name exists. */
class AgentDirectoryTest {

    private static final String PASSWORD = "correct horse battery";

    /** Records the hash each verification was asked to check against, and really checks it. */
    private static final class CountingCheck implements AgentDirectory.PasswordCheck {
        final List<PasswordHasher.Params> asked = new ArrayList<>();

        @Override
        public boolean verify(char[] password, String storedHash) {
            asked.add(PasswordHasher.params(storedHash).orElseThrow());
            return PasswordHasher.verify(password, storedHash);
        }
    }

    private static InboxConfig.Agent withHash(String name, String hash) {
        return new InboxConfig.Agent(name, hash, null, List.of(), null, null);
    }

    @Test
    void should_do_the_same_hashing_work_for_an_unknown_name_as_for_a_wrong_password() {
        // given an agent whose hash comes from `baton hash-password` (the production work factor)
        CountingCheck check = new CountingCheck();
        AgentDirectory agents = new AgentDirectory(List.of(withHash("ann", PasswordHasher.hash(PASSWORD.toCharArray()))),
                check);

        // when a known name with a wrong password and an unknown name try to sign in
        assertThat(agents.authenticate("ann", "wrong".toCharArray())).isEmpty();
        assertThat(agents.authenticate("nobody", PASSWORD.toCharArray())).isEmpty();

        // then each did one verification with the same parameters: the production iterations
        assertThat(check.asked).hasSize(2);
        assertThat(check.asked.get(1)).isEqualTo(check.asked.get(0));
        assertThat(check.asked.get(0).iterations()).isEqualTo(PasswordHasher.ITERATIONS);
        assertThat(agents.authenticate("ann", PASSWORD.toCharArray())).isPresent();
    }

    @Test
    void should_use_the_agents_own_work_factor_for_unknown_names_when_they_use_another() {
        // given demo agents with plain passwords (hashed at start-up with a smaller work factor)
        CountingCheck check = new CountingCheck();
        AgentDirectory agents = new AgentDirectory(List.of(
                new InboxConfig.Agent("bob", null, PASSWORD, List.of(), null, null)), check);

        agents.authenticate("bob", "wrong".toCharArray());
        agents.authenticate("bobby", "wrong".toCharArray());

        assertThat(check.asked).hasSize(2);
        assertThat(check.asked.get(1)).isEqualTo(check.asked.get(0));
    }
}
