package dev.baton.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads a JSON-lines file into records; a bad line fails the whole read, naming the file and the line. */
final class Jsonl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Jsonl() {
    }

    static <T> List<T> read(Path file, Function<JsonNode, T> parse) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file");
        }
        List<T> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = JSON.readTree(line);
                    if (n == null || !n.isObject()) {
                        throw new IllegalArgumentException("not a JSON object");
                    }
                    out.add(parse.apply(n));
                } catch (IOException | IllegalArgumentException e) {
                    String why = e instanceof IOException ? "not valid JSON" : e.getMessage();
                    throw new IllegalArgumentException(file + " line " + no + ": " + why);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no cases");
        }
        return out;
    }
}
