/**
 * Authenticated UDP channels ({@code auth=<key name>}): the driver's key file ({@link
 * io.nanostream.driver.auth.KeyRing}), reloaded when it changes so that keys rotate without stopping streams, and the
 * signing and checking of each datagram ({@link io.nanostream.driver.auth.DatagramAuthenticator}) with HMAC-SHA256 in
 * an {@link io.nanostream.driver.wire.AuthHeader}. Used by the sender and receiver; depends on the wire package only.
 *
 * <pre>
 *   key file ──(reloaded on change)──▶ KeyRing ─ AuthKeys: name → generations of HmacKey
 *   sender:   datagram ─▶ DatagramAuthenticator.sign   ─▶ AuthHeader + HMAC-SHA256 (Hmac) ─▶ socket
 *   receiver: socket   ─▶ DatagramAuthenticator.verify ─▶ key by name and generation, time within the replay window
 * </pre>
 */
package io.nanostream.driver.auth;
