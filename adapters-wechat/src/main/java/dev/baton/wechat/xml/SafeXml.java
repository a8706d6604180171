package dev.baton.wechat.xml;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;

import javax.xml.stream.XMLInputFactory;
import java.io.IOException;
import java.util.Optional;

/**
 * The one place that reads WeChat XML. A document declaring a DTD is refused outright, and DTDs and external
 * entities are also disabled on the StAX factory, so an XXE payload can neither read a file nor make a request. Values are read as text
 * (WeChat's 64-bit ids never pass through a double).
 */
public final class SafeXml {

    private static final XmlMapper MAPPER = create();

    private SafeXml() {
    }

    private static XmlMapper create() {
        XMLInputFactory input = XMLInputFactory.newFactory();
        input.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        input.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        input.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        input.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new javax.xml.stream.XMLStreamException("external resources are not allowed: " + systemId);
        });
        XmlMapper mapper = new XmlMapper(XmlFactory.builder().xmlInputFactory(input).build());
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }

    /** Parses a document into a tree of text values. */
    public static JsonNode read(byte[] xml) throws MalformedXmlException {
        if (xml == null || xml.length == 0) {
            throw new MalformedXmlException("empty body");
        }
        if (declaresDtd(xml)) {
            throw new MalformedXmlException("DTDs are not allowed");
        }
        try {
            JsonNode node = MAPPER.readTree(xml);
            if (node == null || !node.isObject()) {
                throw new MalformedXmlException("not an XML element with children");
            }
            return node;
        } catch (IOException | RuntimeException e) {
            throw new MalformedXmlException("malformed XML");
        }
    }

    /** WeChat never sends a DTD; any document declaring one is refused before parsing (defence in depth). */
    private static boolean declaresDtd(byte[] xml) {
        String head = new String(xml, java.nio.charset.StandardCharsets.UTF_8).toUpperCase(java.util.Locale.ROOT);
        return head.contains("<!DOCTYPE") || head.contains("<!ENTITY");
    }

    public static JsonNode read(String xml) throws MalformedXmlException {
        return read(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A child's text, or empty when absent or blank. */
    public static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return Optional.empty();
        }
        String s = v.asText();
        return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    /** Wraps text in CDATA, splitting any {@code ]]>} it contains. */
    public static String cdata(String text) {
        return "<![CDATA[" + (text == null ? "" : text.replace("]]>", "]]]]><![CDATA[>")) + "]]>";
    }

    /** The body could not be read as XML (or contained a DTD). */
    public static final class MalformedXmlException extends Exception {
        public MalformedXmlException(String message) {
            super(message);
        }
    }
}
