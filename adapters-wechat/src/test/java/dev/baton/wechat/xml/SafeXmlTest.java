package dev.baton.wechat.xml;

import dev.baton.wechat.Fixtures;
import dev.baton.wechat.xml.SafeXml.MalformedXmlException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A document declaring a DTD is refused whatever its encoding, and a plain WeChat message is read in any of them. */
class SafeXmlTest {

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "UTF-16LE", "UTF-16BE"})
    void should_refuse_a_dtd_in_any_encoding_with_a_byte_order_mark(String charset) {
        byte[] body = withBom(Fixtures.resource("wechat/xxe_file.xml"), charset);

        assertThatThrownBy(() -> SafeXml.read(body)).isInstanceOf(MalformedXmlException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE"})
    void should_refuse_an_internal_entity_declared_in_utf16(String charset) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE xml [ <!ENTITY x 'expanded'> ]>\n"
                + "<xml><FromUserName>o1</FromUserName><Content>&x;</Content></xml>";

        assertThatThrownBy(() -> SafeXml.read(withBom(xml, charset))).isInstanceOf(MalformedXmlException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "UTF-16LE", "UTF-16BE"})
    void should_read_a_message_without_dtd_in_any_encoding_with_a_byte_order_mark(String charset) throws Exception {
        byte[] body = withBom(Fixtures.resource("wechat/text.xml"), charset);

        assertThat(SafeXml.text(SafeXml.read(body), "Content")).contains("退货要多久？");
    }

    /** The text in {@code charset} behind its byte order mark (U+FEFF). */
    static byte[] withBom(String xml, String charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("\uFEFF" + xml).getBytes(Charset.forName(charset)));
        return out.toByteArray();
    }
}
