package dev.baton.whatsapp.webhook;

import java.util.List;

/**
 * One webhook delivery as Meta documents it: {@code object} → {@code entry[]} → {@code changes[]} → {@code value}
 * with {@code messages}, {@code statuses} and {@code errors}. Only the fields Baton reads are modelled; the reader
 * ignores the rest. Every list may be absent.
 *
 * @see <a href="https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components">Webhook components</a>
 */
record Delivery(String object, List<Entry> entry) {

    static final String WHATSAPP_BUSINESS_ACCOUNT = "whatsapp_business_account";

    List<Entry> entries() {
        return entry == null ? List.of() : entry;
    }

    record Entry(String id, List<Change> changes) {
        List<Change> all() {
            return changes == null ? List.of() : changes;
        }
    }

    record Change(String field, Value value) {
    }

    record Value(String messagingProduct, Metadata metadata, List<Contact> contacts, List<Message> messages,
                 List<Status> statuses, List<Error> errors) {
        List<Contact> allContacts() {
            return contacts == null ? List.of() : contacts;
        }

        List<Message> allMessages() {
            return messages == null ? List.of() : messages;
        }

        List<Status> allStatuses() {
            return statuses == null ? List.of() : statuses;
        }

        List<Error> allErrors() {
            return errors == null ? List.of() : errors;
        }
    }

    record Metadata(String displayPhoneNumber, String phoneNumberId) {
    }

    /** The sender's profile, matched to a message by {@code wa_id}. */
    record Contact(Profile profile, String waId) {
    }

    record Profile(String name) {
    }

    record Message(String from, String id, String timestamp, String type, Text text, Media image, Media audio,
                   Media video, Media document, Media sticker, Location location, List<SharedContact> contacts,
                   Reaction reaction, Interactive interactive, QuickReply button, UnsupportedInfo unsupported,
                   List<Error> errors) {
    }

    record Text(String body) {
    }

    record Media(String id, String mimeType, String sha256, String caption, String filename, Boolean voice,
                 Boolean animated) {
    }

    record Location(Double latitude, Double longitude, String name, String address, String url) {
    }

    /** A contact card the customer shared. */
    record SharedContact(ContactName name, List<Phone> phones, List<Email> emails) {
    }

    record ContactName(String formattedName, String firstName, String lastName) {
    }

    record Phone(String phone, String waId, String type) {
    }

    record Email(String email, String type) {
    }

    record Reaction(String messageId, String emoji) {
    }

    /** {@code type} is {@code button_reply} or {@code list_reply} (others, such as flows, are unsupported). */
    record Interactive(String type, Reply buttonReply, Reply listReply) {
    }

    record Reply(String id, String title, String description) {
    }

    /** A template's quick-reply button: {@code payload} as set when sending, {@code text} as shown. */
    record QuickReply(String payload, String text) {
    }

    record UnsupportedInfo(String type) {
    }

    /** {@code biz_opaque_callback_data}: echoed as set on the send request (Baton's outbox reference). */
    record Status(String id, String status, String timestamp, String recipientId, List<Error> errors,
                  String bizOpaqueCallbackData) {
    }

    record Error(Integer code, String title, String message, ErrorData errorData) {
        String codeString() {
            return code == null ? "unknown" : code.toString();
        }
    }

    record ErrorData(String details) {
    }
}
