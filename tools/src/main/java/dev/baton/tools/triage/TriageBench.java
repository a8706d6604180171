package dev.baton.tools.triage;

import dev.baton.core.triage.Triage;
import dev.baton.core.triage.TriageConfig;
import dev.baton.knowledge.embed.InProcessEmbeddings;
import dev.baton.core.triage.TriageInput;
import dev.baton.core.triage.TriageOverrides;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Triage latency harness (not a unit test): scripted conversations in Chinese and English, each turn analysed with
 * the customer's earlier messages as history, as the engine does. Prints p50 / p90 / p99 / max in milliseconds after
 * a warm-up. Args: {@code [rounds] [tuned|tuned2|library|paired|paired-en] [embedding|classifier|lexicon]
 * [--suite | --cases FILE.jsonl]} (default 20, tuned, embedding; {@code --suite}: the agent bench's 50 scripted
 * conversations; {@code --cases}: each {@code text} of an eval cases file as a message of its own): {@code tuned} is
 * {@link InProcessEmbeddings#bgeSmallZhQuantized()} (single-threaded ONNX session), {@code tuned2} the same with two threads per call (still not spinning), {@code library} LangChain4j's
 * {@code BgeSmallZhV15QuantizedEmbeddingModel} with its default session, {@code paired} both in one process, turn by
 * turn (the fair comparison on a shared machine). English sentiment is scored as the app does by default (the words
 * classifier, and bge-small-en for the messages it is unsure of), or as the third argument says
 * ({@code triage.english-sentiment}); {@code paired-en} runs the tuned model with the words classifier alone and as
 * the default, turn by turn.
 */
public final class TriageBench {

    private static final List<List<String>> CONVERSATIONS = List.of(
            List.of("你好", "我的订单三天了还没发货", "订单号是 20240511", "怎么还没发货啊", "你们太慢了，转人工"),
            List.of("在吗", "我想换绑手机号", "原来的号码不用了", "要怎么操作", "好的谢谢"),
            List.of("hi", "where is my package", "it was supposed to arrive yesterday", "where is my package??",
                    "this is ridiculous, let me talk to a person"),
            List.of("hello", "I was charged twice for the same order", "can you refund one of them",
                    "the bank says it is your fault", "I want to file a complaint"),
            List.of("请问营业时间", "周末营业吗", "门店地址在哪", "可以停车吗", "谢谢，很有帮助"),
            List.of("my card was declined", "I tried three different cards", "still not working",
                    "I don't need a human, just tell me what is wrong", "ok thanks"));

    /** Triage with the defaults and {@code triage.english-sentiment: mode}, with the English model if it needs it. */
    private static Triage triage(String englishSentiment, EmbeddingModel model) {
        TriageConfig cfg = TriageConfig.defaults().with(new TriageOverrides(null, null, null, null, null, null, null,
                englishSentiment));
        return new Triage(cfg, model, cfg.needsEnglishModel() ? InProcessEmbeddings.bgeSmallEnQuantized() : null);
    }

    private TriageBench() {
    }

    /** The conversations measured: the six above, the agent bench's 50 ({@code --suite}) or a cases file's texts. */
    private static List<List<String>> conversations = CONVERSATIONS;

    public static void main(String[] args) throws java.io.IOException {
        dev.baton.knowledge.embed.DjlOffline.apply(); // the library model's tokenizer would call home otherwise
        List<String> a = new ArrayList<>(List.of(args));
        if (a.remove("--suite")) {
            conversations = suite();
        }
        int cases = a.indexOf("--cases");
        if (cases >= 0) {
            conversations = jsonl(java.nio.file.Files.readString(java.nio.file.Path.of(a.get(cases + 1))), "text");
            a.subList(cases, cases + 2).clear();
        }
        args = a.toArray(String[]::new);
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String which = args.length > 1 ? args[1] : "tuned";
        if (which.equals("paired")) {
            paired(rounds, "tuned", new Triage(TriageConfig.defaults(), InProcessEmbeddings.bgeSmallZhQuantized()),
                    "library", new Triage(TriageConfig.defaults(), new BgeSmallZhV15QuantizedEmbeddingModel()));
            return;
        }
        if (which.equals("paired-en")) {
            paired(rounds, "classifier", triage("classifier", InProcessEmbeddings.bgeSmallZhQuantized()),
                    "embedding", triage("embedding", InProcessEmbeddings.bgeSmallZhQuantized()));
            return;
        }
        String english = args.length > 2 ? args[2] : "embedding";
        EmbeddingModel model = switch (which) {
            case "tuned" -> InProcessEmbeddings.bgeSmallZhQuantized();
            case "tuned2" -> InProcessEmbeddings.bgeSmallZhQuantized(2); // 2 intra-op threads, still no spinning
            case "library" -> new BgeSmallZhV15QuantizedEmbeddingModel();
            default -> throw new IllegalArgumentException("model: tuned|library, not " + which);
        };
        System.out.println("model: " + which + ", English sentiment: " + english);
        long t0 = System.nanoTime();
        Triage triage = triage(english, model);
        System.out.printf("construction (examples embedded): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        run(triage, 3); // warm-up
        List<Long> micros = run(triage, rounds);
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("triage.analyze: turns %d, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, cores %d%n",
                sorted.length, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1] / 1000.0,
                Runtime.getRuntime().availableProcessors());
        // triage without the model: 10 rounds (300 texts, within the 512-text cache) twice, the second all hits
        run(triage, 10);
        List<Long> hits = run(triage, 10);
        long[] h = hits.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("triage.analyze, embeddings cached (triage's own work): p50 %.3f ms, p99 %.3f ms%n",
                pct(h, 50), pct(h, 99));
        // the model alone, same texts: what triage adds on top of its one embedding
        List<Long> embed = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (List<String> conv : conversations) {
                for (String text : conv) {
                    long t = System.nanoTime();
                    model.embed(text + " e" + r);
                    embed.add((System.nanoTime() - t) / 1000);
                }
            }
        }
        long[] e = embed.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("model.embed only: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", pct(e, 50),
                pct(e, 90), pct(e, 99), e[e.length - 1] / 1000.0);
    }

    /**
     * Both models in one process, each turn analysed by both, in alternating order: the two see the same machine
     * load, so the comparison holds on a busy box where separate runs minutes apart do not.
     */
    private static void paired(int rounds, String tunedName, Triage tuned, String libraryName, Triage library) {
        List<Long> t = new ArrayList<>();
        List<Long> l = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) { // pass 0 warms up
            t.clear();
            l.clear();
            int turn = 0;
            for (int r = 0; r < rounds; r++) {
                for (List<String> conv : conversations) {
                    for (int i = 0; i < conv.size(); i++) {
                        String suffix = " " + pass + "." + r;
                        String text = conv.get(i) + suffix;
                        List<String> earlier = new ArrayList<>();
                        for (int j = 0; j < i; j++) {
                            earlier.add(conv.get(j) + suffix);
                        }
                        boolean tunedFirst = turn++ % 2 == 0;
                        for (int k = 0; k < 2; k++) {
                            boolean useTuned = tunedFirst == (k == 0);
                            long t0 = System.nanoTime();
                            (useTuned ? tuned : library).analyze(new TriageInput(text, earlier, null));
                            (useTuned ? t : l).add((System.nanoTime() - t0) / 1000);
                        }
                    }
                }
            }
        }
        for (var e : List.of(java.util.Map.entry(tunedName, t), java.util.Map.entry(libraryName, l))) {
            long[] sorted = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("paired %-8s triage.analyze: turns %d, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    e.getKey(), sorted.length, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                    sorted[sorted.length - 1] / 1000.0);
        }
    }

    /** The customer turns of the agent bench's scripted suite ({@code agent/bench/conversations.jsonl}). */
    private static List<List<String>> suite() throws java.io.IOException {
        try (var in = TriageBench.class.getResourceAsStream("/agent/bench/conversations.jsonl")) {
            return jsonl(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "turns");
        }
    }

    /** One conversation per JSON line: the strings of {@code field} (an array of turns, or one text). */
    private static List<List<String>> jsonl(String lines, String field) throws java.io.IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<List<String>> out = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (!line.isBlank()) {
                var node = json.readTree(line).path(field);
                List<String> turns = new ArrayList<>();
                if (node.isArray()) {
                    node.forEach(t -> turns.add(t.asText()));
                } else {
                    turns.add(node.asText());
                }
                out.add(turns);
            }
        }
        return out;
    }

    private static List<Long> run(Triage triage, int rounds) {
        List<Long> out = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (List<String> conv : conversations) {
                for (int i = 0; i < conv.size(); i++) {
                    // a new text per round so every turn pays its embedding, as in production
                    String text = conv.get(i) + (r == 0 ? "" : " " + r);
                    List<String> earlier = new ArrayList<>();
                    for (int j = 0; j < i; j++) {
                        earlier.add(conv.get(j) + (r == 0 ? "" : " " + r));
                    }
                    long t = System.nanoTime();
                    triage.analyze(new TriageInput(text, earlier, null));
                    out.add((System.nanoTime() - t) / 1000);
                }
            }
        }
        return out;
    }

    private static double pct(long[] sorted, double p) {
        int idx = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1000.0;
    }
}
