package dev.baton.app.inbox;

import dev.baton.core.channel.Channel;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.conversation.Customer;
import dev.baton.core.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's tier and tags as people and the config set them (the inbox's customer panel, {@code inbox.customers};
 * a channel's own tier claim, such as the dev channel's {@code "tier"}, is applied by the engine). The handoff policy reads the tier on the customer's next message, so a customer
 * made {@code vip} jumps the queue from then on. Every change is logged: who, which customer (by Baton's id, not the
 * platform id), old and new values.
 */
public final class CustomerProfiles {

    private static final Logger log = LoggerFactory.getLogger(CustomerProfiles.class);

    static final int MAX_TAGS = 20;
    static final int MAX_TAG_LENGTH = 64;

    /** The result of a change. */
    public record Change(Customer before, Customer after) {
        public boolean changed() {
            return !Objects.equals(before.tier(), after.tier()) || !before.tags().equals(after.tags());
        }
    }

    private final Store store;
    private final ConversationEvents events;
    private final Clock clock;

    public CustomerProfiles(Store store, ConversationEvents events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
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

    /**
     * Sets the tier and tags of a customer; a null argument keeps the current value. Logs the change and announces
     * it on {@code conversationId} (when not null) so open inbox pages reload.
     *
     * @param who    who changed it (agent name, {@code config}, {@code dev-api})
     * @param how    how ({@code session}, {@code agent-token}, {@code integration-token}, …), for the log
     */
    public Change set(long customerId, Long conversationId, Optional<String> tier, Optional<List<String>> tags,
                      String who, String how) {
        Change change = store.db().inTransaction(c -> {
            Customer before = store.customers().byId(c, customerId)
                    .orElseThrow(() -> new ApiError(404, "no customer " + customerId));
            String newTier = tier.isPresent() ? normalizeTier(tier.get()) : before.tier();
            List<String> newTags = tags.map(CustomerProfiles::normalizeTags).orElse(before.tags());
            Customer after = new Customer(before.id(), before.channel(), before.platformId(), before.displayName(),
                    newTier, newTags, before.language(), before.createdAt());
            Change ch = new Change(before, after);
            if (ch.changed()) {
                store.customers().setTierAndTags(c, customerId, newTier, newTags);
            }
            return ch;
        });
        if (change.changed()) {
            log.info("customer {}{}: tier {} -> {}, tags {} -> {} (by {} via {})", customerId,
                    conversationId == null ? "" : " (conversation " + conversationId + ")",
                    change.before().tier(), change.after().tier(), change.before().tags(), change.after().tags(),
                    who, how);
            if (conversationId != null) {
                events.changed(conversationId, ConversationEvents.Kind.STATE);
            }
        }
        return change;
    }

    /**
     * Applies {@code inbox.customers} at start-up: each listed customer is created if Baton has not seen them yet
     * and gets the tier and tags of the list (the config wins over a change made in the inbox since the last start).
     */
    public int applyConfigured(List<dev.baton.app.config.InboxConfig.Customer> list) {
        int changed = 0;
        for (dev.baton.app.config.InboxConfig.Customer entry : list) {
            Channel channel = Channel.of(entry.channel());
            long id = store.db().inTransaction(c -> store.customers().upsert(c, channel, entry.id(), null,
                    clock.instant()).id());
            Change ch = set(id, null, Optional.ofNullable(entry.tier()).or(() -> Optional.of("")),
                    Optional.of(entry.tags()), "config", "inbox.customers");
            if (ch.changed()) {
                changed++;
            }
        }
        if (!list.isEmpty()) {
            log.info("inbox.customers: {} customer(s) listed, {} updated", list.size(), changed);
        }
        return changed;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
