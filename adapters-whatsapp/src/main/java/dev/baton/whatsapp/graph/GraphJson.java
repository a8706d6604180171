package dev.baton.whatsapp.graph;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The single Jackson configuration for Graph JSON (webhook deliveries and API responses): snake_case names, and a
 * tolerant reader, because Meta adds fields without notice and a new field must never turn a delivery into a 400.
 */
public final class GraphJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .build();

    private GraphJson() {
    }

    /** Shared and thread-safe; never reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
