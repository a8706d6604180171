package dev.baton.knowledge.embed;

import ai.djl.util.Ec2Utils;
import ai.djl.util.Utils;
import dev.langchain4j.model.embedding.EmbeddingModel;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loading the in-process model makes no call home: DJL's {@code Ec2Utils.callHome}, run when the tokenizer is
 * created, returns at once when {@code Utils.isOfflineMode()} or {@code OPT_OUT_TRACKING} says so, and otherwise
 * records the time of its check-in before it asks 169.254.169.254.
 */
class DjlOfflineTest {

    @Test
    void should_keep_djl_from_calling_home_when_a_model_loads() throws Exception {
        // as in a JVM started without the build's system properties (a bench, an embedding host)
        System.clearProperty(DjlOffline.OFFLINE);
        System.clearProperty(DjlOffline.OPT_OUT_TRACKING);

        EmbeddingModel model = InProcessEmbeddings.bgeSmallZhQuantized(1); // a fresh load creates a tokenizer

        assertThat(model.embed("你好").content().vector()).hasSize(512);
        assertThat(Utils.isOfflineMode()).as("DJL offline").isTrue();
        assertThat(Boolean.parseBoolean(Utils.getEnvOrSystemProperty(DjlOffline.OPT_OUT_TRACKING)))
                .as("DJL tracking opt-out").isTrue();
        assertThat(lastCheckIn()).as("DJL's last call home").isZero();
    }

    private static long lastCheckIn() throws ReflectiveOperationException {
        Field f = Ec2Utils.class.getDeclaredField("lastCheckIn");
        f.setAccessible(true);
        return f.getLong(null);
    }
}
