/**
 * The archive scenarios: recording a stream to disk as it is published, and replaying a finished recording, on
 * Nano-Stream's archive and on Aeron Archive 1.47.4, with the same driver, threading and channel settings.
 *
 * <pre>
 *   ArchiveScenarios ─┬─ NanoArchiveShapes,  NanoMergeShape,  NanoPersistLatency      ours
 *                     ├─ AeronArchiveShapes, AeronMergeShape                          Aeron Archive
 *                     └─ ChroniclePersistLatency                                      Chronicle Queue
 *   each shape: publish ─▶ record to segment files ─▶ replay (or merge into live), timed by the bench's rounds
 * </pre>
 */
package io.nanostream.bench.archive;
