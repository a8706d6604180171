import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.baton.knowledge.eval.RetrievalEval;
import dev.baton.text.Texts;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.*;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.*;
import java.util.*;

/**
 * Tuning aid for late interaction: writes the last hidden state of every token (CLS and SEP included) of the FAQ
 * questions and the queries (dense form). Files: tok_{kb,q}_TAG.f32 (rows of 512 floats) and tok_{kb,q}_TAG.len
 * (token count per text, one per line).
 * java -cp CP TokenDump model.onnx tokenizer.json faq.csv cases.jsonl outDir tag
 */
public class TokenDump {
    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[4]));
        String tag = args[5];
        List<String> qs = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(Path.of(args[2]))) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                qs.add(rec.get("question"));
            }
        }
        List<String> queries = RetrievalEval.readCases(Path.of(args[3])).stream().map(RetrievalEval.Case::query).toList();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setIntraOpNumThreads(1);
        OrtSession session = env.createSession(args[0], so);
        HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(Path.of(args[1]), Map.of("maxLength", "128", "truncation", "true"));
        dump(env, session, tok, queries.stream().map(Texts::dense).toList(), out, "q_" + tag);
        dump(env, session, tok, qs.stream().map(Texts::dense).toList(), out, "kb_" + tag);
    }

    static void dump(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tok, List<String> texts, Path out, String name) throws Exception {
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out.resolve("tok_" + name + ".f32"))));
             PrintWriter lens = new PrintWriter(Files.newBufferedWriter(out.resolve("tok_" + name + ".len")))) {
            for (String t : texts) {
                Encoding e = tok.encode(t.isBlank() ? "-" : t);
                long[] ids = e.getIds();
                long[][] in = {ids}, mask = {e.getAttentionMask()}, types = {e.getTypeIds()};
                Map<String, OnnxTensor> inputs = new HashMap<>();
                inputs.put("input_ids", OnnxTensor.createTensor(env, in));
                inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, types));
                try (OrtSession.Result r = session.run(inputs)) {
                    float[][][] h = (float[][][]) r.get(0).getValue();
                    ByteBuffer bb = ByteBuffer.allocate(ids.length * 512 * 4).order(ByteOrder.LITTLE_ENDIAN);
                    for (float[] row : h[0]) for (float f : row) bb.putFloat(f);
                    o.write(bb.array());
                    lens.println(ids.length);
                }
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }
}
