package io.nanostream.archive;

import io.nanostream.client.Setting;

/**
 * The system properties an archive reads, one {@link Setting} each: its name beside its default and its parser.
 * {@link ArchiveContext} reads them once, when it is made. The archive's client side reads the client's
 * ({@code ClientProperties}).
 */
public final class ArchiveProperties
{
    /** Where the catalog and segment files go; unset: none, and the archive refuses to start until one is set. */
    public static final Setting<String> ARCHIVE_DIR = Setting.text("nanostream.archive.dir", null);

    private ArchiveProperties()
    {
    }
}
