/**
 * What a search returns: knowledge hits with their citation (title, file and section), the retrieval mode used and
 * the result of one query. The lowest package of the module: the index, the search and the base all speak it.
 */
package dev.baton.knowledge.result;
