package io.nanostream.driver;

import io.nanostream.buffer.BroadcastDescriptor;
import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.buffer.MappedFile;
import io.nanostream.buffer.MessageRing;
import io.nanostream.buffer.MessageRingDescriptor;
import io.nanostream.client.protocol.ControlFile;
import io.nanostream.client.protocol.DriverProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A driver takes only what is a driver's: a directory that is not one, a symbolic link, a foreign control
 * file or a driver that is alive (even if silent) make it refuse and touch nothing; it deletes only the
 * files drivers make.
 */
class DriverDirectoryTest
{
    @TempDir
    Path root;

    private static List<String> tree(final Path directory) throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            return paths.map(path -> directory.relativize(path).toString()).sorted().toList();
        }
    }

    private static MediaDriver launch(final Path directory)
    {
        return MediaDriver.launch(new DriverContext().directory(directory).threadingMode(ThreadingMode.INVOKER));
    }

    /** Leaves a control file as a driver that started at a time, with a process id, and last heartbeated at a time. */
    private static void controlFileOf(final Path directory, final long pid, final long startMillis,
        final long heartbeatMillis) throws IOException
    {
        controlFileOf(directory, new DriverProcess(pid, startMillis, DriverProcess.currentPidNamespace()),
            heartbeatMillis);
    }

    private static void controlFileOf(final Path directory, final DriverProcess process,
        final long heartbeatMillis) throws IOException
    {
        Files.createDirectories(directory.resolve(ControlFile.PUBLICATIONS_DIRECTORY));
        final int ring = 1024 + MessageRingDescriptor.TRAILER_LENGTH;
        final int broadcast = 1024 + BroadcastDescriptor.TRAILER_LENGTH;
        try (MappedFile file = MappedFile.create(directory.resolve(ControlFile.FILE_NAME),
            ControlFile.length(ring, broadcast, CountersDescriptor.METADATA_LENGTH, CountersDescriptor.VALUE_LENGTH,
            1024)))
        {
            final ControlFile control = new ControlFile(file.buffer());
            control.initialise(ring, broadcast, CountersDescriptor.METADATA_LENGTH, CountersDescriptor.VALUE_LENGTH,
                1024, 1, process);
            new MessageRing(control.commandRing()).consumerHeartbeat(heartbeatMillis);
            control.markReady();
        }
    }

    @Test
    void aDirectoryThatIsNotADriversIsRefusedAndLeftExactlyAsItWas() throws IOException
    {
        final Path project = root.resolve("myproject");
        Files.createDirectories(project.resolve("src"));
        Files.writeString(project.resolve("notes.txt"), "precious");
        Files.writeString(project.resolve("src").resolve("Main.java"), "class Main {}");
        final List<String> before = tree(project);

        assertThatThrownBy(() -> launch(project)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(project.toString()).hasMessageContaining("not a driver's").hasMessageContaining("Nothing in it was touched");

        assertThat(tree(project)).isEqualTo(before);
        assertThat(Files.readString(project.resolve("notes.txt"))).isEqualTo("precious");
    }

    @Test
    void aSymbolicLinkIsRefused() throws IOException
    {
        final Path real = Files.createDirectories(root.resolve("real"));
        Files.writeString(real.resolve("keep.txt"), "x");
        final Path link = Files.createSymbolicLink(root.resolve("link"), real);

        assertThatThrownBy(() -> launch(link)).hasMessageContaining("symbolic link");
        assertThat(tree(real)).containsExactly("", "keep.txt");
    }

    @Test
    void anEmptyDirectoryIsUsedAndKeptAndANewOneIsMadeAndRemoved() throws IOException
    {
        final Path empty = Files.createDirectories(root.resolve("empty"));
        launch(empty).close();
        assertThat(empty).as("the user's directory stays").isEmptyDirectory();

        final Path fresh = root.resolve("fresh");
        launch(fresh).close();
        assertThat(fresh).as("made by the driver, removed by it").doesNotExist();
    }

    @Test
    void aDeadDriversDirectoryIsTakenOverAndOnlyDriverFilesAreDeleted() throws IOException
    {
        final Path dir = root.resolve("dead");
        controlFileOf(dir, Long.MAX_VALUE, 1_000, 1_000); // no such process; heartbeat long ago
        Files.writeString(dir.resolve(ControlFile.PUBLICATIONS_DIRECTORY).resolve("42.logbuffer"), "old log");
        Files.writeString(dir.resolve(ControlFile.PUBLICATIONS_DIRECTORY).resolve("readme.txt"), "someone's note");
        Files.writeString(dir.resolve("operator-notes.txt"), "keep me");

        try (MediaDriver driver = launch(dir))
        {
            assertThat(dir.resolve(ControlFile.PUBLICATIONS_DIRECTORY).resolve("42.logbuffer")).doesNotExist();
            assertThat(dir.resolve("operator-notes.txt")).exists();
        }
        assertThat(tree(dir)).containsExactly("", "operator-notes.txt", ControlFile.PUBLICATIONS_DIRECTORY,
            ControlFile.PUBLICATIONS_DIRECTORY + "/readme.txt");
        assertThat(Files.readString(dir.resolve("operator-notes.txt"), StandardCharsets.UTF_8)).isEqualTo("keep me");
    }

    @Test
    void aSilentDriverWhoseProcessIsAliveIsNotTakenOver() throws IOException
    {
        final Path dir = root.resolve("stalled");
        final long now = System.currentTimeMillis();
        controlFileOf(dir, ProcessHandle.current().pid(), now,
            now - 60_000); // this process: alive, but silent for a minute

        assertThatThrownBy(() -> launch(dir)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("already running").hasMessageContaining("process is alive").hasMessageContaining("kill");
        assertThat(dir.resolve(ControlFile.FILE_NAME)).exists();
    }

    @Test
    void aDriverKilledAMomentAgoIsTakenOverAsSoonAsItsProcessIsGone() throws Exception
    {
        final Path dir = root.resolve("killed");
        final Process gone = new ProcessBuilder("true").start();
        gone.waitFor(); // exited and reaped: its pid names no process now
        final long now = System.currentTimeMillis();
        controlFileOf(dir, gone.pid(), now - 2_000, now - 50); // heartbeated 50 ms ago, then kill -9

        launch(dir).close();
    }

    @Test
    void aFreshHeartbeatFromAnotherPidNamespaceIsNotTakenOver() throws IOException
    {
        final Path dir = root.resolve("container");
        final long now = System.currentTimeMillis();
        // a driver in another container: its pid means nothing here, and its heartbeat says it lives
        controlFileOf(dir, new DriverProcess(Long.MAX_VALUE, now, DriverProcess.currentPidNamespace() + 1), now);

        assertThatThrownBy(() -> launch(dir)).isInstanceOf(IllegalStateException.class).hasMessageContaining("already running");
        assertThat(dir.resolve(ControlFile.FILE_NAME)).exists();
    }

    @Test
    void aReusedProcessIdDoesNotKeepADeadDriversDirectory() throws IOException
    {
        final Path dir = root.resolve("reused");
        final long processStart = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
        controlFileOf(dir, ProcessHandle.current().pid(), processStart - 3_600_000,
            processStart - 3_600_000); // a driver an hour older

        launch(dir).close();
    }

    @Test
    void aForeignControlFileIsRefusedAndKept() throws IOException
    {
        final Path dir = Files.createDirectories(root.resolve("foreign"));
        final byte[] elf = new byte[4096];
        elf[0] = 0x7F;
        elf[1] = 'E';
        Files.write(dir.resolve(ControlFile.FILE_NAME), elf);

        assertThatThrownBy(() -> launch(dir)).hasMessageContaining("not a Nano-Stream driver's");
        assertThat(Files.readAllBytes(dir.resolve(ControlFile.FILE_NAME))).isEqualTo(elf);
    }
}
