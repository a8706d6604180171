package dev.baton.core.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcChatMemoryStoreTest {

    private final AgentFixture fx = new AgentFixture();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private static ToolExecutionRequest call(String id) {
        return ToolExecutionRequest.builder().id(id).name("searchKnowledge").arguments("{\"query\":\"q\"}").build();
    }

    @Test
    void should_round_trip_messages_when_a_new_store_reads_them() {
        List<ChatMessage> messages = List.of(SystemMessage.from("sys"), UserMessage.from("你好"),
                AiMessage.from(List.of(call("c1"))), ToolExecutionResultMessage.from(call("c1"), "result"),
                AiMessage.from("您好！"));
        new JdbcChatMemoryStore(fx.store, fx.clock).updateMessages(1L, messages);

        List<ChatMessage> loaded = new JdbcChatMemoryStore(fx.store, fx.clock).getMessages(1L);

        assertThat(loaded).isEqualTo(messages);
    }

    @Test
    void should_add_interrupted_result_when_tool_call_has_none() {
        List<ChatMessage> repaired = JdbcChatMemoryStore.repair(List.of(UserMessage.from("q"),
                AiMessage.from(List.of(call("c1"), call("c2"))), ToolExecutionResultMessage.from(call("c1"), "ok")));

        assertThat(repaired).hasSize(4);
        assertThat(((ToolExecutionResultMessage) repaired.get(2)).text()).isEqualTo("ok");
        ToolExecutionResultMessage synthetic = (ToolExecutionResultMessage) repaired.get(3);
        assertThat(synthetic.id()).isEqualTo("c2");
        assertThat(synthetic.text()).isEqualTo(JdbcChatMemoryStore.INTERRUPTED);
    }

    @Test
    void should_drop_tool_results_when_no_request_precedes_them() {
        List<ChatMessage> repaired = JdbcChatMemoryStore.repair(List.of(
                ToolExecutionResultMessage.from(call("c0"), "orphan"), UserMessage.from("q"),
                AiMessage.from(List.of(call("c1"))), ToolExecutionResultMessage.from(call("c1"), "ok"),
                ToolExecutionResultMessage.from(call("c1"), "duplicate"),
                ToolExecutionResultMessage.from(call("c9"), "stranger")));

        assertThat(repaired).extracting(m -> m.type().name()).containsExactly("USER", "AI", "TOOL_EXECUTION_RESULT");
        assertThat(((ToolExecutionResultMessage) repaired.get(2)).text()).isEqualTo("ok");
    }

    @Test
    void should_repair_when_loading_a_dangling_memory_from_the_database() {
        new JdbcChatMemoryStore(fx.store, fx.clock).updateMessages(2L, List.of(UserMessage.from("q"),
                AiMessage.from(List.of(call("c1")))));

        List<ChatMessage> loaded = new JdbcChatMemoryStore(fx.store, fx.clock).getMessages(2L);

        assertThat(loaded).hasSize(3);
        assertThat(loaded.get(2)).isInstanceOf(ToolExecutionResultMessage.class);
    }

    @Test
    void should_return_empty_and_forget_when_memory_is_deleted() {
        JdbcChatMemoryStore store = new JdbcChatMemoryStore(fx.store, fx.clock);
        store.updateMessages(3L, List.of(UserMessage.from("q")));

        store.deleteMessages(3L);

        assertThat(store.getMessages(3L)).isEmpty();
        assertThat(new JdbcChatMemoryStore(fx.store, fx.clock).getMessages(3L)).isEmpty();
    }
}
