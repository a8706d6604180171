package dev.baton.core.agent;

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
 * {@code [1]}, {@code [2]} … across the prompt and every search), what the tools decided, and the model calls and
 * tokens spent. Tools reach it through their {@code @ToolMemoryId}; it never outlives the turn.
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
    private final java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();

    /** The hits the engine retrieved, as shown in the prompt. */
    final List<KnowledgeAnswer> prompted;

    Turn(long conversationId, String language, List<KnowledgeAnswer> prefetched) {
        this.conversationId = conversationId;
        this.language = language;
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
