/** Handoff: the policy that decides, the ticket that tells the human everything, the inbox SPI and routing. */
package dev.baton.core.handoff;
