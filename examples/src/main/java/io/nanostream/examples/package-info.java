/**
 * Runnable examples, one per README snippet.
 *
 * <pre>
 *   between threads      RingExample (one producer, a batch handler)
 *                        HandlerGraphExample (journal and replicate in parallel, then execute)
 *                        PollerExample (pull instead of push)
 *   between processes    IpcSubscriber + IpcPublisher (two JVMs, one media driver)
 *   in one process       EmbeddedDriverExample (a driver NanoStream.connect() finds)
 *                        ZeroCopyExample (tryClaim: write in place, then commit)
 *   between machines     UdpExample (two embedded drivers over loopback)
 * </pre>
 */
package io.nanostream.examples;
