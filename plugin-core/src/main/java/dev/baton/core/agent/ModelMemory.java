package dev.baton.core.agent;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * The model's memory of each conversation: a message window over the {@link JdbcChatMemoryStore}, one lock per
 * conversation (striped), because LangChain4j's memory is not thread-safe and a turn, a hand-back note and an
 * eviction may meet. Retrieved knowledge is compacted to its citations after a turn, so it does not bloat the window.
 */
final class ModelMemory {

    private static final Logger log = LoggerFactory.getLogger(ModelMemory.class);
    private static final int LOCK_STRIPES = 64;

    private final JdbcChatMemoryStore store;
    private final int window;
    private final Duration lockWait;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    /**
     * @param window   messages kept in the window
     * @param lockWait how long a note or an eviction waits for a turn in progress before it is skipped
     */
    ModelMemory(JdbcChatMemoryStore store, int window, Duration lockWait) {
        this.store = store;
        this.window = window;
        this.lockWait = lockWait;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The window of one conversation (LangChain4j's memory provider). */
    ChatMemory of(Object id) {
        return MessageWindowChatMemory.builder().id(id).maxMessages(window)
                .alwaysKeepSystemMessageFirst(true).chatMemoryStore(store).build();
    }

    /** The conversation's lock, held for a whole model turn. */
    ReentrantLock lockFor(long id) {
        return locks[Math.floorMod(Long.hashCode(id), LOCK_STRIPES)];
    }

    /** Drops the cached window; the next turn reloads (and repairs) it from the database. */
    void reload(long id) {
        store.forget(id);
    }

    /** Adds a note from the staff (e.g. "a human served the customer") to the window. */
    void addStaffNote(long id, String note) {
        withLock(id, () -> of(id).add(UserMessage.from(CustomerText.staffNote(note))));
    }

    /** Forgets the window, cached and stored; {@code alsoEvict} drops what the caller caches for it. */
    void forget(long id, Runnable alsoEvict) {
        withLock(id, () -> {
            alsoEvict.run();
            store.deleteMessages(id);
        });
    }

    /** Replaces searchKnowledge results in memory with their citations: retrieved text must not bloat memory. */
    void compactSearchResults(long id) {
        List<ChatMessage> messages = store.getMessages(id);
        List<ChatMessage> compacted = new ArrayList<>(messages.size());
        boolean changed = false;
        for (ChatMessage msg : messages) {
            if (msg instanceof ToolExecutionResultMessage r && AssistantTools.SEARCH.equals(r.toolName())
                    && r.text().startsWith("<knowledge>")) {
                String sources = r.text().lines().filter(l -> l.startsWith("(source: "))
                        .collect(Collectors.joining(" "));
                compacted.add(ToolExecutionResultMessage.from(r.id(), r.toolName(),
                        "(results shown then; omitted from memory) " + sources));
                changed = true;
            } else {
                compacted.add(msg);
            }
        }
        if (changed) {
            store.updateMessages(id, compacted);
        }
    }

    private void withLock(long id, Runnable work) {
        ReentrantLock lock = lockFor(id);
        try {
            if (!lock.tryLock(lockWait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("conversation {}: memory busy; skipped a memory update", id);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }
}
