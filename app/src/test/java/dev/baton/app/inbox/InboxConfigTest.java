package dev.baton.app.inbox;

import dev.baton.inbox.auth.PasswordHasher;
import dev.baton.app.cli.Main;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The example config's inbox block, config errors that name the key, and {@code baton hash-password}. */
class InboxConfigTest {

    @Test
    void should_load_the_example_agents_and_groups() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/baton/baton.example.yaml")) {
            String token = "example-test-token-0123456789";
            BatonConfig c = new ConfigLoader(k -> k.equals("BATON_API_TOKEN") ? token : null).load(in,
                    "baton.example.yaml");
            assertThat(c.inbox().agents()).extracting(a -> a.name()).containsExactly("ann", "bob");
            assertThat(c.inbox().agents().get(0).password()).isEqualTo("baton-demo");
            assertThat(c.inbox().groups()).extracting(g -> g.name()).containsExactly("support", "vip", "verification");
            assertThat(c.inbox().groups().get(0).hours().timeZone()).isEqualTo("Asia/Shanghai");
            assertThat(c.inbox().toString()).doesNotContain(token);
            assertThat(c.inbox().positionUpdates().every()).isEqualTo(java.time.Duration.ofMinutes(5));
            assertThat(c.inbox().positionUpdates().max()).isEqualTo(3);
            assertThat(c.inbox().positionUpdates().reserveForAgents()).isEqualTo(3);
            assertThat(c.inbox().positionUpdates().enabled()).isTrue();
            assertThat(c.inbox().customers()).singleElement().satisfies(cu -> {
                assertThat(cu.channel()).isEqualTo("dev");
                assertThat(cu.id()).isEqualTo("vip-demo");
                assertThat(cu.tier()).isEqualTo("vip");
                assertThat(cu.tags()).containsExactly("demo");
            });
        }
    }

    @Test
    void should_load_the_desk_language_and_the_labels_of_the_business_intents() throws Exception {
        String yaml = """
                inbox:
                  language: zh
                  intent-labels:
                    warranty_claim: { zh: 保修申请, en: warranty claim }
                """;
        BatonConfig c = new ConfigLoader(Map.<String, String>of()::get)
                .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t.yaml");

        assertThat(c.inbox().language()).isEqualTo("zh");
        assertThat(c.inbox().intentLabels().get("warranty_claim").in("zh")).isEqualTo("保修申请");
        assertThat(c.inbox().intentLabels().get("warranty_claim").in("en")).isEqualTo("warranty claim");
        String bad = "inbox:\n  language: fr\n";
        assertThatThrownBy(() -> new ConfigLoader(Map.<String, String>of()::get)
                .load(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "t.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("inbox.language");
    }

    @Test
    void should_name_the_key_of_a_bad_customer_entry() {
        String yaml = """
                inbox:
                  customers:
                    - { channel: whatsapp, id: 8613800000000, tier: vip }
                    - { channel: telegram, id: "42", tier: vip }
                    - { channel: whatsapp, tier: "very important" }
                    - { channel: wechat, id: "o-abc", tags: ["a,b"] }
                    - { channel: whatsapp, id: "8613800000000", tier: gold }
                    - { channel: dev, id: nobody }
                """;
        assertThatThrownBy(() -> new ConfigLoader(Map.<String, String>of()::get)
                .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(String.join("\n", ((ConfigException) e).problems()))
                        .doesNotContain("inbox.customers[0]")
                        .contains("inbox.customers[1].channel")
                        .contains("inbox.customers[2].id").contains("inbox.customers[2].tier")
                        .contains("inbox.customers[3].tags")
                        .contains("inbox.customers[4].id").contains("listed twice")
                        .contains("inbox.customers[5].tier"));
    }

    @Test
    void should_name_the_key_of_a_bad_inbox_setting() {
        String yaml = """
                inbox:
                  kind: webhook
                  agents:
                    - name: ann
                      role: boss
                  groups:
                    - name: support
                      hours: { time-zone: Mars/Olympus, open: ["weekdays 9-5"] }
                  position-updates: { every: 0s, max: -1 }
                """;
        assertThatThrownBy(() -> new ConfigLoader(Map.<String, String>of()::get)
                .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(String.join("\n", ((ConfigException) e).problems()))
                        .contains("inbox.webhook.url").contains("inbox.agents[0].role")
                        .contains("inbox.agents[0].password-hash").contains("inbox.groups[0].hours.time-zone")
                        .contains("inbox.groups[0].hours.open").contains("inbox.position-updates.every")
                        .contains("inbox.position-updates.max"));
    }

    @Test
    void should_print_a_verifiable_hash_for_a_password_from_stdin() {
        InputStream stdin = System.in;
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream("long enough pass\n".getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(Main.run("hash-password")).isZero();
        } finally {
            System.setIn(stdin);
            System.setOut(stdout);
        }
        String hash = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(PasswordHasher.verify("long enough pass".toCharArray(), hash)).isTrue();
    }
}
