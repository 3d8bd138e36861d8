/**
 * Authenticated UDP channels ({@code auth=<key name>}): the driver's key file ({@link io.nanostream.driver.auth.KeyRing}),
 * reloaded when it changes so that keys rotate without stopping streams, and the signing and checking of each datagram
 * ({@link io.nanostream.driver.auth.DatagramAuthenticator}) with HMAC-SHA256 in an
 * {@link io.nanostream.driver.wire.AuthHeader}. Used by the sender and receiver; depends on the wire package only.
 */
package io.nanostream.driver.auth;
