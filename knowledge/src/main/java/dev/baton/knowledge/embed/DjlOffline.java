package dev.baton.knowledge.embed;

/**
 * Keeps DJL, the tokenizer library under LangChain4j's in-process embeddings, from calling home.
 *
 * <p>Each time a tokenizer is created, DJL's {@code Ec2Utils.callHome} asks the cloud metadata address
 * (169.254.169.254) for the instance id and region and, on EC2, sends them with its version to a third-party
 * bucket. Baton makes no outbound call its operator did not configure, so this turns that off: DJL skips the call
 * when {@code ai.djl.offline} or {@code OPT_OUT_TRACKING} is true, read at the moment a tokenizer is created.
 * {@code ai.djl.offline} also keeps DJL from downloading native libraries: the tokenizer's own are in its jar.
 *
 * <p>Called before every model load ({@link InProcessEmbeddings}) and first thing in the command line, so the
 * server, every command, the tests and the benchmarks are covered. DJL reads its environment variables
 * ({@code DJL_OFFLINE}, {@code OPT_OUT_TRACKING}) before these properties: an environment that sets them to
 * {@code false} on purpose wins.
 */
public final class DjlOffline {

    /** DJL's offline switch (also its environment variable {@code DJL_OFFLINE}). */
    public static final String OFFLINE = "ai.djl.offline";
    /** DJL's usage-tracking opt-out (a system property or an environment variable of that name). */
    public static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";

    private DjlOffline() {
    }

    /** Sets both switches for this JVM. Idempotent and cheap. */
    public static void apply() {
        System.setProperty(OFFLINE, "true");
        System.setProperty(OPT_OUT_TRACKING, "true");
    }
}
