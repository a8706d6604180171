package dev.baton.inbox.config;

import dev.baton.core.conversation.Customer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a customer's tier and tags may be, and their normal form: one rule for {@code inbox.customers}, the inbox's
 * customer panel and the dev channel (the tier's rule is {@link Customer#tierProblem}). A tier is a short name ({@code vip}, {@code gold.2}); tags are free labels
 * without commas (they are stored comma-joined).
 */
public final class TierAndTags {

    /** Most tags a customer has. */
    public static final int MAX_TAGS = 20;
    /** Longest tag. */
    public static final int MAX_TAG_LENGTH = 64;

    private TierAndTags() {
    }

    /** Null when {@code tier} is a valid tier name (or null = no tier), else what is wrong with it. */
    public static String tierProblem(String tier) {
        return Customer.tierProblem(tier);
    }

    /** Null when the tags are valid, else what is wrong with them. */
    public static String tagsProblem(List<String> tags) {
        if (tags == null) {
            return null;
        }
        if (tags.size() > MAX_TAGS) {
            return "at most " + MAX_TAGS + " tags, got " + tags.size();
        }
        for (String t : tags) {
            if (t == null || t.isBlank() || t.strip().length() > MAX_TAG_LENGTH || t.contains(",")
                    || t.chars().anyMatch(Character::isISOControl)) {
                return "each tag must be 1 to " + MAX_TAG_LENGTH + " characters without commas, got \""
                        + shorten(String.valueOf(t)) + "\"";
            }
        }
        return null;
    }

    /** Blank means no tier; otherwise stripped. */
    public static String normalizeTier(String tier) {
        return Customer.normalizeTier(tier);
    }

    /** Stripped, without duplicates, in the given order. */
    public static List<String> normalizeTags(List<String> tags) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : tags) {
            out.add(t.strip());
        }
        return List.copyOf(out);
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
