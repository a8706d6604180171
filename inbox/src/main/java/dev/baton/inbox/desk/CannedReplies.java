package dev.baton.inbox.desk;

import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.Customer;
import dev.baton.core.store.Store;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.config.InboxConfig;
import dev.baton.inbox.store.CannedReplyRepository;
import dev.baton.inbox.store.CannedReplyRepository.Row;
import dev.baton.inbox.store.CannedReplyRepository.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Canned replies (快捷回复), callable without HTTP: the team's replies, which supervisors (and the integration token)
 * manage, and each agent's personal ones, which only that agent changes. Every agent sees the team's and their own.
 * Each reply has a Chinese and/or an English variant; filled for a conversation ({@link #list} with a conversation),
 * the customer's language picks the variant and the variables are replaced ({@link ReplyVariables}). A variable that is
 * unknown or has no value for this conversation stays in the text as written and is listed in
 * {@link Filled#unresolved()}, so the agent sees it before sending instead of the customer getting a wrong text.
 */
public final class CannedReplies {

    private static final Logger log = LoggerFactory.getLogger(CannedReplies.class);

    /** The longest variant. */
    public static final int MAX_TEXT = 4000;
    /** The longest shortcut. */
    public static final int MAX_SHORTCUT = 64;

    /**
     * A reply as the caller sees it.
     *
     * @param editable the caller may change or delete it
     * @param filled   the text for the conversation asked about, or null when none was given
     */
    public record Reply(long id, String scope, String owner, String shortcut, String zh, String en, boolean editable,
                        Filled filled) {
    }

    /**
     * A reply's text for one conversation.
     *
     * @param language   the variant used ({@code zh} or {@code en})
     * @param unresolved the variables left as written (unknown, or without a value here), e.g. {@code {order.id}}
     */
    public record Filled(String language, String text, List<String> unresolved) {
    }

    /** What a caller writes; a null field of an update keeps the stored value. */
    public record Draft(String shortcut, String zh, String en) {
    }

    private final Store store;
    private final CannedReplyRepository replies;
    private final String deskLanguage;
    private final Clock clock;

    /** @param deskLanguage the variant for a customer whose language is neither zh nor en */
    public CannedReplies(Store store, CannedReplyRepository replies, String deskLanguage, Clock clock) {
        this.store = store;
        this.replies = replies;
        this.deskLanguage = deskLanguage;
        this.clock = clock;
    }

    /**
     * The team's replies and the caller's own whose shortcut or text contains {@code query} (all when blank), by
     * shortcut; each filled for {@code conversationId} when it is not null.
     */
    public List<Reply> list(Principal p, String query, Long conversationId) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<Row> rows = replies.visibleTo(p.name()).stream().filter(r -> matches(r, q)).toList();
        if (conversationId == null) {
            return rows.stream().map(r -> reply(p, r, null)).toList();
        }
        ReplyVariables vars = variables(p, conversationId);
        return rows.stream().map(r -> reply(p, r, vars)).toList();
    }

    /** Creates a reply: a team one needs the supervisor role; a personal one is the caller's. */
    public Reply create(Principal p, Scope scope, Draft draft) {
        if (scope == Scope.TEAM && !p.role().atLeast(Role.SUPERVISOR)) {
            throw Refusal.forbidden("team replies are managed by supervisors; make it a personal reply");
        }
        Draft d = checked(draft);
        Row row = replies.insert(scope, scope == Scope.TEAM ? null : p.name(), d.shortcut(), d.zh(), d.en(), p.name(),
                clock.instant());
        log.info("canned reply {} /{} ({}) created by {} via {}", row.id(), row.shortcut(), scope.code(), p.name(),
                p.via());
        return reply(p, row, null);
    }

    /** Changes a reply the caller may change; a null field keeps its value. */
    public Reply update(Principal p, long id, Draft draft) {
        Row row = changeable(p, id);
        Draft d = checked(new Draft(draft.shortcut() != null ? draft.shortcut() : row.shortcut(),
                draft.zh() != null ? draft.zh() : row.zh(), draft.en() != null ? draft.en() : row.en()));
        if (!replies.update(id, d.shortcut(), d.zh(), d.en(), clock.instant())) {
            throw Refusal.notFound("no canned reply " + id);
        }
        return reply(p, replies.byId(id).orElseThrow(() -> Refusal.notFound("no canned reply " + id)), null);
    }

    /** Deletes a reply the caller may change. */
    public void delete(Principal p, long id) {
        Row row = changeable(p, id);
        replies.delete(id);
        log.info("canned reply {} /{} ({}) deleted by {} via {}", id, row.shortcut(), row.scope().code(), p.name(),
                p.via());
    }

    /**
     * Adds the team replies of {@code inbox.canned-replies} whose shortcut no team reply has yet (a reply changed in
     * the inbox since is kept). Returns how many were added.
     */
    public int seed(List<InboxConfig.CannedReply> configured) {
        int added = 0;
        for (InboxConfig.CannedReply c : configured) {
            if (replies.teamReply(c.shortcut()).isEmpty()) {
                Draft d = checked(variants(c));
                replies.insert(Scope.TEAM, null, d.shortcut(), d.zh(), d.en(), "config", clock.instant());
                added++;
            }
        }
        if (!configured.isEmpty()) {
            log.info("inbox.canned-replies: {} listed, {} added", configured.size(), added);
        }
        return added;
    }

    /** A plain text of the config is the Chinese variant when it has Chinese characters, else the English one. */
    private static Draft variants(InboxConfig.CannedReply c) {
        if (c.text().isSingle()) {
            String text = c.text().in("*");
            boolean chinese = text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp)
                    == Character.UnicodeScript.HAN);
            return new Draft(c.shortcut(), chinese ? text : null, chinese ? null : text);
        }
        return new Draft(c.shortcut(), c.text().texts().get("zh"), c.text().texts().get("en"));
    }

    /** Whether {@code p} may change or delete the reply: a team one as a supervisor, a personal one as its owner. */
    static boolean mayChange(Principal p, Row row) {
        return row.scope() == Scope.TEAM ? p.role().atLeast(Role.SUPERVISOR) : p.name().equals(row.owner());
    }

    private Row changeable(Principal p, long id) {
        Row row = replies.byId(id).orElseThrow(() -> Refusal.notFound("no canned reply " + id));
        if (!mayChange(p, row)) {
            throw Refusal.forbidden(row.scope() == Scope.TEAM ? "team replies are managed by supervisors"
                    : "this is someone else's personal reply");
        }
        return row;
    }

    private Reply reply(Principal p, Row r, ReplyVariables vars) {
        return new Reply(r.id(), r.scope().code(), r.owner(), r.shortcut(), r.zh(), r.en(), mayChange(p, r),
                vars == null ? null : vars.fill(r.zh(), r.en()));
    }

    private ReplyVariables variables(Principal p, long conversationId) {
        return store.db().withConnection(c -> {
            Conversation conv = store.conversations().byId(c, conversationId)
                    .orElseThrow(() -> Refusal.notFound("no conversation " + conversationId));
            Customer cu = store.customers().byId(c, conv.customerId()).orElseThrow();
            Long ticket = store.tickets().activeFor(c, conversationId).map(t -> t.id()).orElse(null);
            return ReplyVariables.of(cu, p.name(), ticket, deskLanguage);
        });
    }

    private static boolean matches(Row r, String q) {
        return q.isEmpty() || contains(r.shortcut(), q) || contains(r.zh(), q) || contains(r.en(), q);
    }

    private static boolean contains(String text, String q) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(q);
    }

    private static Draft checked(Draft d) {
        String shortcut = d.shortcut() == null ? "" : d.shortcut().strip();
        if (shortcut.startsWith("/")) {
            shortcut = shortcut.substring(1);
        }
        if (shortcut.isEmpty()) {
            throw Refusal.invalid("shortcut is required");
        }
        if (shortcut.length() > MAX_SHORTCUT || shortcut.chars().anyMatch(Character::isWhitespace)) {
            throw Refusal.invalid("shortcut must be one word of at most " + MAX_SHORTCUT + " characters");
        }
        String zh = blankToNull(d.zh());
        String en = blankToNull(d.en());
        if (zh == null && en == null) {
            throw Refusal.invalid("give the text in zh and/or en");
        }
        if ((zh != null && zh.length() > MAX_TEXT) || (en != null && en.length() > MAX_TEXT)) {
            throw Refusal.invalid("text is longer than " + MAX_TEXT + " characters");
        }
        return new Draft(shortcut, zh, en);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** For the routes: the scope of a request ({@code team} or {@code personal}). */
    public static Scope scope(String code) {
        return Optional.ofNullable(code).flatMap(Scope::of)
                .orElseThrow(() -> Refusal.invalid("scope must be team or personal"));
    }
}
