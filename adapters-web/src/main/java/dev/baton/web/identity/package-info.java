/**
 * Who a widget call speaks for: {@link dev.baton.web.identity.Visitor}, the signed tokens Baton issues
 * ({@link dev.baton.web.identity.VisitorTokens}) and the site's proof for a signed-in user
 * ({@link dev.baton.web.identity.UserHash}).
 */
package dev.baton.web.identity;
