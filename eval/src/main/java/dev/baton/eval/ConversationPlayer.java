package dev.baton.eval;

import dev.baton.eval.ConversationCase.AgentStep;
import dev.baton.eval.ConversationCase.CustomerStep;
import dev.baton.eval.TurnJudge.Observation;
import dev.baton.eval.TurnJudge.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plays one scripted conversation as a new dev-channel customer: customer turns through
 * {@code POST /api/dev/messages}, agent turns through the REST API, each customer turn judged on its replies and on
 * the conversation's state and reasons read back from {@code GET /api/conversations/{id}}.
 */
public final class ConversationPlayer {

    private final BatonHttp http;
    private final String runId;
    private final java.util.concurrent.atomic.AtomicInteger played = new java.util.concurrent.atomic.AtomicInteger();

    /** {@code runId} makes the customers of this run new ones, whatever the database already holds. */
    public ConversationPlayer(BatonHttp http, String runId) {
        this.http = http;
        this.runId = runId;
    }

    /** One customer turn: {@code turn} is its 1-based position among all turns of the case (agent turns included). */
    public record TurnResult(int turn, CustomerStep step, Observation got, Verdict verdict) {

        /** Whether the turn counts (its expectation is not {@code null}). */
        public boolean scored() {
            return step.expect().type() != null;
        }
    }

    /** A played conversation; {@code problems} are agent actions or requests Baton refused, in order. */
    public record ConversationResult(ConversationCase kase, List<TurnResult> turns, List<String> problems) {
        public ConversationResult {
            turns = List.copyOf(turns);
            problems = List.copyOf(problems);
        }

        /** Every scored turn right. */
        public boolean success() {
            return turns.stream().filter(TurnResult::scored).allMatch(t -> t.verdict().right());
        }
    }

    public ConversationResult play(ConversationCase c) {
        String customer = customerId(c.id());
        List<TurnResult> turns = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Long conversation = null;
        for (int i = 0; i < c.steps().size(); i++) {
            int turn = i + 1;
            ConversationCase.Step step = c.steps().get(i);
            if (step instanceof AgentStep a) {
                agent(a, conversation).ifPresent(p -> problems.add("turn " + turn + " (agent "
                        + a.action().name().toLowerCase(java.util.Locale.ROOT) + "): " + p));
                continue;
            }
            CustomerStep s = (CustomerStep) step;
            Observation got;
            try {
                BatonHttp.CustomerReply r = http.say(customer, s.text(), c.tier(), s.button());
                if (!r.complete()) {
                    problems.add("turn " + turn + ": not processed within the dev channel's reply timeout");
                }
                conversation = r.conversationId() != null ? r.conversationId() : conversation;
                got = observe(r, conversation);
            } catch (BatonHttp.ApiException e) {
                problems.add("turn " + turn + ": " + e.getMessage());
                got = new Observation(List.of(), "?", List.of());
            }
            turns.add(new TurnResult(turn, s, got, TurnJudge.judge(s.expect(), s.langReply(), got)));
        }
        return new ConversationResult(c, turns, problems);
    }

    private Observation observe(BatonHttp.CustomerReply r, Long conversation) {
        if (conversation == null) {
            return new Observation(r.replies(), r.state(), List.of());
        }
        BatonHttp.ConversationView v = http.conversation(conversation);
        return new Observation(r.replies(), v.state(), v.reasons());
    }

    /** Does an agent action; returns what went wrong, if anything (the script goes on either way). */
    private Optional<String> agent(AgentStep a, Long conversation) {
        if (conversation == null) {
            return Optional.of("no conversation yet");
        }
        try {
            switch (a.action()) {
                case CLAIM -> {
                    Optional<Long> ticket = http.ticketOf(conversation);
                    if (ticket.isEmpty()) {
                        return Optional.of("no ticket in the queue for conversation " + conversation);
                    }
                    http.claim(ticket.get());
                }
                case REPLY -> http.reply(conversation, a.text());
                case RESOLVE -> http.resolve(conversation, a.text());
                default -> throw new IllegalStateException("unknown agent action " + a.action());
            }
            return Optional.empty();
        } catch (BatonHttp.ApiException e) {
            return Optional.of(e.getMessage());
        }
    }

    private String customerId(String caseId) {
        String id = "eval-" + runId + "-" + played.incrementAndGet() + "-" + caseId;
        return id.length() <= 128 ? id : id.substring(0, 128);
    }
}
