package dev.baton.inbox.analytics;

import dev.baton.core.store.Database;
import dev.baton.core.testing.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same data set on a real PostgreSQL (embedded): the SQL the analytics read with (joins, the rating exclusion,
 * time bounds) gives the numbers it gives on H2.
 */
class DeskAnalyticsPostgresTest {

    private static EmbeddedPostgresDatabase pg;

    @BeforeAll
    static void open() throws IOException {
        pg = EmbeddedPostgresDatabase.start(2);
        new ShiftData(pg.db()).seed();
    }

    @AfterAll
    static void close() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void should_give_the_same_report_on_postgresql() {
        Database db = pg.db();
        assertThat(db.isPostgres()).isTrue();
        DeskReport r = DeskAnalyticsTest.analytics(db).report(new ReportQuery(ShiftData.FROM, ShiftData.TO,
                ZoneOffset.UTC, null, null, null, null));
        assertThat(r.overview().conversations()).isEqualTo(9);
        assertThat(r.overview().handoffs()).isEqualTo(5);
        assertThat(r.overview().containment().contained()).isEqualTo(3);
        assertThat(r.overview().containment().rate()).isEqualTo(0.333);
        assertThat(r.overview().firstResponse()).isEqualTo(new Analytics.Percentiles(240L, 1200L, 3));
        assertThat(r.overview().resolution()).isEqualTo(new Analytics.Percentiles(1740L, 3600L, 3));
        assertThat(r.overview().csat().average()).isEqualTo(3.67);
        assertThat(r.overview().csat().responseRate()).isEqualTo(0.75);
        assertThat(r.weekly()).extracting(DeskReport.PeriodRow::start)
                .containsExactly(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 9));
        assertThat(r.weekly()).extracting(DeskReport.PeriodRow::conversations).containsExactly(6L, 3L);
    }
}
