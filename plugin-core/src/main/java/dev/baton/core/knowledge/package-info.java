/** The knowledge seam as the engine sees it; the Lucene implementation lives in the knowledge module. */
package dev.baton.core.knowledge;
