package dev.baton.core.lookup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/** Binds {@code lookups:} entries from YAML the way the app's config loader does (kebab-case, strict). */
final class LookupYaml {

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private LookupYaml() {
    }

    /** The entries of a YAML list of look-ups. */
    static List<LookupConfig> list(String yaml) {
        try {
            return Arrays.asList(YAML.readValue(yaml, LookupConfig[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LookupConfig one(String yaml) {
        return list(yaml).get(0);
    }
}
