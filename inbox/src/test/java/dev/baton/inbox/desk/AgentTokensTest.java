package dev.baton.inbox.desk;

import dev.baton.inbox.auth.ApiTokens;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static dev.baton.inbox.desk.DeskFixture.agent;
import static dev.baton.inbox.desk.DeskFixture.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Who may list, create and revoke agent tokens, without HTTP. */
class AgentTokensTest {

    private final DeskFixture f = new DeskFixture();
    private final AgentTokens tokens = new AgentTokens(new ApiTokens(f.db, Clock.systemUTC()), f.agents);

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void should_let_agents_manage_their_own_tokens_and_supervisors_everyones() {
        AgentTokens.Created bobs = tokens.create(agent("bob"), " helpdesk ", "");
        tokens.create(supervisor("ann"), "for cleo", "cleo");

        assertThat(bobs.info().agent()).isEqualTo("bob");
        assertThat(bobs.info().name()).isEqualTo("helpdesk");
        assertThat(bobs.token()).startsWith(ApiTokens.PREFIX);
        assertThat(bobs.toString()).doesNotContain(bobs.token());
        assertThat(tokens.list(agent("bob"), null)).extracting(AgentTokens.Token::agent).containsExactly("bob");
        assertThat(tokens.list(supervisor("ann"), null)).hasSize(2);
        assertThat(tokens.list(supervisor("ann"), "cleo")).extracting(AgentTokens.Token::name)
                .containsExactly("for cleo");
        assertThat(((Refusal) catchThrowable(() -> tokens.list(agent("bob"), "cleo"))).kind())
                .isEqualTo(Refusal.Kind.FORBIDDEN);
    }

    @Test
    void should_refuse_a_token_minted_with_an_agent_token_for_another_agent_or_for_nobody() {
        Principal viaToken = Principal.agentToken("bob", Role.AGENT, 1);

        assertThat(catchThrowable(() -> tokens.create(viaToken, "again", null)))
                .hasMessageStartingWith("create tokens from a signed-in session");
        assertThat(((Refusal) catchThrowable(() -> tokens.create(agent("bob"), "x", "cleo"))).kind())
                .isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(((Refusal) catchThrowable(() -> tokens.create(supervisor("ann"), "x", "nobody"))).kind())
                .isEqualTo(Refusal.Kind.INVALID);
        assertThat(((Refusal) catchThrowable(() -> tokens.create(agent("bob"), "n".repeat(65), null))).kind())
                .isEqualTo(Refusal.Kind.INVALID);
        assertThat(tokens.create(Principal.integration("ops"), "provisioned", "bob").info().createdBy())
                .as("the integration token may provision tokens").isEqualTo("ops");
        assertThat(tokens.list(supervisor("ann"), null)).hasSize(1);
    }

    @Test
    void should_hide_another_agents_token_from_an_agent_who_tries_to_revoke_it() {
        long cleos = tokens.create(supervisor("ann"), "cleo's", "cleo").info().id();

        Refusal r = (Refusal) catchThrowable(() -> tokens.revoke(agent("bob"), cleos));

        assertThat(r.kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(tokens.list(agent("cleo"), null).get(0).revokedAt()).isNull();
        assertThat(tokens.revoke(agent("cleo"), cleos)).isEqualTo(new AgentTokens.Revoked(cleos, true));
        assertThat(tokens.list(agent("cleo"), null).get(0).revokedAt()).isNotNull();
    }
}
