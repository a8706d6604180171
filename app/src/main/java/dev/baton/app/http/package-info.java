/** The Javalin server: webhook routes for each channel adapter, the dev channel API, health and metrics. */
package dev.baton.app.http;
