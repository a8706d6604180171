package dev.baton.inbox.desk;

import dev.baton.core.channel.Channel;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.HandoffContext;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.engine.EngineBuilder;
import dev.baton.core.handoff.HumanDesk;
import dev.baton.core.store.Database;
import dev.baton.core.store.Store;
import dev.baton.core.store.TicketRepository;
import dev.baton.core.testing.EmbeddedPostgresDatabase;
import dev.baton.inbox.auth.AgentDirectory;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.config.InboxConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Baton instances on one PostgreSQL database, two agents' browsers on different instances: claims made at the
 * same moment never give one ticket to two agents, nor an agent more tickets than their capacity.
 */
class ConcurrentClaimsTest {

    private static final List<String> GROUPS = List.of("support", "billing");
    private static final int ROUNDS = 15;

    private final List<Database> databases = new ArrayList<>();
    private final List<EngineBuilder.Built> engines = new ArrayList<>();
    private final List<TicketDesk> desks = new ArrayList<>();
    private final ExecutorService browsers = Executors.newFixedThreadPool(2);
    private Store store;
    private int customers;

    private EmbeddedPostgresDatabase pg;

    @BeforeEach
    void twoInstances() throws java.io.IOException {
        pg = EmbeddedPostgresDatabase.start(2);
        AgentDirectory agents = new AgentDirectory(List.of(
                new InboxConfig.Agent("bob", null, "pw-bob-12345", List.of("support"), 100, null),
                new InboxConfig.Agent("dan", null, "pw-dan-12345", List.of("support"), 100, null),
                new InboxConfig.Agent("cleo", null, "pw-cleo-1234", List.of("billing"), 1, null)));
        for (int i = 0; i < 2; i++) {
            Database db = pg.openInstance(4);
            databases.add(db);
            EngineBuilder.Built engine = new EngineBuilder(db).build();
            engines.add(engine);
            desks.add(new TicketDesk(engine.desk(), new WorkRules(engine.store(), agents, GROUPS)));
        }
        store = engines.get(0).store();
    }

    @AfterEach
    void stop() throws java.io.IOException {
        browsers.shutdownNow();
        engines.forEach(EngineBuilder.Built::close);
        databases.forEach(Database::close);
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void should_give_a_ticket_to_exactly_one_of_two_agents_claiming_it_at_once_on_two_instances() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            long ticket = queued("support");
            List<Object> outcomes = race(() -> desks.get(0).claim(agent("bob"), ticket),
                    () -> desks.get(1).claim(agent("dan"), ticket));

            List<TicketDesk.Assigned> won = outcomes.stream().filter(TicketDesk.Assigned.class::isInstance)
                    .map(TicketDesk.Assigned.class::cast).toList();
            assertThat(won).as("round " + round + ": " + outcomes).hasSize(1);
            assertThat(outcomes).filteredOn(o -> !(o instanceof TicketDesk.Assigned))
                    .allSatisfy(o -> assertThat(o).isInstanceOfAny(HumanDesk.Refused.class, Refusal.class));
            assertThat(ticketRow(ticket).assignee()).isEqualTo(won.get(0).assignee());
        }
    }

    @Test
    void should_keep_an_agent_within_capacity_when_they_claim_two_tickets_at_once_on_two_instances()
            throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            long first = queued("billing");
            long second = queued("billing");
            List<Object> outcomes = race(() -> desks.get(0).claim(agent("cleo"), first),
                    () -> desks.get(1).claim(agent("cleo"), second));

            assertThat(outcomes).as("round " + round + ": " + outcomes)
                    .filteredOn(TicketDesk.Assigned.class::isInstance).hasSize(1);
            // refused by the rules' early check or, when both passed it at once, by the claim itself: both are 409
            assertThat(outcomes).filteredOn(o -> !(o instanceof TicketDesk.Assigned)).singleElement()
                    .satisfies(r -> assertThat((Throwable) r).hasMessage("you already hold 1 conversations (capacity 1)")
                            .isInstanceOfAny(HumanDesk.Refused.class, Refusal.class));
            long held = List.of(first, second).stream().filter(t -> "cleo".equals(ticketRow(t).assignee())).count();
            assertThat(held).isEqualTo(1);
            for (long t : List.of(first, second)) { // cleo finishes before the next round
                store.db().inTransaction(c -> store.tickets().resolve(c, t, "resolved", null, Instant.now()));
            }
        }
    }

    /** Runs both at the same moment; each outcome is the result or the exception. */
    private List<Object> race(Supplier<Object> a, Supplier<Object> b) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Object>> runs = new ArrayList<>();
        for (Supplier<Object> s : List.of(a, b)) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    return s.get();
                } catch (RuntimeException e) {
                    return e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, browsers));
        }
        List<Object> out = new ArrayList<>();
        for (CompletableFuture<Object> r : runs) {
            out.add(r.get());
        }
        return out;
    }

    private static Principal agent(String name) {
        return Principal.session(name, Role.AGENT);
    }

    private TicketRepository.Row ticketRow(long id) {
        return store.db().withConnection(c -> store.tickets().byId(c, id)).orElseThrow();
    }

    /** A new customer handed off to {@code group}: the conversation QUEUED, its ticket OPEN; returns the ticket. */
    private long queued(String group) {
        Instant now = Instant.now();
        String name = "customer-" + (++customers);
        return store.db().inTransaction(c -> {
            long customer = store.customers().upsert(c, Channel.of("dev"), name, null, now).id();
            long conv = store.conversations().forCustomer(c, customer, Channel.of("dev"), null, now).id();
            store.conversations().transition(c, conv, ConversationState.BOT, ConversationState.QUEUED, null, group,
                    40, now);
            HandoffContext context = new HandoffContext(new HandoffTicket.CustomerProfile(customer, Channel.of("dev"),
                    name, null, null, null, List.of()), "asked for a person", "en", null, List.of(), List.of(),
                    List.of(), null);
            return store.tickets().insert(c, conv, List.of(HandoffReason.EXPLICIT_REQUEST), 40, group, "wants a person",
                    context, 1, now);
        });
    }
}
