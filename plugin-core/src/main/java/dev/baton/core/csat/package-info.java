/**
 * Customer satisfaction (CSAT) after an episode with a person: when to ask, what to ask in the customer's language,
 * and how a reply is read as a 1–5 rating. Channel-neutral: channels render the request and report taps as
 * ratings through the channel SPI.
 */
package dev.baton.core.csat;
