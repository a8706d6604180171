package dev.baton.app.cli;

import dev.baton.app.BatonRuntime;
import dev.baton.config.ConfigLoader;
import dev.baton.eval.BatonHttp;
import dev.baton.eval.BatonUnderTest;
import dev.baton.eval.EvalSetup;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;

/**
 * A Baton started for {@code baton eval conversations|abstain}, the way {@code baton serve} starts it ({@link
 * BatonRuntime}), with the config of an {@link EvalSetup}: the harness of the eval module plays against it over HTTP.
 */
final class EvalBaton implements BatonUnderTest {

    private final BatonRuntime runtime;
    private final EvalSetup setup;

    private EvalBaton(BatonRuntime runtime, EvalSetup setup) {
        this.runtime = runtime;
        this.setup = setup;
    }

    /** Starts Baton and waits until its knowledge is indexed ({@link BatonUnderTest.Launcher}). */
    static EvalBaton start(Path knowledge, Path config, Path indexDir) {
        ConfigLoader loader = ConfigLoader.fromSystemEnv();
        if (config != null) {
            loader.load(config); // reports a bad config with its key and fix before anything starts
        }
        EvalSetup setup = EvalSetup.prepare(knowledge, config, indexDir);
        try {
            return new EvalBaton(BatonRuntime.start(loader.load(new ByteArrayInputStream(setup.yaml()),
                    setup.origin())), setup);
        } catch (RuntimeException e) {
            setup.close();
            throw e;
        }
    }

    @Override
    public BatonHttp client() {
        return setup.client(runtime.port());
    }

    @Override
    public void close() {
        runtime.close();
        setup.close();
    }
}
