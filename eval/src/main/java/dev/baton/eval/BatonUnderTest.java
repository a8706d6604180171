package dev.baton.eval;

import java.nio.file.Path;

/**
 * A running Baton an evaluation plays against, reached only over HTTP. The app starts it in-process, the way
 * {@code baton serve} does; this module never sees its classes, so the harness measures what a customer would get.
 */
public interface BatonUnderTest extends AutoCloseable {

    /** A client for its dev channel and REST API. */
    BatonHttp client();

    /** Stops it and deletes what the evaluation wrote. */
    @Override
    void close();

    /** Starts a Baton for an evaluation from an {@link EvalSetup}. */
    @FunctionalInterface
    interface Launcher {

        /**
         * @param knowledge the knowledge folder to answer from
         * @param config    a baton.yaml whose settings to use, or {@code null} for the defaults
         * @param indexDir  where to keep the index, or {@code null} for a temporary one
         */
        BatonUnderTest start(Path knowledge, Path config, Path indexDir);
    }
}
