package io.nanostream.driver.process;

import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;

import java.nio.file.Path;
import java.time.Duration;

/** A standalone driver for multi-process tests: {@code dir livenessMillis unblockMillis lingerMillis}; prints READY. */
public final class DriverMain
{
    private DriverMain()
    {
    }

    /**
     * Runs until killed.
     *
     * @param args directory, client liveness, unblock and linger timeouts in milliseconds.
     * @throws Exception never.
     */
    public static void main(final String[] args) throws Exception
    {
        final MediaDriver driver = MediaDriver.launch(new DriverContext()
            .directory(Path.of(args[0]))
            .clientLivenessTimeout(Duration.ofMillis(Long.parseLong(args[1])))
            .publicationUnblockTimeout(Duration.ofMillis(Long.parseLong(args[2])))
            .publicationLinger(Duration.ofMillis(Long.parseLong(args[3]))));
        Runtime.getRuntime().addShutdownHook(new Thread(driver::close));
        System.out.println("READY " + ProcessHandle.current().pid());
        Thread.sleep(Long.MAX_VALUE);
    }
}
