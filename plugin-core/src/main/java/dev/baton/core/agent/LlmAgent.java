package dev.baton.core.agent;

import dev.baton.core.resilience.CircuitBreaker;
import dev.baton.core.config.LlmConfig;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.handoff.Summarizer;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.lookup.Lookups;
import dev.baton.core.store.Store;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.observability.api.listener.AiServiceResponseReceivedListener;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The LLM agent: one {@link SupportAssistant} call per customer turn, grounded in the knowledge the engine already
 * retrieved, with a fallback that never strands the customer.
 *
 * <p>A turn: the customer's text is delimited ({@link CustomerText}); the retrieved hits are injected into the
 * outgoing request only; the model answers (one round trip on the common path), or calls {@code searchKnowledge}
 * for a follow-up, or a business look-up ({@link LookupTools}: "where is my order?"), or calls
 * {@code handoffToHuman} (the turn ends there: {@link HandoffReason#AGENT_TOOL}). An answer after a look-up stands
 * on the look-up's result; a look-up that failed and hands off on error makes the turn a handoff
 * ({@link HandoffReason#LOOKUP_FAILED}) whatever the model wrote. The
 * answer passes the {@link OutputGuard}; {@code [n]} markers become the citation. The model phrases, it never
 * overrules the knowledge: an answer that no confident entry backs (the retrieval abstained and the model's own
 * searches found nothing confident, or it cited only low-relevance entries) is replaced by the configured
 * not-sure reply, and the turn is a knowledge miss. Small talk never reaches the agent (the engine answers it).
 *
 * <p>Fallback: the call runs on a bounded executor and is abandoned at {@link LlmConfig#deadline()}, or at the
 * channel's shorter {@link AgentRequest#deadline()} (WeChat passive mode must answer while WeChat waits). A model error,
 * timeout, 429 or malformed body counts against the {@link CircuitBreaker}; while it is open no call goes out. In
 * every such case the customer gets the offline answer when the knowledge is confident, else a handoff
 * ({@link HandoffReason#LLM_UNAVAILABLE}).
 *
 * <p>Calls for one conversation never overlap ({@link TurnSlots}): a call abandoned at the deadline is cancelled and
 * keeps the conversation's slot until it really ends, moments later; the next turn waits for that, up to half its own
 * deadline, so one slow call does not make the customer's next message fall back (or hand off).
 */
public final class LlmAgent implements SupportAgent, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LlmAgent.class);
    private static final String HUMAN_MARKER = "A human colleague served the customer after your last message and "
            + "has finished; the customer is back with you.";

    private final LlmConfig cfg;
    private final ChatModel model;
    private final OfflineAgent fallback;
    private final CircuitBreaker breaker;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ModelMemory memory;
    private final SystemPrompt prompt;
    private final OutputGuard guard;
    private final SupportAssistant assistant;
    private final Lookups lookups;
    private final TurnSlots turns = new TurnSlots();
    private final Map<Long, LongAdder> tokensByConversation = new ConcurrentHashMap<>();
    private final Counter calls;
    private final Counter inputTokens;
    private final Counter outputTokens;

    LlmAgent(LlmConfig cfg, ChatModel model, Store store, KnowledgeSearch knowledge, OfflineAgent fallback,
             MeterRegistry meters, Clock clock, ExecutorService executor, boolean ownsExecutor) {
        this(cfg, model, store, knowledge, Lookups.none(), fallback, meters, clock, executor, ownsExecutor);
    }

    LlmAgent(LlmConfig cfg, ChatModel model, Store store, KnowledgeSearch knowledge, Lookups lookups,
             OfflineAgent fallback, MeterRegistry meters, Clock clock, ExecutorService executor,
             boolean ownsExecutor) {
        this.cfg = cfg;
        this.lookups = lookups;
        this.model = model;
        this.fallback = fallback;
        this.clock = clock;
        this.meters = meters;
        this.executor = executor;
        this.ownsExecutor = ownsExecutor;
        this.breaker = new CircuitBreaker(cfg.circuitBreaker(), clock);
        this.memory = new ModelMemory(new JdbcChatMemoryStore(store, clock), cfg.memoryWindow(), cfg.deadline());
        this.prompt = new SystemPrompt(cfg, SystemPrompt.canary(cfg), !lookups.isEmpty());
        this.guard = new OutputGuard(prompt, lookups.names());
        this.calls = Counter.builder("baton.llm.calls").description("chat-model calls").register(meters);
        this.inputTokens = Counter.builder("baton.llm.tokens").tag("type", "input").register(meters);
        this.outputTokens = Counter.builder("baton.llm.tokens").tag("type", "output").register(meters);
        Gauge.builder("baton.llm.circuit.open", breaker, b -> b.state() == CircuitBreaker.State.OPEN ? 1 : 0)
                .description("1 while the model circuit breaker is open").register(meters);

        AiServiceResponseReceivedListener tokenListener = event -> {
            TokenUsage usage = event.response().tokenUsage();
            Turn turn = turns.current(memoryId(event.invocationContext().chatMemoryId()));
            if (usage == null || turn == null) {
                return;
            }
            long in = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
            long out = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
            turn.inputTokens.addAndGet(in);
            turn.outputTokens.addAndGet(out);
            inputTokens.increment(in);
            outputTokens.increment(out);
            tokensByConversation.computeIfAbsent(turn.conversationId, k -> new LongAdder()).add(in + out);
        };
        LookupTools lookupTools = new LookupTools(lookups, this::turnOf, cfg.maxLookupsPerTurn());
        java.util.Set<String> toolNames = new java.util.TreeSet<>(AssistantTools.names());
        toolNames.addAll(lookupTools.names());
        AiServices<SupportAssistant> services = AiServices.builder(SupportAssistant.class)
                .chatModel(model)
                .systemMessageProvider(id -> prompt.text())
                .chatMemoryProvider(memory::of)
                .retrievalAugmentor(new KnowledgeInjector(this::turnOf))
                .storeRetrievedContentInChatMemory(false)
                .tools(new AssistantTools(this::turnOf, knowledge))
                .maxToolCallingRoundTrips(lookups.isEmpty() ? 3 : 4)
                .toolArgumentsErrorHandler((error, ctx) -> ToolErrorHandlerResult.text(
                        "invalid arguments: " + error.getMessage()))
                .toolExecutionErrorHandler((error, ctx) -> ToolErrorHandlerResult.text(
                        "rejected: " + error.getMessage()))
                .hallucinatedToolNameStrategy(request -> ToolExecutionResultMessage.from(request,
                        "no such tool; the tools are " + String.join(", ", toolNames)))
                .chatRequestTransformer((request, id) -> {
                    Turn turn = turns.current(memoryId(id));
                    if (turn != null) {
                        turn.calls.incrementAndGet();
                    }
                    calls.increment();
                    return request;
                })
                .registerListener(tokenListener);
        if (!lookups.isEmpty()) {
            services.tools(lookupTools.tools());
        }
        this.assistant = services.build();
    }

    /**
     * The LLM agent for {@code cfg}: an OpenAI-compatible model over HTTP/1.1, memory in {@code store}, the
     * {@code searchKnowledge} tool over {@code knowledge}, {@code fallback} when the model cannot answer. Owns a
     * bounded executor of {@link LlmModels#DEFAULT_THREADS} threads; {@link #close()} stops it.
     */
    public static LlmAgent create(LlmConfig cfg, Store store, KnowledgeSearch knowledge, OfflineAgent fallback,
                                  MeterRegistry meters, Clock clock) {
        return create(cfg, store, knowledge, Lookups.none(), fallback, meters, clock);
    }

    /** As above, with the business look-ups as the model's tools (at most {@code llm.max-lookups-per-turn} calls). */
    public static LlmAgent create(LlmConfig cfg, Store store, KnowledgeSearch knowledge, Lookups lookups,
                                  OfflineAgent fallback, MeterRegistry meters, Clock clock) {
        return new LlmAgent(cfg, LlmModels.chatModel(cfg), store, knowledge, lookups, fallback, meters, clock,
                LlmModels.boundedExecutor("baton-llm", LlmModels.DEFAULT_THREADS, LlmModels.DEFAULT_QUEUE), true);
    }

    @Override
    public boolean runsLookups() {
        return !lookups.isEmpty();
    }

    @Override
    public AgentReply answer(AgentRequest request) {
        Duration limit = request.deadlineWithin(cfg.deadline());
        long deadline = System.nanoTime() + limit.toNanos();
        long id = request.conversationId();
        if (request.text() == null || request.text().isBlank()) {
            return fallback.answer(request);
        }
        Turn turn = new Turn(id, request.language(), request.knowledge(), request.customer());
        if (!turns.enter(turn, limit.dividedBy(2))) {
            return unavailable(request, turn, "busy");
        }
        boolean submitted = false;
        try {
            if (!breaker.tryAcquire()) {
                return unavailable(request, turn, "circuit_open");
            }
            Future<Result<String>> future;
            try {
                future = executor.submit(() -> run(turn, request));
                submitted = true;
            } catch (RejectedExecutionException e) {
                breaker.release();
                return unavailable(request, turn, "saturated");
            }
            return await(request, turn, future, deadline);
        } finally {
            if (!submitted) {
                turns.leave(turn);
            }
        }
    }

    private AgentReply await(AgentRequest request, Turn turn, Future<Result<String>> future, long deadline) {
        Result<String> result;
        try {
            result = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(turn, future);
            breaker.onFailure();
            return unavailable(request, turn, "deadline");
        } catch (ExecutionException e) {
            breaker.onFailure();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            log.warn("conversation {}: model call failed: {}", turn.conversationId, ModelErrors.describe(cause, cfg.apiKey()));
            return unavailable(request, turn, "error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(turn, future);
            breaker.release();
            return unavailable(request, turn, "interrupted");
        }
        if (turn.handoff().isEmpty() && turn.failedLookupToHandOff().isEmpty() && (result == null
                || result.content() == null
                || result.content().isBlank())) {
            breaker.onFailure();
            return unavailable(request, turn, "empty");
        }
        breaker.onSuccess();
        return reply(request, turn, result);
    }

    private Result<String> run(Turn turn, AgentRequest request) throws InterruptedException {
        if (!turn.claim()) {
            return null; // abandoned before it started
        }
        ReentrantLock lock = memory.lockFor(turn.conversationId);
        try {
            lock.lockInterruptibly();
            try {
                Result<String> result = assistant.chat(turn.conversationId,
                        CustomerText.delimit(request.text(), request.language()));
                if (turn.searches() > 0) {
                    memory.compactSearchResults(turn.conversationId);
                }
                return result;
            } catch (RuntimeException e) {
                memory.reload(turn.conversationId); // reload (and repair) from the database next time
                throw e;
            } finally {
                if (turn.abandoned) {
                    memory.reload(turn.conversationId);
                }
                lock.unlock();
            }
        } finally {
            turns.leave(turn);
        }
    }

    private void abandon(Turn turn, Future<?> future) {
        turn.abandoned = true;
        future.cancel(true);
        if (turn.claim()) {
            turns.leave(turn);
        }
    }

    private AgentReply reply(AgentRequest request, Turn turn, Result<String> result) {
        int n = turn.calls.get();
        long tokens = turn.tokens();
        var looked = turn.lookups();
        if (turn.handoff().isPresent()) {
            count("handoff");
            log.info("conversation {}: the assistant handed off ({})", turn.conversationId,
                    turn.handoff().get().reason());
            return new AgentReply("", null, false, HandoffReason.AGENT_TOOL, turn.handoff().get().note(), n, tokens,
                    looked);
        }
        var failed = turn.failedLookupToHandOff();
        if (failed.isPresent()) {
            count("lookup_failed");
            return new AgentReply("", null, false, HandoffReason.LOOKUP_FAILED, "look-up " + failed.get().name()
                    + " failed (" + failed.get().text() + ")", n, tokens, looked);
        }
        String text = result.content().strip();
        var violation = guard.check(text, Grounding.shown(turn));
        if (violation.isPresent()) {
            count("guarded");
            meters.counter("baton.agent.guard.blocked", "rule", violation.get().code()).increment();
            log.warn("conversation {}: answer withheld by the output guard ({}); answering offline",
                    turn.conversationId, violation.get().code());
            AgentReply offline = fallback.answer(request);
            return new AgentReply(offline.text(), offline.citation(), offline.knowledgeMiss(), null, null, n,
                    tokens, looked);
        }
        Set<KnowledgeAnswer> cited = new LinkedHashSet<>();
        String answer = Grounding.withoutMarkers(text, turn, cited);
        if (!turn.lookupGrounds() && !Grounding.grounded(cited, turn.references())) {
            // the knowledge abstained: the model may phrase answers, not turn "nothing relevant" into one
            count("abstained");
            log.info("conversation {}: no confident knowledge behind the model's answer; the customer gets the "
                    + "honest not-sure reply", turn.conversationId);
            return new AgentReply(fallback.notSure(request.language()), null, true, null, null, n, tokens, looked);
        }
        String citation = cited.isEmpty() ? null : cited.iterator().next().citation();
        if (!cited.isEmpty()) {
            answer = fallback.cite(answer, cited.stream().limit(2).toList(), request.language());
        }
        count(looked.isEmpty() ? "answered" : "looked_up");
        return new AgentReply(answer, citation, false, null, null, n, tokens, looked);
    }

    private AgentReply unavailable(AgentRequest request, Turn turn, String reason) {
        count("fallback");
        meters.counter("baton.agent.fallbacks", "reason", reason).increment();
        log.warn("conversation {}: model unavailable ({}); answering offline", request.conversationId(), reason);
        AgentReply offline = fallback.answer(request);
        int n = turn.calls.get();
        long tokens = turn.tokens();
        var looked = turn.lookups();
        if (!offline.knowledgeMiss()) {
            return new AgentReply(offline.text(), offline.citation(), false, null, null, n, tokens, looked);
        }
        return new AgentReply(offline.text(), null, true, HandoffReason.LLM_UNAVAILABLE,
                "the language model was unavailable (" + reason + ")", n, tokens, looked);
    }

    @Override
    public void humanHandled(long conversationId, String note) {
        memory.addStaffNote(conversationId,
                note == null || note.isBlank() ? HUMAN_MARKER : HUMAN_MARKER + " Their note: " + note.strip());
    }

    /** Forgets the conversation's model memory, cached and stored (the transcript itself stays). */
    @Override
    public void evict(long conversationId) {
        memory.forget(conversationId, () -> assistant.evictChatMemory(conversationId));
        tokensByConversation.remove(conversationId);
    }

    SystemPrompt prompt() {
        return prompt;
    }

    /** Tokens this conversation used since start-up (or since its last {@link #evict}). */
    public long tokensUsed(long conversationId) {
        LongAdder a = tokensByConversation.get(conversationId);
        return a == null ? 0 : a.sum();
    }

    public CircuitBreaker.State circuitState() {
        return breaker.state();
    }

    /** An {@link LlmSummarizer} sharing this agent's model, executor and circuit breaker. */
    public LlmSummarizer summarizer(Summarizer offline) {
        return new LlmSummarizer(cfg, model, breaker, executor, offline, meters);
    }

    @Override
    public void close() {
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }

    private Turn turnOf(Object memoryId) {
        Turn turn = turns.current(memoryId(memoryId));
        if (turn == null) {
            throw new IllegalStateException("no turn in progress for this conversation");
        }
        return turn;
    }

    private static long memoryId(Object id) {
        return id instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(id));
    }

    private void count(String outcome) {
        meters.counter("baton.agent.turns", "outcome", outcome).increment();
    }
}
