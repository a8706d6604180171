package dev.baton.core.handoff.callback;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A contact in a plain message, and what is not one (an order number). */
class ContactDetailsTest {

    @Test
    void should_find_emails_and_phone_numbers_and_keep_the_rest_as_the_question() {
        assertThat(ContactDetails.find("我的邮箱 li.na@example.com.cn 退款没到")).isEqualTo(
                new ContactDetails.Found("li.na@example.com.cn", "退款没到"));
        assertThat(ContactDetails.find("13800138000").contact()).isEqualTo("13800138000");
        assertThat(ContactDetails.find("手机号是 138-0013-8000，快递丢了")).isEqualTo(
                new ContactDetails.Found("138-0013-8000", "快递丢了"));
        assertThat(ContactDetails.find("call me at +44 20 7946 0958").contact()).isEqualTo("+44 20 7946 0958");
        assertThat(ContactDetails.find("座机 010-6552 9988").contact()).isEqualTo("010-6552 9988");
        assertThat(ContactDetails.find("my phone is 5550123 thanks").contact()).isEqualTo("5550123");
    }

    @Test
    void should_not_take_an_order_number_or_a_short_number_for_a_phone() {
        assertThat(ContactDetails.find("订单号 88812345 还没发货").hasContact()).isFalse();
        assertThat(ContactDetails.find("order 2025112088 is late").hasContact()).isFalse();
        assertThat(ContactDetails.find("hello?")).isEqualTo(new ContactDetails.Found(null, "hello?"));
    }
}
