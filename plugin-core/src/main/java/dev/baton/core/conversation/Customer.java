package dev.baton.core.conversation;

import dev.baton.core.channel.Channel;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A customer as Baton knows them: one per channel and platform id.
 *
 * @param tier a name such as {@code vip} ({@link #tierProblem}), set by people, the config or a channel; the handoff
 *             policy reads it; null when none
 */
public record Customer(long id, Channel channel, String platformId, String displayName, String tier,
                       List<String> tags, String language, Instant createdAt) {

    /** Tier names: letters, digits, '.', '_', '-'. */
    private static final Pattern TIER = Pattern.compile("[\\p{L}\\p{N}._-]{1,64}");

    public Customer {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Null when {@code tier} is a valid tier name (or null = no tier), else what is wrong with it. */
    public static String tierProblem(String tier) {
        if (tier == null || TIER.matcher(tier).matches()) {
            return null;
        }
        String shown = tier.length() <= 40 ? tier : tier.substring(0, 40) + "…";
        return "tier must be 1 to 64 letters, digits, '.', '_' or '-' (e.g. vip), got \"" + shown + "\"";
    }

    /** Blank means no tier; otherwise stripped. */
    public static String normalizeTier(String tier) {
        return tier == null || tier.isBlank() ? null : tier.strip();
    }
}
