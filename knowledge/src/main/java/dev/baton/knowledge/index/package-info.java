/** The on-disk Lucene index: text normalisation, analyzers, document fields, the hash manifest and atomic per-file updates. */
package dev.baton.knowledge.index;
