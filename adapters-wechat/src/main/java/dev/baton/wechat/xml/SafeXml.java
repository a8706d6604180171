package dev.baton.wechat.xml;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * The one place that reads WeChat XML. A document declaring a DTD is refused outright, whatever its encoding: the
 * StAX parser itself (which decodes UTF-8, UTF-16 with or without a byte order mark, and the encoding the XML
 * declaration names) reports the DOCTYPE, so a byte pattern in one encoding cannot hide it. DTDs and external
 * entities are also disabled on the factory, so an XXE payload can neither read a file nor make a request. Values
 * are read as text (WeChat's 64-bit ids never pass through a double).
 */
public final class SafeXml {

    private static final XMLInputFactory INPUT = inputFactory();
    private static final XmlMapper MAPPER = create();

    private SafeXml() {
    }

    private static XMLInputFactory inputFactory() {
        XMLInputFactory input = XMLInputFactory.newFactory();
        input.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        input.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        input.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        input.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external resources are not allowed: " + systemId);
        });
        return input;
    }

    private static XmlMapper create() {
        XmlMapper mapper = new XmlMapper(XmlFactory.builder().xmlInputFactory(INPUT).build());
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

    /**
     * WeChat never sends a DTD; any document declaring one is refused before it is read. The prolog is read by the
     * parser, up to the root element, so the check sees the DOCTYPE after decoding, in whatever encoding it came.
     */
    private static boolean declaresDtd(byte[] xml) throws MalformedXmlException {
        XMLStreamReader reader = null;
        try {
            reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(xml));
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_DECLARATION) {
                    return true;
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return false;
                }
            }
            return false;
        } catch (XMLStreamException | RuntimeException e) {
            throw new MalformedXmlException("malformed XML");
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException e) {
                    // nothing held open: the input is a byte array
                }
            }
        }
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
