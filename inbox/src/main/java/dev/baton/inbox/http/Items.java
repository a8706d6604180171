package dev.baton.inbox.http;

import java.util.List;

/** A list answer: {@code {"items": [...]}}. */
record Items<T>(List<T> items) {
}
