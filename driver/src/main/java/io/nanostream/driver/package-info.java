/**
 * The media driver's API: launch one embedded or standalone, configure it, pick its threads.
 *
 * <pre>
 *   DriverContext (DriverProperties, checked by conclude()) ──▶ MediaDriver.launch
 *   MediaDriver: the control file, the directory, and three agents on ThreadingMode's threads:
 *       conductor.DriverConductor   clients' commands, IPC, housekeeping
 *       udp.Sender                  UDP publications out
 *       udp.Receiver                UDP images in
 * </pre>
 */
package io.nanostream.driver;
