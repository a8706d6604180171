package dev.baton.knowledge.embed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny BERT-shaped embedding model written by the test, so that the plumbing of an operator's model file
 * ({@link EmbeddingSource.OnnxFiles}) is tested without any real model: a WordPiece {@code tokenizer.json} over a
 * dozen words and an ONNX graph that looks each token's vector up in a table ({@code Gather}), with the inputs and the
 * output LangChain4j's {@code OnnxBertBiEncoder} feeds and reads ({@code input_ids}, {@code attention_mask},
 * {@code token_type_ids} as int64 [batch, seq]; {@code last_hidden_state} as float [batch, seq, dim]).
 *
 * <p>Python's {@code onnx} package is not available and protobuf is not on the class path, so the ModelProto is
 * encoded here by hand: a few lines of the protobuf wire format (varints and length-delimited fields), with the field
 * numbers of onnx.proto. This is test scaffolding only; Baton itself runs models with ONNX Runtime through LangChain4j.
 */
public final class TinyOnnxModel {

    /** The special tokens, ids 0-3. */
    private static final List<String> SPECIAL = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]");

    private final Map<String, float[]> words = new LinkedHashMap<>();
    private final int dim;

    /** A model of {@code dim} dimensions; [CLS]/[SEP] have a small shared vector, [UNK] and [PAD] none. */
    public TinyOnnxModel(int dim) {
        this.dim = dim;
    }

    /** Adds a word (lower case, no spaces) with its vector. */
    public TinyOnnxModel word(String word, float... vector) {
        if (vector.length != dim) {
            throw new IllegalArgumentException(word + ": " + vector.length + " values, expected " + dim);
        }
        words.put(word, vector.clone());
        return this;
    }

    /** A vector of {@code dim} zeros with {@code value} at {@code at}. */
    public float[] axis(int at, float value) {
        float[] v = new float[dim];
        v[at] = value;
        return v;
    }

    /** Writes {@code name.onnx} and {@code name-tokenizer.json} into {@code dir}; returns the two files. */
    public Path[] write(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path onnx = dir.resolve(name + ".onnx");
        Path tokenizer = dir.resolve(name + "-tokenizer.json");
        Files.write(onnx, onnx());
        Files.writeString(tokenizer, tokenizer());
        return new Path[] {onnx, tokenizer};
    }

    /** The vocabulary: the special tokens, then the words, in order. */
    private List<String> vocabulary() {
        List<String> vocab = new ArrayList<>(SPECIAL);
        vocab.addAll(words.keySet());
        return vocab;
    }

    String tokenizer() {
        StringBuilder vocab = new StringBuilder();
        List<String> v = vocabulary();
        for (int i = 0; i < v.size(); i++) {
            vocab.append(i == 0 ? "" : ",").append('"').append(v.get(i)).append("\":").append(i);
        }
        StringBuilder added = new StringBuilder();
        for (int i = 0; i < SPECIAL.size(); i++) {
            added.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"content\":\"")
                    .append(SPECIAL.get(i)).append("\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,"
                            + "\"normalized\":false,\"special\":true}");
        }
        return """
                {"version":"1.0","truncation":null,"padding":null,"added_tokens":[%s],
                 "normalizer":{"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true,
                   "strip_accents":null,"lowercase":true},
                 "pre_tokenizer":{"type":"BertPreTokenizer"},
                 "post_processor":{"type":"BertProcessing","sep":["[SEP]",3],"cls":["[CLS]",2]},
                 "decoder":{"type":"WordPiece","prefix":"##","cleanup":true},
                 "model":{"type":"WordPiece","unk_token":"[UNK]","continuing_subword_prefix":"##",
                   "max_input_chars_per_word":100,"vocab":{%s}}}
                """.formatted(added, vocab);
    }

    /** ModelProto: ir_version 7, opset 13, one Gather node from the table initializer. */
    byte[] onnx() {
        List<String> vocab = vocabulary();
        ByteBuffer table = ByteBuffer.allocate(vocab.size() * dim * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (String token : vocab) {
            float[] v = words.get(token);
            for (int d = 0; d < dim; d++) {
                float special = token.equals("[CLS]") || token.equals("[SEP]") ? (d == dim - 1 ? 0.05f : 0f) : 0f;
                table.putFloat(v != null ? v[d] : special);
            }
        }
        Proto tensor = new Proto().varint(1, vocab.size()).varint(1, dim).varint(2, 1) // dims, data_type FLOAT
                .string(8, "table").bytes(9, table.array());                         // name, raw_data
        Proto node = new Proto().string(1, "table").string(1, "input_ids").string(2, "last_hidden_state")
                .string(3, "lookup").string(4, "Gather").message(5, new Proto().string(1, "axis").varint(3, 0)
                        .varint(20, 2)); // AttributeProto: name, i, type INT
        Proto graph = new Proto().message(1, node).string(2, "tiny")
                .message(5, tensor)
                .message(11, valueInfo("input_ids", 7, "batch", "seq"))
                .message(11, valueInfo("attention_mask", 7, "batch", "seq"))
                .message(11, valueInfo("token_type_ids", 7, "batch", "seq"))
                .message(12, valueInfo("last_hidden_state", 1, "batch", "seq", dim));
        return new Proto().varint(1, 7).string(2, "baton-test").message(7, graph)
                .message(8, new Proto().string(1, "").varint(2, 13)).toBytes();
    }

    /** ValueInfoProto { name, type { tensor_type { elem_type, shape { dim* } } } }; a dim is a name or a size. */
    private static Proto valueInfo(String name, int elemType, Object... dims) {
        Proto shape = new Proto();
        for (Object d : dims) {
            shape.message(1, d instanceof Integer size ? new Proto().varint(1, size) : new Proto().string(2, (String) d));
        }
        Proto tensorType = new Proto().varint(1, elemType).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
    }

    /** The protobuf wire format, the three kinds of field the model needs. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            raw((long) field << 3);
            raw(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto value) {
            return bytes(field, value.toBytes());
        }

        Proto bytes(int field, byte[] value) {
            raw(((long) field << 3) | 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
