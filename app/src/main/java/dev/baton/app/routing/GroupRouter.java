package dev.baton.app.routing;

import dev.baton.app.config.InboxConfig;
import dev.baton.core.conversation.HandoffTicket;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the group for a ticket. The handoff policy's target group wins when it names a configured group; otherwise
 * the group whose skills fit best (intent and tier count double, language once); ties go to the group listed first.
 */
public final class GroupRouter {

    private final List<InboxConfig.Group> groups;

    public GroupRouter(List<InboxConfig.Group> groups) {
        this.groups = List.copyOf(groups);
    }

    public Optional<InboxConfig.Group> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** The group name the ticket should go to. */
    public String route(HandoffTicket ticket) {
        if (groups.isEmpty() || group(ticket.group()).isPresent()) {
            return ticket.group();
        }
        InboxConfig.Group best = groups.get(0);
        int bestScore = -1;
        for (InboxConfig.Group g : groups) {
            int score = score(g, ticket);
            if (score > bestScore) {
                best = g;
                bestScore = score;
            }
        }
        return best.name();
    }

    private static int score(InboxConfig.Group g, HandoffTicket t) {
        int s = 0;
        if (matches(g.intents(), t.intent())) {
            s += 2;
        } else if (!g.intents().isEmpty()) {
            s -= 1;
        }
        if (matches(g.tiers(), t.customer() == null ? null : t.customer().tier())) {
            s += 2;
        } else if (!g.tiers().isEmpty()) {
            s -= 1;
        }
        if (matches(g.languages(), t.language())) {
            s += 1;
        } else if (!g.languages().isEmpty()) {
            s -= 1;
        }
        return s;
    }

    private static boolean matches(List<String> skills, String value) {
        if (value == null || skills.isEmpty()) {
            return false;
        }
        String v = value.toLowerCase(Locale.ROOT);
        return skills.stream().anyMatch(x -> x.toLowerCase(Locale.ROOT).equals(v)
                || v.startsWith(x.toLowerCase(Locale.ROOT) + "-"));
    }
}
