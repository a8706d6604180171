package dev.baton.core.handoff.routing;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessHoursTest {

    // 2025-01-06 is a Monday.
    private final BusinessHours shanghai = BusinessHours.of(new Hours("Asia/Shanghai",
            List.of("mon-fri 09:00-18:00", "sat 10:00-14:00"), List.of(LocalDate.parse("2025-01-08"))));

    @Test
    void should_be_open_inside_the_hours_in_the_groups_time_zone() {
        assertThat(shanghai.isOpen(Instant.parse("2025-01-06T01:00:00Z"))).isTrue();   // Mon 09:00 CST
        assertThat(shanghai.isOpen(Instant.parse("2025-01-06T00:59:59Z"))).isFalse();  // Mon 08:59
        assertThat(shanghai.isOpen(Instant.parse("2025-01-06T10:00:00Z"))).isFalse();  // Mon 18:00
        assertThat(shanghai.isOpen(Instant.parse("2025-01-11T03:00:00Z"))).isTrue();   // Sat 11:00
        assertThat(shanghai.isOpen(Instant.parse("2025-01-12T03:00:00Z"))).isFalse();  // Sun
    }

    @Test
    void should_be_closed_on_holidays_and_name_the_next_opening() {
        assertThat(shanghai.isOpen(Instant.parse("2025-01-08T03:00:00Z"))).isFalse();  // Wed, a holiday
        ZonedDateTime next = shanghai.nextOpening(Instant.parse("2025-01-07T12:00:00Z")).orElseThrow(); // Tue 20:00
        assertThat(next.getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
        assertThat(next.getHour()).isEqualTo(9);
    }

    @Test
    void should_handle_ranges_past_midnight() {
        BusinessHours night = BusinessHours.of(new Hours("UTC", List.of("fri 22:00-02:00"), List.of()));
        assertThat(night.isOpen(Instant.parse("2025-01-10T23:00:00Z"))).isTrue();  // Fri 23:00
        assertThat(night.isOpen(Instant.parse("2025-01-11T01:00:00Z"))).isTrue();  // Sat 01:00
        assertThat(night.isOpen(Instant.parse("2025-01-11T03:00:00Z"))).isFalse();
    }

    @Test
    void should_explain_a_bad_range() {
        assertThatThrownBy(() -> BusinessHours.parseRange("weekdays 9-5")).hasMessageContaining("days are mon");
        assertThatThrownBy(() -> BusinessHours.parseRange("mon 9-5")).hasMessageContaining("09:00-18:00");
        assertThat(BusinessHours.parseRange("sat-mon 10:00-24:00").days()).hasSize(3);
    }
}
