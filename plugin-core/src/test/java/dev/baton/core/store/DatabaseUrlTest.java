package dev.baton.core.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUrlTest {

    @Test
    void should_give_h2_a_statement_cache_and_a_larger_page_cache_unless_the_url_sets_them() {
        assertThat(Database.tuned("jdbc:h2:file:./data/baton"))
                .isEqualTo("jdbc:h2:file:./data/baton;QUERY_CACHE_SIZE=128;CACHE_SIZE=65536");
        assertThat(Database.tuned("jdbc:h2:file:./data/baton;cache_size=8192"))
                .isEqualTo("jdbc:h2:file:./data/baton;cache_size=8192;QUERY_CACHE_SIZE=128");
        assertThat(Database.tuned("jdbc:h2:mem:x;QUERY_CACHE_SIZE=16"))
                .isEqualTo("jdbc:h2:mem:x;QUERY_CACHE_SIZE=16;CACHE_SIZE=65536");
    }

    @Test
    void should_leave_other_databases_alone() {
        assertThat(Database.tuned("jdbc:postgresql://db/baton")).isEqualTo("jdbc:postgresql://db/baton");
    }
}
