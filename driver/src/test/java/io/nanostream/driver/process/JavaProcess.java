package io.nanostream.driver.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JVM started by a test, running one of this package's mains with the test's class path; read line by line. */
public final class JavaProcess implements AutoCloseable
{
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();

    private JavaProcess(final Process process)
    {
        this.process = process;
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = in.readLine()) != null)
                {
                    synchronized (all)
                    {
                        all.add(line);
                    }
                    lines.add(line);
                }
            }
            catch (final IOException ex)
            {
                lines.add("EOF " + ex);
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a JVM running a main class.
     *
     * @param main the class.
     * @param args its arguments.
     * @return the process.
     */
    public static JavaProcess start(final Class<?> main, final String... args)
    {
        return start(List.of(), main, args);
    }

    /**
     * Starts a JVM with extra JVM options running a main class.
     *
     * @param jvmOptions options before the class, e.g. the flags Agrona needs.
     * @param main       the class.
     * @param args       its arguments.
     * @return the process.
     */
    public static JavaProcess start(final List<String> jvmOptions, final Class<?> main, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        try
        {
            return new JavaProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot start " + command, ex);
        }
    }

    /**
     * Waits for a line that starts with a prefix.
     *
     * @param prefix  the prefix.
     * @param seconds how long to wait.
     * @return the line.
     * @throws AssertionError with everything the process printed, if it does not come.
     */
    public String await(final String prefix, final long seconds) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline)
        {
            final String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix))
            {
                return line;
            }
        }
        throw new AssertionError("no line starting '" + prefix + "' within " + seconds + " s; the process printed:\n" +
            output());
    }

    /**
     * The process id.
     *
     * @return the pid.
     */
    public long pid()
    {
        return process.pid();
    }

    /**
     * Everything the process printed so far.
     *
     * @return the output.
     */
    public String output()
    {
        synchronized (all)
        {
            return String.join("\n", all);
        }
    }

    /** Kills the process with SIGKILL, as {@code kill -9} does, and waits for it to die. */
    public void kill9() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * Waits for the process to exit.
     *
     * @param seconds how long.
     * @return its exit code.
     */
    public int waitFor(final long seconds) throws InterruptedException
    {
        if (!process.waitFor(seconds, TimeUnit.SECONDS))
        {
            throw new AssertionError("process did not exit within " + seconds + " s; it printed:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException
    {
        if (process.isAlive())
        {
            kill9();
        }
    }
}
