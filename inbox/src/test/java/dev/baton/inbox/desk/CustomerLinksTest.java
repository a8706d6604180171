package dev.baton.inbox.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.CustomerIdentities;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.store.CustomerLinkRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.baton.inbox.desk.DeskFixture.agent;
import static dev.baton.inbox.desk.DeskFixture.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Customers recognised across channels, without HTTP: linking merges people, unlinking takes one identity out, the CRM
 * answer's links, who may link, and that an anonymous web visitor is never linked.
 */
class CustomerLinksTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    /** The web channel's rule, as the web module has it: only {@code user:<id>} is vouched for. */
    private static final CustomerIdentities WEB = new CustomerIdentities() {
        @Override
        public Optional<String> platformId(String businessId) {
            return Optional.of("user:" + businessId);
        }

        @Override
        public Optional<String> businessId(String platformId) {
            return platformId.startsWith("user:") ? Optional.of(platformId.substring(5)) : Optional.empty();
        }
    };

    private final DeskFixture f = new DeskFixture();
    private final List<Long> announced = new ArrayList<>();
    private final CustomerLinks links = new CustomerLinks(f.store, ch -> switch (ch.key()) {
        case "web" -> WEB;
        case "whatsapp", "dev", "wechat" -> CustomerIdentities.PLATFORM;
        default -> null;
    }, (ConversationEvents) (id, kind) -> announced.add(id), Clock.fixed(T0, ZoneOffset.UTC));
    private final PersonViews people = new PersonViews(f.store, links);
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void close() {
        f.close();
    }

    /** A customer with a conversation on {@code channel}; returns the conversation id. */
    private long conversation(String channel, String platformId, String name) {
        return f.db.inTransaction(c -> {
            long customer = f.store.customers().upsert(c, Channel.of(channel), platformId, name, T0).id();
            return f.store.conversations().forCustomer(c, customer, Channel.of(channel), null, T0).id();
        });
    }

    private long customer(long conversationId) {
        return f.conversation(conversationId).customerId();
    }

    private void says(long conversationId, Author author, String text, Instant at) {
        f.db.inTransaction(c -> f.store.messages().append(c, conversationId, null, author, null, text, null, null, at));
    }

    private List<Long> group(long conversationId) {
        return f.db.withConnection(c -> f.store.links().group(c, customer(conversationId)));
    }

    private List<CustomerLinkRepository.AuditEntry> audit(long conversationId) {
        return f.db.withConnection(c -> f.store.links().audit(c, group(conversationId)));
    }

    private JsonNode crm(String body) throws Exception {
        return json.readTree(body);
    }

    @Test
    void should_merge_two_people_into_one_when_one_identity_of_each_is_linked() {
        long wa = conversation("whatsapp", "8613800000001", "李雷");
        long web = conversation("web", "user:u-42", null);
        long wechat = conversation("wechat", "oAbC1", null);
        long dev = conversation("dev", "lilei-test", null);
        links.link(supervisor("ann"), wa, customer(web));
        links.link(supervisor("ann"), wechat, customer(dev));

        CustomerLinks.Changed merged = links.link(supervisor("ann"), web, customer(wechat));

        assertThat(merged.changed()).isTrue();
        List<Long> all = List.of(customer(wa), customer(web), customer(wechat), customer(dev));
        assertThat(group(wa)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(group(dev)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(people.person(supervisor("ann"), dev).name()).isEqualTo("李雷");
        assertThat(audit(wa)).hasSize(3).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo(CustomerLinkRepository.Action.LINK);
            assertThat(e.actor()).isEqualTo("ann");
            assertThat(e.via()).isEqualTo("session");
            assertThat(e.at()).isEqualTo(T0);
        });
        assertThat(announced).contains(wa, web, wechat, dev);
    }

    @Test
    void should_change_nothing_when_the_same_link_is_made_again() {
        long wa = conversation("whatsapp", "8613800000001", null);
        long web = conversation("web", "user:u-42", null);
        links.link(supervisor("ann"), wa, customer(web));
        announced.clear();

        CustomerLinks.Changed again = links.link(supervisor("ann"), web, customer(wa));
        CustomerLinks.Changed byBusinessId = links.link(supervisor("ann"), wa, "web", "u-42");

        assertThat(again.changed()).isFalse();
        assertThat(byBusinessId.changed()).isFalse();
        assertThat(audit(wa)).hasSize(1);
        assertThat(announced).isEmpty();
    }

    @Test
    void should_take_one_identity_out_and_dissolve_a_person_left_with_one() {
        long wa = conversation("whatsapp", "8613800000001", null);
        long web = conversation("web", "user:u-42", null);
        long wechat = conversation("wechat", "oAbC1", null);
        links.link(supervisor("ann"), wa, customer(web));
        links.link(supervisor("ann"), wa, customer(wechat));

        CustomerLinks.Changed out = links.unlink(supervisor("ann"), wa, customer(web));

        assertThat(out.changed()).isTrue();
        assertThat(group(wa)).containsExactlyInAnyOrder(customer(wa), customer(wechat));
        assertThat(group(web)).containsExactly(customer(web));
        assertThat(catchThrowable(() -> links.unlink(supervisor("ann"), wa, customer(web))))
                .isInstanceOf(Refusal.class).extracting(e -> ((Refusal) e).kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(links.unlink(supervisor("ann"), web, customer(web)).changed()).isFalse();

        links.unlink(supervisor("ann"), wechat, customer(wechat));
        assertThat(group(wa)).containsExactly(customer(wa));
        assertThat(group(wechat)).containsExactly(customer(wechat));
        // the dissolved person is gone: linking again starts a new one, and the old audit stays
        links.link(supervisor("ann"), web, customer(wechat));
        assertThat(group(web)).containsExactlyInAnyOrder(customer(web), customer(wechat));
        assertThat(group(wa)).containsExactly(customer(wa));
        List<CustomerLinkRepository.AuditEntry> waAudit =
                f.db.withConnection(c -> f.store.links().audit(c, List.of(customer(wa))));
        assertThat(waAudit).extracting(CustomerLinkRepository.AuditEntry::action)
                .containsExactly(CustomerLinkRepository.Action.LINK, CustomerLinkRepository.Action.LINK,
                        CustomerLinkRepository.Action.UNLINK, CustomerLinkRepository.Action.UNLINK);
    }

    @Test
    void should_let_a_supervisor_and_the_agent_holding_the_conversation_link_and_refuse_other_agents() {
        long held = f.heldBy("bob", "support").conversationId();
        long web = conversation("web", "user:u-42", null);

        Refusal cleo = (Refusal) catchThrowable(() -> links.link(agent("cleo"), held, customer(web)));
        assertThat(cleo.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(group(held)).containsExactly(customer(held));
        Refusal onTheBots = (Refusal) catchThrowable(() -> links.link(agent("bob"), web, customer(held)));
        assertThat(onTheBots.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);

        assertThat(links.link(agent("bob"), held, customer(web)).changed()).isTrue();
        assertThat(((Refusal) catchThrowable(() -> links.unlink(agent("cleo"), held, customer(web)))).kind())
                .isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(links.unlink(supervisor("ann"), held, customer(web)).changed()).isTrue();
        assertThat(people.person(agent("cleo"), held).mayLink()).isFalse();
        assertThat(people.person(agent("bob"), held).mayLink()).isTrue();
        assertThat(f.conversation(held).state()).isEqualTo(ConversationState.HUMAN);
    }

    @Test
    void should_never_link_an_anonymous_web_visitor_by_any_way() throws Exception {
        long wa = conversation("whatsapp", "8613800000001", "李雷");
        long visitor = conversation("web", "visitor:abc123", "李雷");

        Refusal toVisitor = (Refusal) catchThrowable(() -> links.link(supervisor("ann"), wa, customer(visitor)));
        Refusal fromVisitor = (Refusal) catchThrowable(() -> links.link(supervisor("ann"), visitor, customer(wa)));
        // the CRM looked up by the visitor's own id (the business does not know them): its links are not applied
        int fromTheirLookup = links.fromCrm(visitor, crm("{\"links\":[{\"channel\":\"whatsapp\",\"id\":\"8613800000001\"}]}"));
        // naming the visitor's id in a link makes a signed-in user of that name, never the visitor
        int naming = links.fromCrm(wa, crm("{\"links\":[{\"channel\":\"web\",\"id\":\"visitor:abc123\"}]}"));

        assertThat(toVisitor.kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(toVisitor.getMessage()).contains("anonymous web visitor");
        assertThat(fromVisitor.kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(fromTheirLookup).isZero();
        assertThat(naming).isEqualTo(1);
        assertThat(group(visitor)).containsExactly(customer(visitor));
        assertThat(people.person(supervisor("ann"), wa).identities()).extracting(PersonViews.Identity::id)
                .containsExactlyInAnyOrder("8613800000001", "user:visitor:abc123");
        assertThat(people.person(supervisor("ann"), visitor).linkable()).isFalse();
        assertThat(people.search(wa, "李雷").items()).filteredOn(i -> i.id().equals("visitor:abc123"))
                .singleElement().satisfies(i -> assertThat(i.linkable()).isFalse());
    }

    @Test
    void should_link_the_identities_a_crm_answer_names_and_skip_what_it_cannot_vouch_for() throws Exception {
        long wa = conversation("whatsapp", "8613800000001", "李雷");
        long web = conversation("web", "user:u-42", null);
        JsonNode answer = crm("""
                {"name": "Li Lei", "links": [
                  {"channel": "web", "id": "u-42"},
                  {"channel": "wechat", "id": "oNew999"},
                  {"channel": "fax", "id": "123"},
                  {"channel": "whatsapp"},
                  "nonsense",
                  {"channel": "NOT A KEY", "id": "x"}
                ]}""");

        int made = links.fromCrm(wa, answer);

        assertThat(made).isEqualTo(2);
        PersonViews.Person person = people.person(supervisor("ann"), web);
        assertThat(person.identities()).extracting(PersonViews.Identity::channel, PersonViews.Identity::id,
                        PersonViews.Identity::businessId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("whatsapp", "8613800000001", "8613800000001"),
                        org.assertj.core.groups.Tuple.tuple("web", "user:u-42", "u-42"),
                        org.assertj.core.groups.Tuple.tuple("wechat", "oNew999", "oNew999"));
        assertThat(person.identities()).filteredOn(i -> i.channel().equals("wechat")).singleElement()
                .satisfies(i -> assertThat(i.conversationId()).isNull());
        assertThat(person.audit()).hasSize(2).allSatisfy(a -> {
            assertThat(a.actor()).isEqualTo("crm");
            assertThat(a.via()).isEqualTo("crm-hook");
        });
        assertThat(links.fromCrm(wa, answer)).isZero();
        assertThat(links.fromCrm(wa, crm("{\"links\": \"u-42\"}"))).isZero();
        assertThat(links.fromCrm(wa, crm("{\"name\": \"no links\"}"))).isZero();
    }

    @Test
    void should_show_the_history_of_all_linked_conversations_in_time_order_marked_by_channel() {
        long wa = conversation("whatsapp", "8613800000001", "李雷");
        long web = conversation("web", "user:u-42", null);
        says(wa, Author.CUSTOMER, "我的快递到哪了", T0);
        says(web, Author.CUSTOMER, "退货怎么办", T0.plusSeconds(60));
        says(wa, Author.BOT, "正在为您查询", T0.plusMillis(500));
        says(web, Author.HUMAN, "您好，我来处理", T0.plusSeconds(120));
        says(wa, Author.CUSTOMER, "还在吗", T0.plusSeconds(90));
        links.link(supervisor("ann"), web, customer(wa));

        PersonViews.Person person = people.person(agent("bob"), web);

        assertThat(person.history()).extracting(PersonViews.HistoryLine::text)
                .containsExactly("我的快递到哪了", "正在为您查询", "退货怎么办", "还在吗", "您好，我来处理");
        assertThat(person.history()).extracting(PersonViews.HistoryLine::channel)
                .containsExactly("whatsapp", "whatsapp", "web", "whatsapp", "web");
        assertThat(person.history()).extracting(PersonViews.HistoryLine::current)
                .containsExactly(false, false, true, false, true);
        assertThat(person.name()).isEqualTo("李雷");
        assertThat(person.identities()).extracting(PersonViews.Identity::current).containsExactlyInAnyOrder(true, false);
    }
}
