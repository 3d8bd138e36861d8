/**
 * The archive scenarios: recording a stream to disk as it is published, and replaying a finished recording, on
 * Nano-Stream's archive and on Aeron Archive 1.47.4, with the same driver, threading and channel settings.
 */
package io.nanostream.bench.archive;
