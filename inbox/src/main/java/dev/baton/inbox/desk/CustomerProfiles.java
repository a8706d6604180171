package dev.baton.inbox.desk;

import dev.baton.core.channel.Channel;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.conversation.Customer;
import dev.baton.core.store.Store;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.config.InboxConfig;
import dev.baton.inbox.config.TierAndTags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's tier and tags as people and the config set them (the inbox's customer panel, {@code inbox.customers};
 * a channel's own tier claim, such as the dev channel's {@code "tier"}, is applied by the engine). The handoff policy reads the tier on the customer's next message, so a customer
 * made {@code vip} jumps the queue from then on. Every change is logged: who, which customer (by Baton's id, not the
 * platform id), old and new values. Valid values are those of {@link TierAndTags}.
 */
public final class CustomerProfiles {

    private static final Logger log = LoggerFactory.getLogger(CustomerProfiles.class);

    /** The result of a change. */
    public record Change(Customer before, Customer after) {
        public boolean changed() {
            return !Objects.equals(before.tier(), after.tier()) || !before.tags().equals(after.tags());
        }
    }

    /** An edit from the inbox: the customer's tier and tags after it, and whether anything changed. */
    public record Edited(long conversationId, String tier, List<String> tags, boolean changed) {
    }

    private final Store store;
    private final ConversationEvents events;
    private final Clock clock;

    public CustomerProfiles(Store store, ConversationEvents events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Sets the tier and/or tags of the customer of a conversation, as {@code p}: a supervisor (or the integration
     * token) always, an agent only while they hold the conversation. An absent value is kept; a blank tier clears it.
     */
    public Edited edit(Principal p, long conversationId, Optional<String> tier, Optional<List<String>> tags) {
        String tierProblem = tier.map(t -> TierAndTags.tierProblem(TierAndTags.normalizeTier(t))).orElse(null);
        if (tierProblem != null) {
            throw Refusal.invalid(tierProblem);
        }
        String tagsProblem = tags.map(TierAndTags::tagsProblem).orElse(null);
        if (tagsProblem != null) {
            throw Refusal.invalid(tagsProblem);
        }
        if (tier.isEmpty() && tags.isEmpty()) {
            throw Refusal.invalid("give tier and/or tags, e.g. {\"tier\":\"vip\",\"tags\":[\"gold-card\"]}");
        }
        Conversation conv = store.db().withConnection(c -> store.conversations().byId(c, conversationId))
                .orElseThrow(() -> Refusal.notFound("no conversation " + conversationId));
        if (!WorkRules.mayEditCustomer(p, conv)) {
            throw Refusal.forbidden("changing the customer's tier or tags needs the supervisor role, or the "
                    + "conversation must be with you");
        }
        Change change = set(conv.customerId(), conversationId, tier, tags, p.name(), p.via());
        return new Edited(conversationId, change.after().tier(), change.after().tags(), change.changed());
    }

    /**
     * Sets the tier and tags of a customer; an empty argument keeps the current value. Logs the change and announces
     * it on {@code conversationId} (when not null) so open inbox pages reload.
     *
     * @param who    who changed it (agent name, {@code config}, {@code dev-api})
     * @param how    how ({@code session}, {@code agent-token}, {@code integration-token}, …), for the log
     */
    public Change set(long customerId, Long conversationId, Optional<String> tier, Optional<List<String>> tags,
                      String who, String how) {
        Change change = store.db().inTransaction(c -> {
            Customer before = store.customers().byId(c, customerId)
                    .orElseThrow(() -> Refusal.notFound("no customer " + customerId));
            String newTier = tier.isPresent() ? TierAndTags.normalizeTier(tier.get()) : before.tier();
            List<String> newTags = tags.map(TierAndTags::normalizeTags).orElse(before.tags());
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
    public int applyConfigured(List<InboxConfig.Customer> list) {
        int changed = 0;
        for (InboxConfig.Customer entry : list) {
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
}
