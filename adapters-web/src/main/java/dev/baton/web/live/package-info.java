/** Live delivery: the sender that wakes a visitor's open streams, the wake-ups, and the bound on open streams. */
package dev.baton.web.live;
