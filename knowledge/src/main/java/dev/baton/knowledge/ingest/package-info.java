/** Turns the files of a knowledge folder (Markdown, text, HTML, PDF, DOCX, CSV/XLSX FAQ tables) into knowledge entries. */
package dev.baton.knowledge.ingest;
