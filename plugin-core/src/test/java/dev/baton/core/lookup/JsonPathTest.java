package dev.baton.core.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonPathTest {

    private static final JsonNode ORDER = read("""
            {"status": "shipped", "items": [{"name": "milk"}, {"name": "bread"}], "status text": "已发货",
             "a/b": 1, "nested": {"eta": "12-05"}}""");

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void should_read_members_indexes_and_quoted_names() {
        assertThat(JsonPath.parse("$.status").read(ORDER).asText()).isEqualTo("shipped");
        assertThat(JsonPath.parse("$.items[1].name").read(ORDER).asText()).isEqualTo("bread");
        assertThat(JsonPath.parse("$['status text']").read(ORDER).asText()).isEqualTo("已发货");
        assertThat(JsonPath.parse("$.nested.eta").read(ORDER).asText()).isEqualTo("12-05");
        assertThat(JsonPath.parse("$['a/b']").read(ORDER).asInt()).isEqualTo(1);
        assertThat(JsonPath.parse("$").read(ORDER)).isEqualTo(ORDER);
    }

    @Test
    void should_read_a_missing_node_when_the_answer_lacks_the_path() {
        assertThat(JsonPath.parse("$.carrier").read(ORDER).isMissingNode()).isTrue();
        assertThat(JsonPath.parse("$.items[5].name").read(ORDER).isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "$..status", "$.items[*]", "$.items[?(@.x)]", "$.", "$[x]", "$.items[0"})
    void should_refuse_what_the_subset_does_not_support_and_say_what_is(String path) {
        assertThatThrownBy(() -> JsonPath.parse(path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a supported JSON path").hasMessageContaining("$.items[0].name");
    }
}
