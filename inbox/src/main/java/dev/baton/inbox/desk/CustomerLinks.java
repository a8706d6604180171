package dev.baton.inbox.desk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.CustomerIdentities;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.conversation.Customer;
import dev.baton.core.store.Store;
import dev.baton.inbox.auth.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Customers recognised across channels (全渠道): the identities (channel + platform id) that are one person, linked
 * by an agent in the inbox or by the business's CRM answer ({@code "links"}), so that agents see one customer with
 * all their conversations.
 *
 * <p>Only identities someone vouches for are linked: the platform's own ids (a WhatsApp number, a WeChat openid) and
 * the web channel's signed-in users ({@code user:<id>}, proved by the site's hash), as each channel's
 * {@link CustomerIdentities} says. An anonymous web visitor is never linked, whatever they typed: otherwise a stranger
 * could make the desk (and the bot's summary) treat them as someone else. Linking and unlinking are allowed to a
 * supervisor, and to the agent holding the conversation ({@link WorkRules#mayEditCustomer}), as editing the tier is;
 * every change is written to the audit table and logged with Baton's ids, never the platform ids.
 */
public final class CustomerLinks {

    private static final Logger log = LoggerFactory.getLogger(CustomerLinks.class);

    /** At most this many links are read from one CRM answer. */
    static final int MAX_HOOK_LINKS = 20;

    /** The actor the audit names for links the CRM answer made. */
    public static final String CRM = "crm";

    private final Store store;
    private final Function<Channel, CustomerIdentities> identities;
    private final ConversationEvents events;
    private final Clock clock;

    /**
     * @param identities each installed channel's identity rules; null for a channel that is not installed (its
     *                   customers are not linked: nothing can vouch for them)
     */
    public CustomerLinks(Store store, Function<Channel, CustomerIdentities> identities, ConversationEvents events,
                         Clock clock) {
        this.store = store;
        this.identities = identities;
        this.events = events;
        this.clock = clock;
    }

    /** The result of a link or unlink: whether anything changed, and the person as they are now. */
    public record Changed(boolean changed, List<Long> customerIds) {
    }

    /**
     * Links the customer of {@code conversationId} to customer {@code otherCustomerId}, as {@code p}. Idempotent: a
     * link already there changes nothing.
     */
    public Changed link(Principal p, long conversationId, long otherCustomerId) {
        long[] currentId = new long[1];
        Changed changed = store.db().inTransaction(c -> {
            Conversation conv = conversation(c, conversationId);
            mayChange(p, conv);
            Customer current = customer(c, conv.customerId());
            currentId[0] = current.id();
            Customer other = store.customers().byId(c, otherCustomerId)
                    .orElseThrow(() -> Refusal.notFound("no customer " + otherCustomerId));
            requireVouched(current);
            requireVouched(other);
            boolean done = store.links().link(c, current.id(), other.id(), p.name(), p.via(), clock.instant());
            return new Changed(done, store.links().group(c, current.id()));
        });
        if (changed.changed()) {
            log.info("customer {} linked to customer {} (conversation {}, by {} via {})", currentId[0],
                    otherCustomerId, conversationId, p.name(), p.via());
            announce(changed.customerIds());
        }
        return changed;
    }

    /**
     * As {@link #link(Principal, long, long)}, naming the other customer as the business does: a channel key and
     * the id there ({@code whatsapp} + the number, {@code web} + the site's user id). Only a customer Baton knows.
     */
    public Changed link(Principal p, long conversationId, String channelKey, String businessId) {
        if (channelKey == null || !Channel.isValidKey(channelKey)) {
            throw Refusal.invalid("channel must be an installed channel's key, e.g. whatsapp or web");
        }
        CustomerIdentities rules = identities.apply(Channel.of(channelKey));
        if (rules == null) {
            throw Refusal.invalid("channel " + channelKey + " is not installed");
        }
        String platformId = rules.platformId(businessId).orElseThrow(() -> Refusal.invalid(
                "id must be the customer's id on " + channelKey + " (on the web: the site's user id)"));
        long other = store.db().withConnection(c -> store.customers().find(c, Channel.of(channelKey), platformId))
                .orElseThrow(() -> Refusal.notFound("no customer " + businessId + " on " + channelKey)).id();
        return link(p, conversationId, other);
    }

    /**
     * Takes {@code customerId} (the conversation's customer or one linked to them) out of the person, as {@code p}.
     * Idempotent: a customer on their own changes nothing.
     */
    public Changed unlink(Principal p, long conversationId, long customerId) {
        List<Long> before = new ArrayList<>();
        Changed changed = store.db().inTransaction(c -> {
            Conversation conv = conversation(c, conversationId);
            mayChange(p, conv);
            List<Long> group = store.links().group(c, conv.customerId());
            if (!group.contains(customerId)) {
                throw Refusal.notFound("customer " + customerId + " is not linked to the customer of conversation "
                        + conversationId);
            }
            before.addAll(group);
            boolean done = store.links().unlink(c, customerId, p.name(), p.via(), clock.instant());
            return new Changed(done, store.links().group(c, conv.customerId()));
        });
        if (changed.changed()) {
            log.info("customer {} unlinked (conversation {}, by {} via {})", customerId, conversationId, p.name(),
                    p.via());
            announce(before);
        }
        return changed;
    }

    /**
     * Applies the {@code "links"} of a CRM answer about the customer of {@code conversationId}:
     * {@code [{"channel": "whatsapp", "id": "8613…"}, {"channel": "web", "id": "user-42"}]}, ids as the business
     * knows them (a web user by the site's own user id). The business vouches for these, so a customer Baton has not
     * seen yet is created (linked before they write). Nothing is linked when the looked-up customer is not vouched for
     * (an anonymous visitor), and an entry naming a channel that is not installed, an id that channel cannot vouch
     * for, or a malformed entry is skipped (logged). Never throws: a broken CRM answer must not break the page.
     *
     * @return how many new links were made
     */
    public int fromCrm(long conversationId, JsonNode answer) {
        JsonNode links = answer == null ? null : answer.get("links");
        if (links == null || !links.isArray() || links.isEmpty()) {
            return 0;
        }
        try {
            List<Long> group = new ArrayList<>();
            int made = store.db().inTransaction(c -> {
                Customer current = customer(c, conversation(c, conversationId).customerId());
                if (!vouched(current)) {
                    log.info("conversation {}: the CRM answer names links, but customer {} is not vouched for "
                            + "(an anonymous visitor): not linked", conversationId, current.id());
                    return 0;
                }
                int n = 0;
                int seen = 0;
                for (JsonNode entry : links) {
                    if (++seen > MAX_HOOK_LINKS) {
                        log.info("conversation {}: the CRM answer names more than {} links; the rest are ignored",
                                conversationId, MAX_HOOK_LINKS);
                        break;
                    }
                    Optional<Customer> other = hookIdentity(c, conversationId, entry);
                    if (other.isPresent() && store.links().link(c, current.id(), other.get().id(), CRM, "crm-hook",
                            clock.instant())) {
                        n++;
                    }
                }
                group.addAll(store.links().group(c, current.id()));
                return n;
            });
            if (made > 0) {
                log.info("conversation {}: the CRM answer linked {} identit{}", conversationId, made,
                        made == 1 ? "y" : "ies");
                announce(group);
            }
            return made;
        } catch (RuntimeException e) { // the conversation is gone, the database failed: the CRM panel still shows
            log.warn("conversation {}: the CRM answer's links were not applied: {}", conversationId,
                    e.getClass().getSimpleName());
            return 0;
        }
    }

    /** True when who the customer is was vouched for by their channel (so they may be linked). */
    public boolean vouched(Customer customer) {
        CustomerIdentities rules = identities.apply(customer.channel());
        return rules != null && rules.vouchedFor(customer.platformId());
    }

    /** How the business names the customer (a web user's own id), or null when not vouched for. */
    public String businessId(Customer customer) {
        CustomerIdentities rules = identities.apply(customer.channel());
        return rules == null ? null : rules.businessId(customer.platformId()).orElse(null);
    }

    private Optional<Customer> hookIdentity(Connection c, long conversationId, JsonNode entry) throws SQLException {
        String key = text(entry, "channel");
        String id = text(entry, "id");
        if (key == null || id == null || !Channel.isValidKey(key)) {
            log.info("conversation {}: a CRM link without a valid channel and id is skipped", conversationId);
            return Optional.empty();
        }
        Channel channel = Channel.of(key);
        CustomerIdentities rules = identities.apply(channel);
        Optional<String> platformId = rules == null ? Optional.empty() : rules.platformId(id);
        if (platformId.isEmpty()) {
            log.info("conversation {}: a CRM link to channel {} is skipped ({})", conversationId, key,
                    rules == null ? "not installed" : "not an id that channel vouches for");
            return Optional.empty();
        }
        return Optional.of(store.customers().upsert(c, channel, platformId.get(), null, clock.instant()));
    }

    private static String text(JsonNode entry, String field) {
        JsonNode v = entry == null ? null : entry.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText().strip() : null;
    }

    private void requireVouched(Customer customer) {
        if (!vouched(customer)) {
            throw Refusal.invalid("customer " + customer.id() + " cannot be linked: only identities the platform or "
                    + "the business vouches for are (an anonymous web visitor is not; a signed-in one is)");
        }
    }

    private static void mayChange(Principal p, Conversation conv) {
        if (!WorkRules.mayEditCustomer(p, conv)) {
            throw Refusal.forbidden("linking customers needs the supervisor role, or the conversation must be with you");
        }
    }

    private Conversation conversation(Connection c, long id) throws SQLException {
        return store.conversations().byId(c, id).orElseThrow(() -> Refusal.notFound("no conversation " + id));
    }

    private Customer customer(Connection c, long id) throws SQLException {
        return store.customers().byId(c, id).orElseThrow(() -> Refusal.notFound("no customer " + id));
    }

    /** Open pages of every conversation of these customers reload (their customer panel changed). */
    private void announce(List<Long> customerIds) {
        List<Long> conversations = store.db().withConnection(c -> {
            List<Long> out = new ArrayList<>();
            for (long id : customerIds) {
                store.conversations().byCustomer(c, id).ifPresent(conv -> out.add(conv.id()));
            }
            return out;
        });
        conversations.forEach(id -> events.changed(id, ConversationEvents.Kind.STATE));
    }
}
