package dev.baton.core.agent;

import dev.baton.core.store.Store;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * LangChain4j {@link ChatMemoryStore} over Baton's {@code chat_memory} table, so that an agent's memory survives a
 * restart and is shared by every node on one database. Messages are stored as LangChain4j's own JSON
 * ({@link ChatMessageSerializer}); a write-through cache saves a read per model call and is dropped by
 * {@link #deleteMessages} or {@link #forget}.
 *
 * <p>Every load from the database is {@linkplain #repair repaired}: a crash (or a call abandoned at the deadline,
 * after which the agent {@linkplain #forget forgets} the cached copy) between the model's tool request and the
 * tool's result leaves an {@link AiMessage} whose tool calls have no results, which OpenAI-compatible APIs reject.
 * Missing results get a synthetic "interrupted" result; results without a request are dropped. Cached reads are
 * not repaired: within a turn a tool call legitimately waits for its result.
 */
public final class JdbcChatMemoryStore implements ChatMemoryStore {

    /** The tool result written for a tool call whose real result was lost. */
    public static final String INTERRUPTED = "error: this tool call was interrupted and did not run";

    private static final Logger log = LoggerFactory.getLogger(JdbcChatMemoryStore.class);

    private final Store store;
    private final Clock clock;
    private final Map<String, List<ChatMessage>> cache = new ConcurrentHashMap<>();

    public JdbcChatMemoryStore(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        String id = key(memoryId);
        List<ChatMessage> cached = cache.get(id);
        if (cached != null) {
            return new ArrayList<>(cached); // mid-turn reads: a tool call may legitimately await its result
        }
        List<ChatMessage> loaded = store.db().withConnection(c -> store.memory().load(c, id))
                .map(ChatMessageDeserializer::messagesFromJson).orElse(List.of());
        List<ChatMessage> repaired = repair(id, loaded);
        cache.put(id, List.copyOf(repaired));
        return repaired;
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        String id = key(memoryId);
        String json = ChatMessageSerializer.messagesToJson(messages);
        store.db().withConnection(c -> {
            store.memory().save(c, id, json, clock.instant());
            return null;
        });
        cache.put(id, List.copyOf(messages));
    }

    @Override
    public void deleteMessages(Object memoryId) {
        String id = key(memoryId);
        cache.remove(id);
        store.db().withConnection(c -> {
            store.memory().delete(c, id);
            return null;
        });
    }

    /** Drops the cached copy only; the stored memory stays. */
    public void forget(Object memoryId) {
        cache.remove(key(memoryId));
    }

    static String key(Object memoryId) {
        return String.valueOf(memoryId);
    }

    private static List<ChatMessage> repair(String id, List<ChatMessage> messages) {
        List<ChatMessage> repaired = repair(messages);
        if (repaired.size() != messages.size()) {
            log.warn("chat memory {}: repaired dangling tool calls ({} → {} messages)", id, messages.size(),
                    repaired.size());
        }
        return repaired;
    }

    /**
     * Makes a message list acceptable to OpenAI-compatible APIs: each tool request of an {@link AiMessage} is
     * followed by exactly one result (a synthetic {@link #INTERRUPTED} one when it is missing), and results that
     * answer no request are dropped. Returns a new mutable list.
     */
    public static List<ChatMessage> repair(List<ChatMessage> messages) {
        List<ChatMessage> out = new ArrayList<>(messages.size() + 2);
        int i = 0;
        while (i < messages.size()) {
            ChatMessage m = messages.get(i);
            if (m instanceof ToolExecutionResultMessage) {
                i++; // orphan: its request is not right before it
                continue;
            }
            out.add(m);
            i++;
            if (m instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
                Map<String, ToolExecutionRequest> pending = new LinkedHashMap<>();
                for (ToolExecutionRequest r : ai.toolExecutionRequests()) {
                    pending.put(r.id(), r);
                }
                Set<String> answered = new HashSet<>();
                while (i < messages.size() && messages.get(i) instanceof ToolExecutionResultMessage result) {
                    if (pending.containsKey(result.id()) && answered.add(result.id())) {
                        out.add(result);
                    }
                    i++;
                }
                for (ToolExecutionRequest r : pending.values()) {
                    if (!answered.contains(r.id())) {
                        out.add(ToolExecutionResultMessage.from(r, INTERRUPTED));
                    }
                }
            }
        }
        return out;
    }
}
