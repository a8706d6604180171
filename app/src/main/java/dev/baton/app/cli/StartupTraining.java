package dev.baton.app.cli;

import dev.baton.app.BatonRuntime;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import dev.baton.knowledge.embed.DjlOffline;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One throw-away start and stop of Baton, in a temporary folder on a free port of 127.0.0.1, so that the JVM can record
 * which classes start-up loads. The {@code baton} script runs it once per build with
 * {@code -XX:ArchiveClassesAtExit=app/target/baton.jsa}; every later {@code baton} command maps those classes from the
 * archive ({@code -XX:SharedArchiveFile}) instead of reading and verifying them from the jar, which takes about a third
 * off start-up's CPU (see docs/performance.md). It touches nothing outside its temporary folder and makes no network
 * call; it exits 0 on success.
 */
public final class StartupTraining {

    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        DjlOffline.apply();
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream())); // the commands' usage, not for the terminal
        try {
            Main.run("serve", "--help");
            Main.run("ask", "--help");
        } finally {
            System.setOut(out);
        }
        Path dir = Files.createTempDirectory("baton-training-");
        try {
            Path knowledge = Files.createDirectories(dir.resolve("knowledge"));
            Files.writeString(knowledge.resolve("faq.md"), "# 怎么退货？\n进入“我的订单”，点击“申请售后”。\n\n"
                    + "# How do I return an item?\nOpen My orders and choose Return.\n");
            String yaml = """
                    server: { port: 0, host: 127.0.0.1 }
                    storage: { url: "jdbc:h2:file:%1$s/baton" }
                    knowledge: { folder: "%1$s/knowledge", index-dir: "%1$s/index" }
                    inbox:
                      agents:
                        - { name: trainer, password: "%2$s", role: supervisor, groups: [support] }
                      groups:
                        - name: support
                          hours: { time-zone: Asia/Shanghai, open: ["mon-fri 09:00-18:00"] }
                    channels:
                      dev: { enabled: true }
                    """.formatted(dir.toString().replace('\\', '/'), Long.toHexString(System.nanoTime()));
            Path file = dir.resolve("baton.yaml");
            Files.writeString(file, yaml);
            BatonConfig config = new ConfigLoader(System::getenv).load(file);
            try (BatonRuntime rt = BatonRuntime.start(config)) {
                rt.knowledge().search("怎么退货", 3);
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
