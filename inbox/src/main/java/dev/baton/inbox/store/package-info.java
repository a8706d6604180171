/**
 * The inbox's own tables as repositories: canned replies and internal notes. JDBC only (no rules, no HTTP); the
 * services in {@code desk} decide who may do what, the routes in {@code http} never write SQL.
 */
package dev.baton.inbox.store;
