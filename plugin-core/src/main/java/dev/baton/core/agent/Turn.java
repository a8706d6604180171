package dev.baton.core.agent;

import dev.baton.core.conversation.Customer;
import dev.baton.core.conversation.LookupTrace;
import dev.baton.core.knowledge.KnowledgeAnswer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one customer turn while the model works on it: the knowledge shown to the model (numbered
 * {@code [1]}, {@code [2]} … across the prompt and every search), what the tools decided and looked up, and the model
 * calls and tokens spent. Tools reach it through their {@code @ToolMemoryId}; it never outlives the turn.
 */
final class Turn {

    /** What {@code handoffToHuman} asked for, validated. */
    record Handoff(String reason, String summary) {
        String note() {
            return "[" + reason + "] " + summary;
        }
    }

    final long conversationId;
    final String language;
    /** Who writes: identity look-ups take their verified id from here; null when unknown. */
    final Customer customer;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicLong inputTokens = new AtomicLong();
    final AtomicLong outputTokens = new AtomicLong();
    /** Set when the caller gave up at the deadline; the worker then drops cached memory. */
    volatile boolean abandoned;
    /** Released once the turn has left the agent: its model call ended (or never started) and memory is unlocked. */
    private final CountDownLatch ended = new CountDownLatch(1);
    private final List<KnowledgeAnswer> references = new ArrayList<>();
    private Handoff handoff;
    private int searches;
    private int lookupCalls;
    private final List<LookupTrace> lookups = new ArrayList<>();
    /** Look-ups that failed and hand off on error ({@code on-error: handoff}), by name. */
    private final List<String> failedToHandOff = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();

    /** The hits the engine retrieved, as shown in the prompt. */
    final List<KnowledgeAnswer> prompted;

    Turn(long conversationId, String language, List<KnowledgeAnswer> prefetched) {
        this(conversationId, language, prefetched, null);
    }

    Turn(long conversationId, String language, List<KnowledgeAnswer> prefetched, Customer customer) {
        this.conversationId = conversationId;
        this.language = language;
        this.customer = customer;
        this.prompted = List.copyOf(prefetched.subList(0, Math.min(KnowledgeBlock.PROMPT_HITS, prefetched.size())));
    }

    /** Adds a knowledge entry to this turn's numbered references (once) and returns its number, from 1. */
    synchronized int reference(KnowledgeAnswer answer) {
        for (int i = 0; i < references.size(); i++) {
            if (references.get(i).id().equals(answer.id())) {
                return i + 1;
            }
        }
        references.add(answer);
        return references.size();
    }

    synchronized Optional<KnowledgeAnswer> referenced(int number) {
        return number >= 1 && number <= references.size() ? Optional.of(references.get(number - 1))
                : Optional.empty();
    }

    synchronized List<KnowledgeAnswer> references() {
        return List.copyOf(references);
    }

    synchronized boolean requestHandoff(Handoff h) {
        if (handoff != null) {
            return false;
        }
        handoff = h;
        return true;
    }

    synchronized Optional<Handoff> handoff() {
        return Optional.ofNullable(handoff);
    }

    synchronized int countSearch() {
        return ++searches;
    }

    /** True for the first caller only: the worker that runs the turn, or the caller that abandons it unstarted. */
    boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    /** Counts a look-up call the model asked for; returns how many it asked for this turn, this one included. */
    synchronized int countLookup() {
        return ++lookupCalls;
    }

    /** Records a look-up's trace; {@code handOffOnError}: it failed and is configured to hand off on error. */
    synchronized void looked(LookupTrace trace, boolean handOffOnError) {
        lookups.add(trace);
        if (handOffOnError) {
            failedToHandOff.add(trace.name());
        }
    }

    synchronized List<LookupTrace> lookups() {
        return List.copyOf(lookups);
    }

    /**
     * The first look-up that failed, hands off on error and was not answered by a later call of the same look-up;
     * empty when none.
     */
    synchronized Optional<LookupTrace> failedLookupToHandOff() {
        for (LookupTrace t : lookups) {
            if (t.outcome() == LookupTrace.Outcome.FAILED && failedToHandOff.contains(t.name())
                    && lookups.stream().noneMatch(o -> o.name().equals(t.name()) && o.outcome().answered())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Whether a look-up gave the model something to answer from: a record, its absence, or an apology to relay. */
    synchronized boolean lookupGrounds() {
        return lookups.stream().anyMatch(t -> t.outcome().answered() || t.outcome() == LookupTrace.Outcome.FAILED);
    }

    synchronized int searches() {
        return searches;
    }

    /** The turn has left the agent. */
    void end() {
        ended.countDown();
    }

    /** Waits up to {@code timeout} for the turn to leave the agent; true when it has. */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    }

    long tokens() {
        return inputTokens.get() + outputTokens.get();
    }
}
