import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.baton.knowledge.eval.RetrievalEval;
import dev.baton.text.Texts;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Query-embedding latency of the shipped model, ONNX Runtime defaults vs one intra-op thread, measured interleaved
 * (query i with A then B, alternating the order) so both see the same machine load.
 * java -cp CP EmbedLatency cases.jsonl [rounds]
 */
public class EmbedLatency {
    public static void main(String[] args) throws Exception {
        List<String> qs = RetrievalEval.readCases(Path.of(args[0])).stream().map(RetrievalEval.Case::query).map(Texts::dense).toList();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        EmbeddingModel a = new dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(Integer.getInteger("threads", 1));
        byte[] onnx;
        try (var in = a.getClass().getResourceAsStream("/bge-small-zh-v1.5-q.onnx")) {
            onnx = in.readAllBytes();
        }
        OnnxBertBiEncoder enc = new OnnxBertBiEncoder(env, env.createSession(onnx, o),
                a.getClass().getResourceAsStream("/bge-small-zh-v1.5-q-tokenizer.json"), PoolingMode.CLS);
        EmbeddingModel b = new AbstractInProcessEmbeddingModel(null) {
            @Override
            protected OnnxBertBiEncoder model() {
                return enc;
            }
        };
        for (int i = 0; i < 300; i++) {
            a.embed(qs.get(i));
            b.embed(qs.get(i));
        }
        int total = qs.size() * rounds;
        long[] ta = new long[total], tb = new long[total];
        for (int i = 0; i < total; i++) {
            String q = qs.get(i % qs.size());
            boolean aFirst = i % 2 == 0;
            for (int k = 0; k < 2; k++) {
                boolean runA = aFirst == (k == 0);
                long t = System.nanoTime();
                (runA ? a : b).embed(q);
                (runA ? ta : tb)[i] = System.nanoTime() - t;
            }
        }
        Arrays.sort(ta);
        Arrays.sort(tb);
        System.out.printf("langchain4j default session: p50 %.2f ms p90 %.2f ms p99 %.2f ms%n", ta[total / 2] / 1e6, ta[total * 9 / 10] / 1e6, ta[total * 99 / 100] / 1e6);
        System.out.printf("intra-op threads = -Dthreads (1):     p50 %.2f ms p90 %.2f ms p99 %.2f ms%n", tb[total / 2] / 1e6, tb[total * 9 / 10] / 1e6, tb[total * 99 / 100] / 1e6);
    }
}
