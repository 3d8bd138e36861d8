package io.nanostream.buffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappedFileTest
{
    @TempDir
    Path dir;

    @Test
    void aFileLargerThanTheFreeSpaceIsRefusedWithTheFiguresAndNothingIsCreated() throws IOException
    {
        final long free = Files.getFileStore(dir).getUsableSpace();
        final Path path = dir.resolve("too-big");
        assertThatThrownBy(() -> MappedFile.createPreallocated(path, free +
            (1L << 30))).isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining("needs " + (free + (1L << 30)) + " bytes").hasMessageContaining("free");
        assertThatThrownBy(() -> MappedFile.create(path, free + (1L << 30))).isInstanceOf(UncheckedIOException.class);
        assertThat(path).doesNotExist();
    }

    @Test
    void anAllocatedFileIsZeroAndReportsProgressWhileItIsWritten()
    {
        final AtomicInteger progress = new AtomicInteger();
        final long length = 3 * MappedFile.PROGRESS_BYTES + 4096;
        try (MappedFile file = MappedFile.createPreallocated(dir.resolve("log"), length, progress::incrementAndGet))
        {
            assertThat(progress.get()).isEqualTo(3);
            assertThat(file.buffer().capacity()).isEqualTo(length);
            assertThat(file.buffer().getLong(length - 8)).isZero();
            file.buffer().putLong(length - 8, 42);
            assertThat(file.buffer().getLong(length - 8)).isEqualTo(42);
        }
        assertThat(dir.resolve("log")).hasSize(length);
    }
}
