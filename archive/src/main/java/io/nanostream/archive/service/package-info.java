/**
 * The archive service's insides, all on its one thread; not exported.
 *
 * <pre>
 *   ArchiveConductor --requests--> ControlSession (answers)
 *        |                 +-----> RecordingSession --blocks--> Segments files   (ImageEvent from the client's thread)
 *        |                 +-----> ReplaySession   &lt;--frames--- Segments files   --offerBlock--> publication
 *        +--> Catalog (CatalogLayout)        RecordingRecovery, on start: each unfinished recording cut at its last whole frame
 * </pre>
 */
package io.nanostream.archive.service;
