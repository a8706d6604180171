/** The {@code channels.web} block: records with their defaults and their validation; depends on nothing else here. */
package dev.baton.web.config;
