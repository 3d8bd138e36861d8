/**
 * Loss injection, for tests and demonstrations: which datagrams a socket pretends it never saw.
 *
 * <pre>
 *   LossGenerator ─┬─ NONE
 *                  ├─ RandomLoss   a rate, a seed, frame types
 *                  └─ GapLoss      chosen term offsets, once each
 * </pre>
 */
package io.nanostream.driver.faults;
