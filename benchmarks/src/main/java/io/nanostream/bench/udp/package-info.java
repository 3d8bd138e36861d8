/** UDP scenarios on loopback: Nano-Stream and Aeron drivers, throughput and round trips ({@code UdpScenarios}). */
package io.nanostream.bench.udp;
