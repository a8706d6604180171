package dev.baton.core.agent;

import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.ReturnBehavior;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolMemoryId;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The assistant's tools. Their arguments come from the model, which may be steered by the customer, so each one is
 * validated here: a reason from a fixed set, a length-capped and cleaned summary, a bounded query, a bounded number
 * of calls per turn. A rejected argument throws {@link IllegalArgumentException}; its message goes back to the model.
 * The conversation id reaches the tools through {@code @ToolMemoryId}, never through the tool schema.
 */
public final class AssistantTools {

    /** Tool names, also watched for by the output guard (they are internal). */
    public static final String HANDOFF = "handoffToHuman";
    public static final String SEARCH = "searchKnowledge";

    /** Why the model hands off; anything else is rejected. */
    public enum Reason {
        CUSTOMER_REQUEST, SENSITIVE_OPERATION, COMPLAINT, NOT_IN_KNOWLEDGE, FRUSTRATED, OTHER;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Reason> parse(String s) {
            if (s == null) {
                return Optional.empty();
            }
            String code = s.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
            return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
        }

        static String codes() {
            return Arrays.stream(values()).map(Reason::code).collect(Collectors.joining(", "));
        }
    }

    public static final int MAX_SUMMARY_CHARS = 300;
    public static final int MAX_QUERY_CHARS = 200;
    public static final int MAX_SEARCHES_PER_TURN = 2;
    static final int SEARCH_HITS = 3;

    private final Function<Object, Turn> turns;
    private final KnowledgeSearch knowledge;

    AssistantTools(Function<Object, Turn> turns, KnowledgeSearch knowledge) {
        this.turns = turns;
        this.knowledge = knowledge;
    }

    @Tool(name = HANDOFF, returnBehavior = ReturnBehavior.IMMEDIATE, value = {
            "Hand the conversation to a human colleague. Use it when the customer asks for a person, is upset, ",
            "needs a sensitive operation (refund, payment, transfer, account or password change, identity check), ",
            "or the knowledge cannot answer after a search. The human reads the summary first."})
    public String handoffToHuman(@ToolMemoryId Object memoryId,
                                 @P("why: one of customer_request, sensitive_operation, complaint, not_in_knowledge, "
                                         + "frustrated, other") String reason,
                                 @P("for the human: the customer's issue and what was already tried, in the "
                                         + "customer's language, at most 300 characters") String summary) {
        Reason r = Reason.parse(reason).orElseThrow(() -> new IllegalArgumentException(
                "invalid reason; use one of: " + Reason.codes()));
        String clean = cleanSummary(summary);
        if (clean.isEmpty()) {
            throw new IllegalArgumentException("summary is required: describe the customer's issue briefly");
        }
        turns.apply(memoryId).requestHandoff(new Turn.Handoff(r.code(), clean));
        return "handed off";
    }

    @Tool(name = SEARCH, value = {
            "Search the business's knowledge base for a follow-up question that the provided <knowledge> does ",
            "not cover. Returns numbered entries to cite as [n]."})
    public String searchKnowledge(@ToolMemoryId Object memoryId,
                                  @P("what to look up, in the customer's language, a short question") String query) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("query is required");
        }
        Turn turn = turns.apply(memoryId);
        if (turn.countSearch() > MAX_SEARCHES_PER_TURN) {
            return "search limit reached for this message; answer with what you have or hand off";
        }
        String q = query.strip();
        if (q.length() > MAX_QUERY_CHARS) {
            q = q.substring(0, MAX_QUERY_CHARS);
        }
        List<KnowledgeAnswer> hits = knowledge.search(q, SEARCH_HITS);
        return KnowledgeBlock.render(turn, hits);
    }

    /** Control characters and markup out, whitespace collapsed, at most {@link #MAX_SUMMARY_CHARS} characters. */
    static String cleanSummary(String summary) {
        if (summary == null) {
            return "";
        }
        String s = summary.replaceAll("\\p{Cntrl}", " ").replaceAll("[<>]", " ").replaceAll("\\s+", " ").strip();
        if (s.codePointCount(0, s.length()) > MAX_SUMMARY_CHARS) {
            s = s.substring(0, s.offsetByCodePoints(0, MAX_SUMMARY_CHARS)) + "…";
        }
        return s;
    }

    static Set<String> names() {
        return Set.of(HANDOFF, SEARCH);
    }
}
