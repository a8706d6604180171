/** The desk's services, callable without HTTP: customer tier and tags, and the CRM lookup. */
package dev.baton.inbox.desk;
