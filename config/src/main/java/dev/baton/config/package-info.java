/** Loading {@code baton.yaml}: env interpolation, typed binding, and errors that name the key and the fix. */
package dev.baton.config;
