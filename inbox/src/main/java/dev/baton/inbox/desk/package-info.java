/**
 * The desk's services, callable without HTTP: what agents do with tickets and conversations ({@link
 * dev.baton.inbox.desk.TicketDesk}) under the rules of who may take and work on what ({@link
 * dev.baton.inbox.desk.WorkRules}), the queue, team and conversation views, customer tier and tags, agent tokens and
 * the CRM lookup. A refused request is a {@link dev.baton.inbox.desk.Refusal} that says why.
 */
package dev.baton.inbox.desk;
