package dev.baton.inbox.desk;

import dev.baton.core.channel.Channel;
import dev.baton.core.config.Localized;
import dev.baton.core.store.TicketRepository;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.config.InboxConfig;
import dev.baton.inbox.store.CannedReplyRepository;
import dev.baton.inbox.store.CannedReplyRepository.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static dev.baton.inbox.desk.DeskFixture.agent;
import static dev.baton.inbox.desk.DeskFixture.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Canned replies without HTTP: who may manage team and personal replies, what each agent sees, and the variables
 * filled for one conversation (an unknown one, or one without a value, left visible and reported).
 */
class CannedRepliesTest {

    private final DeskFixture f = new DeskFixture();
    private final CannedReplyRepository repo = new CannedReplyRepository(f.db);
    private final CannedReplies replies = new CannedReplies(f.store, repo, "en", Clock.systemUTC());

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void should_let_only_supervisors_manage_team_replies() {
        Refusal r = (Refusal) catchThrowable(() -> replies.create(agent("bob"), Scope.TEAM,
                new CannedReplies.Draft("hello", null, "Hello!")));
        assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(repo.visibleTo("bob")).as("nothing stored").isEmpty();

        CannedReplies.Reply team = replies.create(supervisor("ann"), Scope.TEAM,
                new CannedReplies.Draft("/hello", "您好！", "Hello!"));
        assertThat(team.shortcut()).as("the slash is not part of the shortcut").isEqualTo("hello");

        Refusal edit = (Refusal) catchThrowable(() -> replies.update(agent("bob"), team.id(),
                new CannedReplies.Draft(null, null, "Hi, bob rewrote this")));
        assertThat(edit.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(edit).hasMessage("team replies are managed by supervisors");
        assertThat(((Refusal) catchThrowable(() -> replies.delete(agent("bob"), team.id()))).kind())
                .isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(repo.byId(team.id()).orElseThrow().en()).as("unchanged").isEqualTo("Hello!");

        assertThat(replies.list(agent("bob"), "", null)).singleElement()
                .satisfies(x -> assertThat(x.editable()).as("bob sees it, read-only").isFalse());
        CannedReplies.Reply changed = replies.update(supervisor("ann"), team.id(),
                new CannedReplies.Draft(null, null, "Hello there!"));
        assertThat(changed.en()).isEqualTo("Hello there!");
        assertThat(changed.zh()).as("a field left out is kept").isEqualTo("您好！");
        replies.delete(supervisor("ann"), team.id());
        assertThat(repo.byId(team.id())).isEmpty();
    }

    @Test
    void should_keep_personal_replies_to_their_owner() {
        CannedReplies.Reply bobs = replies.create(agent("bob"), Scope.PERSONAL,
                new CannedReplies.Draft("brb", null, "One moment, I am checking."));
        assertThat(bobs.owner()).isEqualTo("bob");
        assertThat(bobs.editable()).isTrue();

        assertThat(replies.list(agent("cleo"), "", null)).as("cleo does not see bob's").isEmpty();
        Refusal r = (Refusal) catchThrowable(() -> replies.update(agent("cleo"), bobs.id(),
                new CannedReplies.Draft(null, null, "cleo's now")));
        assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(((Refusal) catchThrowable(() -> replies.delete(supervisor("ann"), bobs.id()))).kind())
                .as("not even a supervisor changes someone's personal reply").isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(repo.byId(bobs.id())).isPresent();

        assertThat(replies.update(agent("bob"), bobs.id(), new CannedReplies.Draft("wait", null, null)).shortcut())
                .isEqualTo("wait");
        replies.delete(agent("bob"), bobs.id());
        assertThat(repo.byId(bobs.id())).isEmpty();
    }

    @Test
    void should_search_by_shortcut_or_text() {
        replies.create(supervisor("ann"), Scope.TEAM, new CannedReplies.Draft("refund", "退款三到五天到账。",
                "Refunds take 3 to 5 days."));
        replies.create(agent("bob"), Scope.PERSONAL, new CannedReplies.Draft("thanks", null, "Thanks for waiting!"));

        assertThat(replies.list(agent("bob"), "ref", null)).extracting(CannedReplies.Reply::shortcut)
                .containsExactly("refund");
        assertThat(replies.list(agent("bob"), "WAITING", null)).extracting(CannedReplies.Reply::shortcut)
                .containsExactly("thanks");
        assertThat(replies.list(agent("bob"), "到账", null)).extracting(CannedReplies.Reply::shortcut)
                .containsExactly("refund");
        assertThat(replies.list(agent("bob"), "", null)).hasSize(2);
    }

    @Test
    void should_fill_the_variables_in_the_customers_language() {
        TicketRepository.Row t = f.heldBy("bob", "support");
        named(t.conversationId(), "Li Lei", "zh");
        CannedReplies.Reply r = replies.create(supervisor("ann"), Scope.TEAM, new CannedReplies.Draft("hi",
                "{customer.name}您好，我是{agent.name}，工单号 {ticket.id}。", "Hi {customer.name}, {agent.name} here."));

        CannedReplies.Filled filled = replies.list(agent("bob"), "hi", t.conversationId()).get(0).filled();

        assertThat(filled.language()).isEqualTo("zh");
        assertThat(filled.text()).isEqualTo("Li Lei您好，我是bob，工单号 " + t.id() + "。");
        assertThat(filled.unresolved()).isEmpty();
        assertThat(repo.byId(r.id()).orElseThrow().zh()).as("the stored template is unchanged")
                .contains("{customer.name}");
    }

    @Test
    void should_leave_an_unknown_variable_or_one_without_a_value_visible_and_report_it() {
        long conv = f.botConversation();   // no name, no ticket
        replies.create(supervisor("ann"), Scope.TEAM, new CannedReplies.Draft("order", null,
                "Hi {customer.name}, your order {order.id} is on its way ({ticket.id}). {agent.name}"));

        CannedReplies.Filled filled = replies.list(agent("bob"), "", conv).get(0).filled();

        assertThat(filled.text()).isEqualTo("Hi {customer.name}, your order {order.id} is on its way ({ticket.id})."
                + " bob");
        assertThat(filled.unresolved()).containsExactly("{customer.name}", "{order.id}", "{ticket.id}");
        assertThat(filled.language()).as("only an English variant").isEqualTo("en");
    }

    @Test
    void should_use_the_other_variant_when_the_customers_language_has_none() {
        long conv = f.botConversation();
        named(conv, "Wang", "zh");
        replies.create(supervisor("ann"), Scope.TEAM, new CannedReplies.Draft("bye", null, "Bye {customer.name}!"));

        assertThat(replies.list(agent("bob"), "", conv).get(0).filled())
                .isEqualTo(new CannedReplies.Filled("en", "Bye Wang!", List.of()));
    }

    @Test
    void should_refuse_a_reply_without_text_or_shortcut() {
        Principal bob = agent("bob");
        assertThat(catchThrowable(() -> replies.create(bob, Scope.PERSONAL, new CannedReplies.Draft("x", " ", null))))
                .hasMessage("give the text in zh and/or en");
        assertThat(catchThrowable(() -> replies.create(bob, Scope.PERSONAL, new CannedReplies.Draft("", null, "a"))))
                .hasMessage("shortcut is required");
        assertThat(catchThrowable(() -> replies.create(bob, Scope.PERSONAL,
                new CannedReplies.Draft("two words", null, "a")))).isInstanceOf(Refusal.class);
        assertThat(catchThrowable(() -> replies.list(bob, "", 999_999L))).hasMessage("no conversation 999999");
        assertThat(repo.visibleTo("bob")).isEmpty();
    }

    @Test
    void should_seed_team_replies_from_the_config_once_and_keep_changes_made_since() {
        List<InboxConfig.CannedReply> config = List.of(
                new InboxConfig.CannedReply("thanks", Localized.of("感谢您的耐心等待！", "Thanks for waiting!")),
                new InboxConfig.CannedReply("hours", Localized.fromString("我们的营业时间是 9:00–18:00。")));

        assertThat(replies.seed(config)).isEqualTo(2);
        CannedReplyRepository.Row thanks = repo.teamReply("thanks").orElseThrow();
        assertThat(thanks.en()).isEqualTo("Thanks for waiting!");
        assertThat(repo.teamReply("hours").orElseThrow().zh()).as("a plain Chinese text is the zh variant")
                .startsWith("我们的营业时间");
        replies.update(supervisor("ann"), thanks.id(), new CannedReplies.Draft(null, null, "Thank you!"));

        assertThat(replies.seed(config)).as("a restart adds nothing").isZero();
        assertThat(repo.teamReply("thanks").orElseThrow().en()).isEqualTo("Thank you!");
    }

    private void named(long conv, String name, String language) {
        f.db.inTransaction(c -> {
            long customer = f.store.conversations().byId(c, conv).orElseThrow().customerId();
            var cu = f.store.customers().byId(c, customer).orElseThrow();
            f.store.customers().upsert(c, Channel.of("dev"), cu.platformId(), name, Instant.now());
            f.store.customers().updateProfile(c, customer, null, null, language);
            return null;
        });
    }

}
