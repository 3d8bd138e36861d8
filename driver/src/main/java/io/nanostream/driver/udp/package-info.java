/**
 * UDP: the sender and receiver threads and what they own.
 *
 * <pre>
 *   Sender (thread) ── NetworkPublication: log → datagrams; SM/NAK/RTTM in; FlowControl, RetransmitLinger
 *   Receiver (thread) ── ReceiveChannelEndpoint: datagrams → PublicationImage: log, LossDetector, SMs and NAKs out
 *   CommandQueue&lt;SenderCommand | ReceiverCommand | ConductorCommand&gt;: the only hand-offs between threads
 *   UdpChannel, UdpSockets: addresses and sockets (unicast, multicast)
 * </pre>
 */
package io.nanostream.driver.udp;
