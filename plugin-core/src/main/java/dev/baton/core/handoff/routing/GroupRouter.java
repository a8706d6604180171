package dev.baton.core.handoff.routing;

import dev.baton.core.conversation.HandoffTicket;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the group for a ticket. The handoff policy's target group wins when it names a configured group; otherwise
 * the group whose skills fit best (intent and tier count double, language once); ties go to the group listed first.
 */
public final class GroupRouter {

    private final List<Group> groups;

    public GroupRouter(List<Group> groups) {
        this.groups = List.copyOf(groups);
    }

    public Optional<Group> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    public List<Group> groups() {
        return groups;
    }

    /** The group name the ticket should go to. */
    public String route(HandoffTicket ticket) {
        return route(ticket.group(), ticket.intent(), ticket.customer() == null ? null : ticket.customer().tier(),
                ticket.language());
    }

    /**
     * The group a handoff should go to.
     *
     * @param target the policy's group for the main reason
     */
    public String route(String target, String intent, String tier, String language) {
        if (groups.isEmpty() || group(target).isPresent()) {
            return target;
        }
        Group best = groups.get(0);
        int bestScore = -1;
        for (Group g : groups) {
            int score = score(g, intent, tier, language);
            if (score > bestScore) {
                best = g;
                bestScore = score;
            }
        }
        return best.name();
    }

    private static int score(Group g, String intent, String tier, String language) {
        int s = 0;
        if (matches(g.intents(), intent)) {
            s += 2;
        } else if (!g.intents().isEmpty()) {
            s -= 1;
        }
        if (matches(g.tiers(), tier)) {
            s += 2;
        } else if (!g.tiers().isEmpty()) {
            s -= 1;
        }
        if (matches(g.languages(), language)) {
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
