package dev.baton.app.cli;

import dev.baton.app.BatonRuntime;
import dev.baton.config.BatonConfig;
import dev.baton.knowledge.index.IndexInUseException;
import dev.baton.knowledge.KnowledgeBase;

import java.io.IOException;

/**
 * The knowledge base for a command that may run beside a server ({@code baton ask}, {@code baton index}): opened for
 * writing when nobody else holds the index, else read-only over the running Baton's last commit (which that Baton
 * keeps in line with the folder itself).
 *
 * @param knowledge    the knowledge base, to close
 * @param heldByServer true when another process holds the index and this one is read-only
 */
record SharedKnowledge(KnowledgeBase knowledge, boolean heldByServer) implements AutoCloseable {

    static SharedKnowledge open(BatonConfig.Knowledge config) throws IOException {
        try {
            return new SharedKnowledge(BatonRuntime.openKnowledge(config, false), false);
        } catch (IndexInUseException e) {
            return new SharedKnowledge(BatonRuntime.openKnowledgeReadOnly(config), true);
        }
    }

    @Override
    public void close() {
        knowledge.close();
    }
}
