/**
 * Embedding models: the in-process ONNX models shipped in LangChain4j's Maven jars (Chinese and English), loaded
 * lazily and cached per text, with DJL's network telemetry and model downloads switched off. Nothing is fetched from
 * a model hub at run time.
 */
package dev.baton.knowledge.embed;
