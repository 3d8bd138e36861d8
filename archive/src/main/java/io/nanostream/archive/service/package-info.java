/**
 * The archive service's insides, all on its one thread; not exported.
 *
 * <pre>
 *   ArchiveConductor --requests--> ControlSession (answers)
 *        |    Recorder -----> RecordingSession --blocks--> Segments files   (ImageEvent from the client's thread)
 *        |    Replayer -----> ReplaySession   &lt;--frames--- Segments files   --offerBlock--> publication
 *        |    ReplicationSession: a remote archive's replay, recorded here
 *        +--> Catalog (CatalogLayout), RecordingRetention (truncate, delete, purge; refused while a replay reads there)
 *             RecordingRecovery, on start: each unfinished recording cut at its last whole frame
 * </pre>
 */
package io.nanostream.archive.service;
