/** A folder of documents becomes a hybrid (BM25 + dense) Lucene index with stable entry ids and citations. */
package dev.baton.knowledge;
