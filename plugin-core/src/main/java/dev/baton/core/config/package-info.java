/** Typed, immutable config records for the YAML, validated at start-up with errors that name the key and the fix. */
package dev.baton.core.config;
