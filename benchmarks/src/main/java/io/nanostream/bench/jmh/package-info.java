/**
 * JMH microbenchmarks of single operations, run with the JMH runner rather than {@code bench}.
 *
 * <pre>
 *   JMH runner ─▶ CommandQueueBenchmark   offer/poll of the driver's command queues
 *              ─▶ FlagScanBenchmark       the multi-producer availability scan (SWAR)
 *              ─▶ RingSingleThreadBenchmark claim-publish-read on one thread
 *              ─▶ HugePageLogBenchmark    appends to logs in small and huge pages
 * </pre>
 */
package io.nanostream.bench.jmh;
