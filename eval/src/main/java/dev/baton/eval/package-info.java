/**
 * {@code baton eval conversations} and {@code baton eval abstain}: play scripted customers against an in-process
 * Baton over its public HTTP surface (the dev channel and the inbox REST API) and score what they get back.
 */
package dev.baton.eval;
