package dev.baton.core.agent;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.rag.AugmentationRequest;
import dev.langchain4j.rag.AugmentationResult;
import dev.langchain4j.rag.RetrievalAugmentor;

import java.util.List;
import java.util.function.Function;

/**
 * A {@link RetrievalAugmentor} that adds the knowledge the engine already retrieved for this turn (no second search,
 * no extra round trip) to the outgoing user message. With {@code storeRetrievedContentInChatMemory(false)} the
 * memory keeps only the customer's message, so retrieved text never bloats it.
 */
final class KnowledgeInjector implements RetrievalAugmentor {

    private final Function<Object, Turn> turns;

    KnowledgeInjector(Function<Object, Turn> turns) {
        this.turns = turns;
    }

    @Override
    public AugmentationResult augment(AugmentationRequest request) {
        Turn turn = turns.apply(request.metadata().chatMemoryId());
        UserMessage original = (UserMessage) request.chatMessage();
        String text = original.singleText() + "\n\n" + KnowledgeBlock.render(turn, turn.prompted);
        return AugmentationResult.builder().chatMessage(UserMessage.from(text)).contents(List.of()).build();
    }
}
