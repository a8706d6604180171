package dev.baton.whatsapp.send;

import dev.baton.core.channel.OutboundMessage.Button;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplyButtonsTest {

    @Test
    void should_accept_three_unique_short_buttons() {
        assertThatCode(() -> ReplyButtons.validate(List.of(new Button("a", "Yes"), new Button("b", "No"),
                new Button("c", "转人工")))).doesNotThrowAnyException();
    }

    @Test
    void should_reject_when_there_are_more_than_three_buttons() {
        assertThatThrownBy(() -> ReplyButtons.validate(List.of(new Button("a", "1"), new Button("b", "2"),
                new Button("c", "3"), new Button("d", "4"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 3 buttons, got 4");
    }

    @Test
    void should_reject_when_a_title_is_longer_than_20_characters() {
        assertThatThrownBy(() -> ReplyButtons.validate(List.of(new Button("a", "Talk to a human agent now"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Talk to a human agent now' has 25 characters")
                .hasMessageContaining("at most 20");
    }

    @Test
    void should_count_code_points_when_a_title_has_emoji() {
        // 20 emoji = 40 UTF-16 chars but 20 characters for WhatsApp
        String twenty = "\uD83D\uDC4D".repeat(20);
        assertThatCode(() -> ReplyButtons.validate(List.of(new Button("a", twenty)))).doesNotThrowAnyException();
    }

    @Test
    void should_reject_when_titles_or_ids_repeat() {
        assertThatThrownBy(() -> ReplyButtons.validate(List.of(new Button("a", "Yes"), new Button("b", "Yes"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate title 'Yes'");
        assertThatThrownBy(() -> ReplyButtons.validate(List.of(new Button("a", "Yes"), new Button("a", "No"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate id 'a'");
    }

    @Test
    void should_reject_when_a_title_or_id_is_blank_or_the_list_is_empty() {
        assertThatThrownBy(() -> ReplyButtons.validate(List.of(new Button("a", " "))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-blank title");
        assertThatThrownBy(() -> ReplyButtons.validate(List.of(new Button("", "Yes"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-blank id");
        assertThatThrownBy(() -> ReplyButtons.validate(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    }
}
