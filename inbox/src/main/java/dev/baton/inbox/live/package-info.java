/** Live updates for open inbox pages: "something changed" events pushed over server-sent events. */
package dev.baton.inbox.live;
