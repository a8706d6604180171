package dev.baton.app.inbox;

import dev.baton.inbox.auth.ApiTokens;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-agent API tokens over REST: identity and role of the owner, revocation, who may manage whose tokens. */
class InboxTokensTest {

    @TempDir
    static Path dir;
    static TestBaton baton;

    @BeforeAll
    static void start() throws Exception {
        baton = TestBaton.start(dir, Map.of());
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    @Test
    void should_open_the_ops_api_to_a_supervisor_token_but_not_to_an_agent_token() {
        String annToken = baton.login("ann").postJson("/api/tokens", Map.of("name", "ops")).body().path("token")
                .asText();
        String bobToken = baton.login("bob").postJson("/api/tokens", Map.of("name", "ops")).body().path("token")
                .asText();
        TestBaton.Json bySupervisor = baton.bearer(annToken).getStatus("/api/outbox?status=dead");
        assertThat(bySupervisor.status()).isEqualTo(200);
        assertThat(bySupervisor.body().path("items").isArray()).isTrue();
        assertThat(baton.token("ops").getStatus("/api/outbox?status=dead").status()).isEqualTo(200);
        assertThat(baton.bearer(bobToken).getStatus("/api/outbox?status=dead").status()).isEqualTo(403);
        assertThat(baton.bearer("bt_not-a-token").getStatus("/api/outbox?status=dead").status()).isEqualTo(401);
        assertThat(baton.anonymous().getStatus("/api/outbox?status=dead").status()).isEqualTo(401);
        assertThat(baton.bearer(annToken).getStatus("/api/outbox?status=nonsense").status()).isEqualTo(400);
    }

    @Test
    void should_let_an_agent_token_act_as_its_agent_but_never_as_a_supervisor() {
        String customer = "tok-" + System.nanoTime();
        baton.customerSays(customer, "I want a human please");
        JsonNode item = queueItem(customer);
        long ticket = item.path("id").asLong();
        long conv = item.path("conversationId").asLong();

        TestBaton.Client bob = baton.login("bob");
        TestBaton.Json created = bob.postJson("/api/tokens", Map.of("name", "bob's laptop"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String token = created.body().path("token").asText();
        assertThat(token).startsWith(ApiTokens.PREFIX).hasSizeGreaterThan(40);
        assertThat(created.body().path("agent").asText()).isEqualTo("bob");

        TestBaton.Client viaToken = baton.bearer(token);
        JsonNode me = viaToken.getJson("/api/me");
        assertThat(me.path("name").asText()).isEqualTo("bob");
        assertThat(me.path("role").asText()).isEqualTo("agent");
        assertThat(me.path("via").asText()).isEqualTo("agent-token");
        assertThat(viaToken.getStatus("/api/queue").status()).isEqualTo(200);

        assertThat(viaToken.postJson("/api/tickets/" + ticket + "/assign", Map.of("agent", "ann")).status())
                .as("assigning to others is a supervisor action").isEqualTo(403);
        assertThat(viaToken.postJson("/api/tickets/" + ticket + "/transfer", Map.of("agent", "ann")).status())
                .isEqualTo(403);
        assertThat(viaToken.getStatus("/api/analytics").status()).isEqualTo(403);
        assertThat(viaToken.postJson("/api/drafts/x.md/approve", Map.of()).status()).isEqualTo(403);
        assertThat(viaToken.getStatus("/api/tokens?agent=ann").status()).isEqualTo(403);
        assertThat(viaToken.postJson("/api/tokens", Map.of("name", "another")).status())
                .as("a token cannot mint tokens").isEqualTo(403);
        assertThat(viaToken.postJson("/api/tokens", Map.of("name", "x", "agent", "ann")).status()).isEqualTo(403);
        assertThat(viaToken.send(viaToken.request("/api/me").header("X-Baton-Agent", "ann").GET().build()).body())
                .as("X-Baton-Agent does not change who an agent token is").contains("\"name\":\"bob\"");

        assertThat(viaToken.postJson("/api/tickets/" + ticket + "/claim", Map.of()).status()).isEqualTo(200);
        assertThat(viaToken.postJson("/api/conversations/" + conv + "/reply", Map.of("text", "Bob via token"))
                .status()).as("no CSRF header needed with a token").isEqualTo(202);
        assertThat(baton.token("t").getJson("/api/conversations/" + conv).path("conversation").path("assignee")
                .asText()).isEqualTo("bob");

        JsonNode listed = bob.getJson("/api/tokens");
        assertThat(listed.path("items").toString()).contains("bob's laptop").doesNotContain(token)
                .doesNotContain("\"token\"");
    }

    @Test
    void should_refuse_a_revoked_token_an_unknown_token_and_no_token() {
        TestBaton.Client bob = baton.login("bob");
        TestBaton.Json created = bob.postJson("/api/tokens", Map.of("name", "short-lived"));
        String token = created.body().path("token").asText();
        long id = created.body().path("id").asLong();
        assertThat(baton.bearer(token).getStatus("/api/queue").status()).isEqualTo(200);

        assertThat(bob.delete("/api/tokens/" + id).status()).isEqualTo(200);
        assertThat(baton.bearer(token).getStatus("/api/queue").status()).isEqualTo(401);
        assertThat(baton.bearer(token).getStatus("/api/me").status()).isEqualTo(401);
        assertThat(baton.bearer(ApiTokens.PREFIX + "madeUpmadeUpmadeUpmadeUpmadeUpmadeUpmadeUp1")
                .getStatus("/api/queue").status()).isEqualTo(401);
        assertThat(baton.anonymous().getStatus("/api/tokens").status()).isEqualTo(401);
        assertThat(baton.anonymous().postJson("/api/tokens", Map.of("name", "x")).status()).isEqualTo(401);
        JsonNode listed = bob.getJson("/api/tokens");
        assertThat(listed.path("items").toString()).contains("short-lived").contains("revokedAt\":\"");
    }

    @Test
    void should_let_only_a_supervisor_manage_another_agents_tokens() {
        TestBaton.Client bob = baton.login("bob");
        TestBaton.Client ann = baton.login("ann");
        assertThat(bob.postJson("/api/tokens", Map.of("name", "x", "agent", "ann")).status()).isEqualTo(403);

        TestBaton.Json forBob = ann.postJson("/api/tokens", Map.of("name", "set up by ann", "agent", "bob"));
        assertThat(forBob.status()).isEqualTo(201);
        JsonNode bobMe = baton.bearer(forBob.body().path("token").asText()).getJson("/api/me");
        assertThat(bobMe.path("name").asText()).isEqualTo("bob");
        assertThat(bobMe.path("role").asText()).isEqualTo("agent");

        TestBaton.Json annOwn = ann.postJson("/api/tokens", Map.of("name", "ann's script"));
        String annToken = annOwn.body().path("token").asText();
        assertThat(baton.bearer(annToken).getStatus("/api/analytics").status())
                .as("a supervisor's token has the supervisor role").isEqualTo(200);
        assertThat(bob.delete("/api/tokens/" + annOwn.body().path("id").asLong()).status())
                .as("bob cannot see or revoke ann's token").isEqualTo(404);
        assertThat(baton.bearer(annToken).getStatus("/api/queue").status()).isEqualTo(200);

        assertThat(ann.getJson("/api/tokens").path("items").toString()).contains("set up by ann")
                .contains("ann's script");
        assertThat(ann.postJson("/api/tokens/" + forBob.body().path("id").asLong() + "/revoke", Map.of()).status())
                .isEqualTo(200);
        assertThat(baton.bearer(forBob.body().path("token").asText()).getStatus("/api/queue").status())
                .isEqualTo(401);
        assertThat(ann.postJson("/api/tokens", Map.of("name", "x", "agent", "nobody")).status()).isEqualTo(400);

        TestBaton.Json byIntegration = baton.token("ops").postJson("/api/tokens",
                Map.of("name", "provisioned", "agent", "bob"));
        assertThat(byIntegration.status()).as("the integration token may provision tokens").isEqualTo(201);
    }

    @Test
    void should_store_only_hashes_of_tokens_and_session_ids() throws Exception {
        TestBaton.Client c = baton.anonymous();
        var login = c.form("/inbox/login", "name=bob&password=" + TestBaton.PASSWORD);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        String sessionId = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        c.csrf = c.getJson("/api/me").path("csrf").asText();
        String token = c.postJson("/api/tokens", Map.of("name", "hash check")).body().path("token").asText();

        List<String> stored = new ArrayList<>();
        baton.runtime.engine().store().db().withConnection(conn -> {
            for (String sql : List.of("SELECT token_hash FROM inbox_api_tokens", "SELECT id_hash FROM inbox_sessions")) {
                try (PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                    }
                }
            }
            return null;
        });
        assertThat(stored).isNotEmpty().doesNotContain(token, sessionId)
                .contains(sha256(token), sha256(sessionId));
    }

    @Test
    void should_never_log_a_token_a_session_id_or_a_csrf_token() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Logger batonLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger("dev.baton");
        ch.qos.logback.classic.Level level = batonLog.getLevel();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        root.addAppender(logs);
        batonLog.setLevel(ch.qos.logback.classic.Level.DEBUG);
        String token;
        String sessionId;
        String csrf;
        try {
            TestBaton.Client c = baton.anonymous();
            var login = c.form("/inbox/login", "name=bob&password=" + TestBaton.PASSWORD);
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            sessionId = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
            csrf = c.getJson("/api/me").path("csrf").asText();
            c.csrf = csrf;
            TestBaton.Json created = c.postJson("/api/tokens", Map.of("name", "log check"));
            token = created.body().path("token").asText();
            baton.bearer(token).getStatus("/api/queue");
            c.delete("/api/tokens/" + created.body().path("id").asLong());
            baton.bearer(token).getStatus("/api/queue");
            c.form("/inbox/logout", "csrf=" + csrf);
        } finally {
            batonLog.setLevel(level);
            root.detachAppender(logs);
        }
        String all = String.join("\n", logs.list.stream()
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList());
        assertThat(all).contains("API token").contains("revoked");
        assertThat(all).doesNotContain(token).doesNotContain(token.substring(3, 12)).doesNotContain(sessionId)
                .doesNotContain(csrf);
    }

    private static JsonNode queueItem(String customer) {
        for (JsonNode item : baton.token("t").getJson("/api/queue").path("items")) {
            if (item.path("customer").path("name").asText().equals(customer)) {
                return item;
            }
        }
        throw new AssertionError("no queue item for " + customer);
    }

    /** How the inbox stores a secret: the lower-case hex SHA-256 of its UTF-8 bytes. */
    private static String sha256(String secret) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
