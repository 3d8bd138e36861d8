/**
 * UDP scenarios on loopback: Nano-Stream and Aeron drivers, throughput and round trips ({@code UdpScenarios}).
 *
 * <pre>
 *   publisher ─▶ driver (sender) ─ loopback UDP ─▶ driver (receiver) ─▶ subscriber      udp-32, udp-loss-*
 *   pinger    ─▶ ... ─▶ ponger ─▶ ... ─▶ pinger                                         udp-pingpong
 *   each for nano, nano-batch (sendmmsg/recvmmsg) and aeron, in the same JVM or separate ones
 * </pre>
 */
package io.nanostream.bench.udp;
