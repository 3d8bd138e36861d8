/**
 * UDP sockets made through the FFM {@code Linker}, for the driver's batched datagram path: many datagrams per
 * {@code sendmmsg}/{@code recvmmsg} call. Opt-in: nothing here is linked unless native access is enabled.
 *
 * <pre>
 *   NativeUdpSocket ── SocketHandle (fd) ── SocketCalls (downcalls: socket, bind, sendmmsg, recvmmsg, setsockopt)
 *        │  stage(i, memory, offset, length) ... sendStaged(n)      MessageVector: mmsghdr[] + iovec[] + addresses
 *        │  receive(max) ──▶ ReceivedDatagrams (lengths, sources, GRO segment lengths)
 *        └─ options(): UdpSocketOptions (buffers, UDP_SEGMENT, UDP_GRO)         Errno: what a failure was
 * </pre>
 */
package io.nanostream.natives.net;
