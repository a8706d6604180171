import dev.baton.knowledge.eval.RetrievalEval;
import dev.baton.text.Texts;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tuning aid: embeds the FAQ questions and the queries (dense form) with any BERT-style ONNX model file, CLS pooling,
 * for offline comparison in encoder_lab.py. Modes:
 * <pre>
 * java -cp CP ModelDump model.onnx tokenizer.json faq.csv cases.jsonl outDir TAG              kb_TAG + q_TAG (+ embed latency)
 * java -cp CP ModelDump model.onnx tokenizer.json faq.csv cases.jsonl outDir TAG --prefix P   q_TAG only, P + query
 * java -cp CP ModelDump model.onnx tokenizer.json faq.csv cases.jsonl outDir TAG --drop       q_TAG0..3: query with the char
 *                                                                                          at 1/5..4/5 of its length removed
 * </pre>
 */
public class ModelDump {
    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[4]));
        String tag = args[5];
        String mode = args.length > 6 ? args[6] : "";
        List<String> qs = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(Path.of(args[2]))) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                qs.add(rec.get("question"));
            }
        }
        List<String> queries = RetrievalEval.readCases(Path.of(args[3])).stream().map(RetrievalEval.Case::query).map(Texts::dense).toList();
        EmbeddingModel model = new OnnxEmbeddingModel(Path.of(args[0]), Path.of(args[1]), PoolingMode.CLS);
        switch (mode) {
            case "--prefix" -> EmbeddingDump.write(model, queries.stream().map(q -> args[7] + q).toList(), out.resolve("q_" + tag + ".f32"));
            case "--drop" -> {
                for (int j = 0; j < 4; j++) {
                    int part = j + 1;
                    EmbeddingDump.write(model, queries.stream().map(q -> dropChar(q, part)).toList(), out.resolve("q_" + tag + j + ".f32"));
                }
            }
            default -> {
                EmbeddingDump.write(model, queries, out.resolve("q_" + tag + ".f32"));
                EmbeddingDump.write(model, qs.stream().map(Texts::dense).toList(), out.resolve("kb_" + tag + ".f32"));
                long[] ts = new long[300]; // single-text latency, as at query time (noisy on a shared machine)
                for (int i = 0; i < ts.length; i++) {
                    long t = System.nanoTime();
                    model.embed(queries.get(i));
                    ts[i] = System.nanoTime() - t;
                }
                Arrays.sort(ts);
                System.out.printf("%s single query embed: p50 %.2f ms, p99 %.2f ms%n", tag, ts[150] / 1e6, ts[296] / 1e6);
            }
        }
    }

    /** The query without the character at part/5 of its length (queries shorter than 4 characters are kept). */
    static String dropChar(String s, int part) {
        if (s.length() < 4) {
            return s;
        }
        int p = Math.min(s.length() - 1, (int) Math.round(s.length() * part / 5.0));
        return s.substring(0, p) + s.substring(p + 1);
    }
}
