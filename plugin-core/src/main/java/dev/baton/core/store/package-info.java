/** Repositories over JDBC and the Flyway migrations that run on H2 and PostgreSQL. */
package dev.baton.core.store;
