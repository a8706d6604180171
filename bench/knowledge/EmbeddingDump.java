import com.github.houbb.opencc4j.util.ZhConverterUtil;
import dev.baton.knowledge.*;
import dev.baton.knowledge.eval.RetrievalEval;
import dev.baton.text.Texts;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.*;
import java.nio.file.*;
import java.text.Normalizer;
import java.util.*;
import java.util.function.Function;

/**
 * Tuning aid: writes embeddings of the FAQ questions and the queries under several normalisations, and the BM25
 * top-200 per query, for offline analysis (bench/knowledge/fusion_lab.py).
 * java -cp CP EmbeddingDump faq.csv cases.jsonl indexDir outDir
 */
public class EmbeddingDump {
    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[3]));
        List<String> ids = new ArrayList<>(), qs = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]))) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                ids.add(rec.get("id"));
                qs.add(rec.get("question"));
            }
        }
        List<RetrievalEval.Case> cases = RetrievalEval.readCases(Path.of(args[1]));
        List<String> queries = cases.stream().map(RetrievalEval.Case::query).toList();
        Files.write(out.resolve("ids.txt"), ids);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("expected.txt")))) {
            for (var c : cases) w.println(String.join(" ", c.expected()));
        }
        Map<String, Function<String, String>> variants = new LinkedHashMap<>();
        variants.put("raw", s -> s);
        variants.put("t2s", s -> ZhConverterUtil.toSimple(Normalizer.normalize(s, Normalizer.Form.NFKC)));
        variants.put("dense", Texts::dense);
        EmbeddingModel model = KnowledgeBase.defaultEmbeddingModel();
        for (var v : variants.entrySet()) {
            if (!Files.exists(out.resolve("kb_" + v.getKey() + ".f32"))) write(model, qs.stream().map(v.getValue()).toList(), out.resolve("kb_" + v.getKey() + ".f32"));
            write(model, queries.stream().map(v.getValue()).toList(), out.resolve("q_" + v.getKey() + ".f32"));
            System.out.println("embedded " + v.getKey());
        }
        var cfg = new KnowledgeConfig(Path.of(args[0]).getParent(), Path.of(args[2]), false, 0.8, java.time.Duration.ofMillis(300));
        try (KnowledgeBase kb = KnowledgeBase.open(cfg, model); PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("bm25.tsv")))) {
            kb.sync();
            for (String q : queries) {
                StringBuilder sb = new StringBuilder();
                for (KnowledgeHit h : kb.search(q, 200, RetrievalMode.BM25).hits()) sb.append(h.id()).append(':').append((float) h.fusedScore()).append(' ');
                w.println(sb.toString().strip());
            }
        }
    }

    static void write(EmbeddingModel model, List<String> texts, Path file) throws IOException {
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            for (int i = 0; i < texts.size(); i += 256) {
                var batch = texts.subList(i, Math.min(texts.size(), i + 256)).stream().map(t -> TextSegment.from(t.isBlank() ? "-" : t)).toList();
                for (var e : model.embedAll(batch).content()) {
                    java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(e.vector().length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    for (float f : e.vector()) bb.putFloat(f);
                    o.write(bb.array());
                }
            }
        }
    }
}
