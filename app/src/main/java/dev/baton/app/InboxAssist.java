package dev.baton.app;

import dev.baton.core.agent.LlmReplyDraftWriter;
import dev.baton.core.agent.ReplyDraftWriter;
import dev.baton.core.config.LlmConfig;
import dev.baton.inbox.InboxModule;
import dev.baton.knowledge.embed.Embedders;
import dev.baton.knowledge.embed.QuestionEmbedder;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * What the inbox's copilot and knowledge gaps use: the knowledge's embedding models (the cached instances triage and
 * the search share) to compare questions, and with {@code llm:} the model that writes reply drafts.
 */
final class InboxAssist {

    private InboxAssist() {
    }

    /** @param closeables where the draft writer goes to be closed with the runtime */
    static InboxModule.Assist of(LlmConfig llm, EmbeddingModel chinese, EmbeddingModel english, MeterRegistry meters,
                                 Clock clock, Consumer<AutoCloseable> closeables) {
        QuestionVectorsBridge vectors = new QuestionVectorsBridge(new QuestionEmbedder(Embedders.of(chinese,
                english)));
        if (llm == null) {
            return new InboxModule.Assist(vectors, ReplyDraftWriter.none(), false);
        }
        LlmReplyDraftWriter writer = LlmReplyDraftWriter.create(llm, meters, clock);
        closeables.accept(writer);
        return new InboxModule.Assist(vectors, writer, true);
    }
}
