package dev.baton.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static org.assertj.core.api.Assertions.assertThat;

/** The logging configuration shipped in the jar (src/main/resources/logback.xml), loaded as the jar loads it. */
class LogbackConfigTest {

    @Test
    void should_keep_djls_gpu_probe_off_the_terminal_but_not_batons_own_lines() throws Exception {
        URL shipped = getClass().getResource("/logback.xml");
        assertThat(shipped).isNotNull();
        LoggerContext ctx = new LoggerContext();
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(ctx);
            configurator.doConfigure(shipped);

            // "WARN CudaUtils - Failed to detect GPU count…", twice from every command on a machine without a GPU
            assertThat(ctx.getLogger("ai.djl.util.cuda.CudaUtils").isWarnEnabled()).isFalse();
            assertThat(ctx.getLogger("ai.djl.util.cuda.CudaUtils").isErrorEnabled()).isTrue();
            assertThat(ctx.getLogger("ai.djl.huggingface.tokenizers.HuggingFaceTokenizer").isWarnEnabled()).isFalse();
            assertThat(ctx.getLogger("ai.djl.engine.Engine").isWarnEnabled()).isTrue();
            assertThat(ctx.getLogger("dev.baton.app.BatonRuntime").isInfoEnabled()).isTrue();
        } finally {
            ctx.stop();
        }
    }
}
