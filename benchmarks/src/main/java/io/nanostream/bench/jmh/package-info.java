/** JMH microbenchmarks of single operations, run with the JMH runner rather than {@code bench}. */
package io.nanostream.bench.jmh;
