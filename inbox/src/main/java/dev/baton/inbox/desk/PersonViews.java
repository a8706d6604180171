package dev.baton.inbox.desk;

import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.Customer;
import dev.baton.core.conversation.Message;
import dev.baton.core.store.CustomerLinkRepository;
import dev.baton.core.store.Store;
import dev.baton.inbox.auth.Principal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The person behind a conversation as agents see them: every identity linked to its customer (channel and id), the
 * history of all their conversations in one time line, each line marked by its channel, and who linked what. Also the
 * search an agent links from (by name, phone number or id).
 */
public final class PersonViews {

    /** The most lines of the merged history shown (the latest ones). */
    public static final int HISTORY_LINES = 500;
    /** The most customers a search returns. */
    public static final int SEARCH_LIMIT = 20;

    /**
     * One identity of a person.
     *
     * @param id             the customer's id on the channel (platform id, e.g. {@code user:u-42} on the web)
     * @param businessId     how the business names them ({@code u-42}), or null when nobody vouches for them
     * @param conversationId their conversation, or null before they wrote
     * @param current        the customer of the conversation being viewed
     * @param linked         one of the person's identities (in a search result: already linked)
     * @param linkable       vouched for, so it may be linked (an anonymous web visitor is not)
     */
    public record Identity(long customerId, String channel, String id, String businessId, String name, String tier,
                           Long conversationId, String state, boolean current, boolean linked, boolean linkable) {
    }

    /** One message of any of the person's conversations, marked by its conversation and channel. */
    public record HistoryLine(long conversationId, String channel, long id, String at, String author,
                              String authorName, String text, boolean current) {
    }

    /** Who linked or unlinked what, when, and how ({@code session}, {@code agent-token}, {@code crm-hook}…). */
    public record AuditLine(String at, String action, long customerId, Long otherId, String actor, String via) {
    }

    /**
     * The person.
     *
     * @param name     the customer's name, else the first name among the linked identities, else their id
     * @param mayLink  the caller may link and unlink ({@link WorkRules#mayEditCustomer})
     * @param linkable the conversation's customer may be linked at all (vouched for)
     * @param history  all conversations' messages by time, the latest {@value #HISTORY_LINES}
     */
    public record Person(long customerId, String name, boolean mayLink, boolean linkable, List<Identity> identities,
                         List<HistoryLine> history, List<AuditLine> audit) {
    }

    /** Search results. */
    public record Found(List<Identity> items) {
    }

    /** A person's name and the channels they are known on, for the queue. */
    public record Badge(String name, List<String> channels) {
    }

    private final Store store;
    private final CustomerLinks links;

    public PersonViews(Store store, CustomerLinks links) {
        this.store = store;
        this.links = links;
    }

    /** The person behind conversation {@code conversationId}, as {@code p} sees them. */
    public Person person(Principal p, long conversationId) {
        return store.db().withConnection(c -> {
            Conversation conv = store.conversations().byId(c, conversationId)
                    .orElseThrow(() -> Refusal.notFound("no conversation " + conversationId));
            Customer current = store.customers().byId(c, conv.customerId()).orElseThrow();
            List<Long> group = store.links().group(c, current.id());
            List<Identity> identities = new ArrayList<>();
            record Dated(java.time.Instant at, HistoryLine line) {
            }
            List<Dated> dated = new ArrayList<>();
            for (long id : group) {
                Customer cu = id == current.id() ? current : store.customers().byId(c, id).orElseThrow();
                Optional<Conversation> theirs = id == current.id() ? Optional.of(conv)
                        : store.conversations().byCustomer(c, id);
                identities.add(identity(cu, theirs, current.id(), true));
                if (theirs.isPresent()) {
                    for (Message m : store.messages().transcript(c, theirs.get().id())) {
                        dated.add(new Dated(m.createdAt(), new HistoryLine(m.conversationId(), cu.channel().key(),
                                m.id(), m.createdAt().toString(), m.author().code(), m.authorName(), m.text(),
                                m.conversationId() == conversationId)));
                    }
                }
            }
            dated.sort(Comparator.comparing(Dated::at).thenComparing(d -> d.line().id()));
            List<HistoryLine> history = dated.stream().map(Dated::line).collect(Collectors.toList());
            if (history.size() > HISTORY_LINES) {
                history = new ArrayList<>(history.subList(history.size() - HISTORY_LINES, history.size()));
            }
            identities.sort(Comparator.comparing((Identity i) -> !i.current()));
            return new Person(current.id(), name(current, identities), WorkRules.mayEditCustomer(p, conv),
                    links.vouched(current), identities, history, audit(c, group));
        });
    }

    /**
     * Customers whose name or id contains {@code query} (2 characters at least), each marked linked (already one of
     * the person's identities) and linkable.
     */
    public Found search(long conversationId, String query) {
        if (query == null || query.strip().length() < 2) {
            throw Refusal.invalid("q must have at least 2 characters (a name, a phone number or an id)");
        }
        return store.db().withConnection(c -> {
            Conversation conv = store.conversations().byId(c, conversationId)
                    .orElseThrow(() -> Refusal.notFound("no conversation " + conversationId));
            List<Long> group = store.links().group(c, conv.customerId());
            List<Identity> out = new ArrayList<>();
            for (Customer cu : store.customers().search(c, query, SEARCH_LIMIT)) {
                Identity i = identity(cu, store.conversations().byCustomer(c, cu.id()), conv.customerId(),
                        group.contains(cu.id()));
                out.add(i);
            }
            return new Found(out);
        });
    }

    /** The people behind these conversations, for the queue: only those linked to another identity are listed. */
    public Map<Long, Badge> badges(List<Long> conversationIds) {
        return store.db().withConnection(c -> {
            Map<Long, Badge> out = new java.util.LinkedHashMap<>();
            for (long conversationId : conversationIds) {
                Optional<Conversation> conv = store.conversations().byId(c, conversationId);
                if (conv.isEmpty()) {
                    continue;
                }
                List<Long> group = store.links().group(c, conv.get().customerId());
                if (group.size() < 2) {
                    continue;
                }
                List<Customer> customers = new ArrayList<>();
                for (long id : group) {
                    store.customers().byId(c, id).ifPresent(customers::add);
                }
                Customer current = customers.stream().filter(x -> x.id() == conv.get().customerId()).findFirst()
                        .orElseThrow();
                List<Identity> ids = customers.stream().map(x -> identity(x, Optional.empty(), current.id(), true))
                        .toList();
                out.put(conversationId, new Badge(name(current, ids),
                        customers.stream().map(x -> x.channel().key()).distinct().toList()));
            }
            return out;
        });
    }

    private Identity identity(Customer cu, Optional<Conversation> conv, long currentId, boolean linked) {
        return new Identity(cu.id(), cu.channel().key(), cu.platformId(), links.businessId(cu), cu.displayName(),
                cu.tier(), conv.map(Conversation::id).orElse(null), conv.map(x -> x.state().name()).orElse(null),
                cu.id() == currentId, linked, links.vouched(cu));
    }

    private static String name(Customer current, List<Identity> identities) {
        if (current.displayName() != null && !current.displayName().isBlank()) {
            return current.displayName();
        }
        return identities.stream().map(Identity::name).filter(n -> n != null && !n.isBlank()).findFirst()
                .orElse(current.platformId());
    }

    private List<AuditLine> audit(Connection c, List<Long> group) throws SQLException {
        return store.links().audit(c, group).stream().map(PersonViews::line).collect(Collectors.toList());
    }

    private static AuditLine line(CustomerLinkRepository.AuditEntry e) {
        return new AuditLine(e.at().toString(), e.action().code(), e.customerId(), e.otherId(), e.actor(), e.via());
    }

}
