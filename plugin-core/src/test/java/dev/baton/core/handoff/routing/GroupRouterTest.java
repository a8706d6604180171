package dev.baton.core.handoff.routing;

import dev.baton.core.channel.Channel;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.HandoffTicket;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GroupRouterTest {

    private final GroupRouter router = new GroupRouter(List.of(
            new Group("support", List.of(), List.of("zh", "en"), List.of(), null, null),
            new Group("vip", List.of(), List.of(), List.of("vip", "gold"), null, null),
            new Group("security", List.of("account_change", "fraud"), List.of(), List.of(), null, null)));

    private static HandoffTicket ticket(String group, String intent, String tier, String language) {
        return new HandoffTicket(1, 1, new HandoffTicket.CustomerProfile(1, Channel.of("dev"), "c", null, "c", tier,
                List.of()), List.of(HandoffReason.EXPLICIT_REQUEST), "", 50, group, "", language, intent, List.of(),
                List.of(), List.of(), null, Instant.EPOCH);
    }

    @Test
    void should_keep_the_policys_group_when_it_exists() {
        assertThat(router.route(ticket("security", null, "vip", "en"))).isEqualTo("security");
    }

    @Test
    void should_route_by_skills_otherwise() {
        assertThat(router.route(ticket("default", null, "gold", "en"))).isEqualTo("vip");
        assertThat(router.route(ticket("default", "fraud", null, "zh"))).isEqualTo("security");
        assertThat(router.route(ticket("default", null, null, "en"))).isEqualTo("support");
        assertThat(router.route(ticket("default", null, null, "fr"))).isEqualTo("support");
    }
}
