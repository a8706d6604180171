/** "Save as knowledge": Markdown drafts from human answers, reviewed and approved into the knowledge folder. */
package dev.baton.inbox.knowledge;
