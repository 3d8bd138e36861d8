package io.nanostream.bench.ipc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The other process of a two-process shape: this JVM's java and class path, plus given flags; waits for READY. */
final class ChildJvm implements AutoCloseable
{
    private volatile boolean closing;
    private final Process process;

    ChildJvm(final List<String> jvmArgs, final Class<?> main, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        try
        {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
            final StringBuilder seen = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY"))
            {
                seen.append(line).append('\n');
            }
            if (line == null)
            {
                throw new IllegalStateException(main.getSimpleName() + " did not start:\n" + seen);
            }
            final Thread drain = new Thread(() ->
            {
                try
                {
                    String rest;
                    while ((rest = out.readLine()) != null)
                    {
                        if (rest.startsWith("BAD") || rest.startsWith("benchmark client failed"))
                        {
                            System.err.println(main.getSimpleName() + ": " + rest);
                        }
                    }
                }
                catch (final IOException ignored)
                {
                    // the child went away
                }
                if (!closing)
                {
                    // this JVM's shape waits for the child's answers, which will never
                    // come: end the run with the reason
                    System.err.println("benchmark child " + main.getSimpleName() + " ended while in use" +
                        exitStatus());
                    System.err.flush();
                    Runtime.getRuntime().halt(FailFastClients.EXIT_STATUS);
                }
            });
            drain.setDaemon(true);
            drain.start();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot start " + command, ex);
        }
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    private String exitStatus()
    {
        try
        {
            return process.waitFor(1, TimeUnit.SECONDS) ? " (exit status " + process.exitValue() + ")" : "";
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException
    {
        closing = true;
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
        }
    }
}
