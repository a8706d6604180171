/** {@code inbox:} in {@code baton.yaml}, typed and validated: the inbox kind, agents, groups, webhook, customers. */
package dev.baton.inbox.config;
