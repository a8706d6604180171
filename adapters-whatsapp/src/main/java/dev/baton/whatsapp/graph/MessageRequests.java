package dev.baton.whatsapp.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Builds the JSON bodies of the messages endpoint. Shapes follow Meta's reference for text, interactive reply
 * buttons, lists, templates, and mark-as-read.
 *
 * @see <a href="https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-reply-buttons-messages">
 * Interactive reply buttons</a>
 * @see <a href="https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-list-messages">
 * Interactive list messages</a>
 * @see <a href="https://developers.facebook.com/docs/whatsapp/cloud-api/guides/mark-message-as-read">Mark as read</a>
 */
public final class MessageRequests {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One reply button: {@code id} comes back in the webhook when tapped, {@code title} is what the user sees. */
    public record ReplyButton(String id, String title) {
    }

    private MessageRequests() {
    }

    public static ObjectNode text(String to, String body) {
        ObjectNode root = envelope(to, "text");
        root.putObject("text").put("preview_url", false).put("body", body);
        return root;
    }

    public static ObjectNode replyButtons(String to, String body, List<ReplyButton> buttons) {
        ObjectNode root = envelope(to, "interactive");
        ObjectNode interactive = root.putObject("interactive");
        interactive.put("type", "button");
        interactive.putObject("body").put("text", body);
        ArrayNode array = interactive.putObject("action").putArray("buttons");
        for (ReplyButton b : buttons) {
            ObjectNode button = array.addObject();
            button.put("type", "reply");
            button.putObject("reply").put("id", b.id()).put("title", b.title());
        }
        return root;
    }

    /** One row of a list message: {@code id} comes back in {@code list_reply.id} when chosen. */
    public record ListRow(String id, String title) {
    }

    /** An interactive list with one section: {@code button} opens it, each row is one choice. */
    public static ObjectNode list(String to, String body, String button, List<ListRow> rows) {
        ObjectNode root = envelope(to, "interactive");
        ObjectNode interactive = root.putObject("interactive");
        interactive.put("type", "list");
        interactive.putObject("body").put("text", body);
        ObjectNode action = interactive.putObject("action");
        action.put("button", button);
        ArrayNode array = action.putArray("sections").addObject().putArray("rows");
        for (ListRow r : rows) {
            array.addObject().put("id", r.id()).put("title", r.title());
        }
        return root;
    }

    public static ObjectNode template(String to, String name, String languageCode, List<String> bodyParameters) {
        ObjectNode root = envelope(to, "template");
        ObjectNode template = root.putObject("template");
        template.put("name", name);
        template.putObject("language").put("code", languageCode);
        if (bodyParameters != null && !bodyParameters.isEmpty()) {
            ObjectNode body = template.putArray("components").addObject();
            body.put("type", "body");
            ArrayNode params = body.putArray("parameters");
            for (String p : bodyParameters) {
                params.addObject().put("type", "text").put("text", p);
            }
        }
        return root;
    }

    public static ObjectNode markAsRead(String messageId) {
        ObjectNode root = NODES.objectNode();
        root.put("messaging_product", "whatsapp");
        root.put("status", "read");
        root.put("message_id", messageId);
        return root;
    }

    private static ObjectNode envelope(String to, String type) {
        ObjectNode root = NODES.objectNode();
        root.put("messaging_product", "whatsapp");
        root.put("recipient_type", "individual");
        root.put("to", to);
        root.put("type", type);
        return root;
    }
}
