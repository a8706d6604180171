package dev.baton.inbox.desk;

import dev.baton.core.channel.Channel;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.HandoffContext;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.engine.EngineBuilder;
import dev.baton.core.store.Database;
import dev.baton.core.store.Store;
import dev.baton.core.store.TicketRepository;
import dev.baton.inbox.auth.AgentDirectory;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.config.InboxConfig;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A database with the engine's desk and the inbox's rules, and customers in every state: the bot's, queued for a
 * group, held by an agent. Agents: ann (supervisor), bob (support and vip, capacity 2), cleo (billing, capacity 1).
 */
final class DeskFixture implements AutoCloseable {

    static final List<String> GROUPS = List.of("support", "vip", "billing");

    final Database db = Database.open("jdbc:h2:mem:desk-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null,
            4);
    final EngineBuilder.Built engine = new EngineBuilder(db).build();
    final Store store = engine.store();
    final AgentDirectory agents = new AgentDirectory(List.of(
            new InboxConfig.Agent("ann", null, "pw-ann-12345", null, null, "supervisor"),
            new InboxConfig.Agent("bob", null, "pw-bob-12345", List.of("support", "vip"), 2, null),
            new InboxConfig.Agent("cleo", null, "pw-cleo-1234", List.of("billing"), 1, null)));
    final WorkRules rules = new WorkRules(store, agents, GROUPS);
    final TicketDesk desk = new TicketDesk(engine.desk(), rules);
    private int customers;

    static Principal agent(String name) {
        return Principal.session(name, Role.AGENT);
    }

    static Principal supervisor(String name) {
        return Principal.session(name, Role.SUPERVISOR);
    }

    /** A new customer's conversation, still with the bot. */
    long botConversation() {
        Instant now = Instant.now();
        return db.inTransaction(c -> {
            long customer = store.customers().upsert(c, Channel.of("dev"), "customer-" + (++customers), null, now).id();
            return store.conversations().forCustomer(c, customer, Channel.of("dev"), null, now).id();
        });
    }

    /** A new customer handed off to {@code group}: the conversation QUEUED, its ticket OPEN; returns the ticket. */
    TicketRepository.Row queued(String group) {
        long conv = botConversation();
        Instant now = Instant.now();
        long ticket = db.inTransaction(c -> {
            Conversation cv = store.conversations().byId(c, conv).orElseThrow();
            store.conversations().transition(c, conv, ConversationState.BOT, ConversationState.QUEUED, null, group,
                    40, now);
            HandoffContext context = new HandoffContext(new HandoffTicket.CustomerProfile(cv.customerId(),
                    Channel.of("dev"), "customer-" + customers, null, null, null, List.of()), "asked for a person", "en",
                    null, List.of(), List.of(), List.of(), null);
            return store.tickets().insert(c, conv, List.of(HandoffReason.EXPLICIT_REQUEST), 40, group, "wants a "
                    + "person", context, 1, now);
        });
        return ticket(ticket);
    }

    /** A ticket already held by {@code agent}. */
    TicketRepository.Row heldBy(String agent, String group) {
        TicketRepository.Row t = queued(group);
        engine.desk().claim(t.id(), agent);
        return ticket(t.id());
    }

    TicketRepository.Row ticket(long id) {
        return db.withConnection(c -> store.tickets().byId(c, id)).orElseThrow();
    }

    Conversation conversation(long id) {
        return db.withConnection(c -> store.conversations().byId(c, id)).orElseThrow();
    }

    /** Active tickets held by {@code agent}. */
    long load(String agent) {
        return db.withConnection(c -> store.tickets().active(c)).stream().filter(t -> agent.equals(t.assignee()))
                .count();
    }

    @Override
    public void close() {
        engine.close();
        db.close();
    }
}
