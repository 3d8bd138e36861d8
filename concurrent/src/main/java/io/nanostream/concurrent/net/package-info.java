/**
 * UDP sockets made through the FFM {@code Linker}, for the driver's batched datagram path: many datagrams per
 * {@code sendmmsg}/{@code recvmmsg} call. Opt-in: nothing here is linked unless native access is enabled.
 */
package io.nanostream.concurrent.net;
