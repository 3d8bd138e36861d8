package io.nanostream.bench;

import io.nanostream.bench.archive.ArchiveScenarios;
import io.nanostream.bench.ipc.IpcScenarios;
import io.nanostream.bench.ring.RingScenarios;
import io.nanostream.bench.udp.UdpScenarios;

import java.util.List;

/**
 * Every transport's scenario catalog, in the order {@code nano-stream bench} runs them, and one more named by class if
 * asked ({@code --catalog}, for the bench's own tests; passed to the scenario JVMs as {@value #EXTRA_CATALOG}).
 */
public final class Catalogs
{
    /** The system property of a scenario JVM that names an extra catalog class. */
    public static final String EXTRA_CATALOG = "nanostream.bench.catalog";

    private Catalogs()
    {
    }

    /**
     * All catalogs, with the extra one a scenario JVM was given.
     *
     * @return ring, then ipc, then udp, then archive (then the extra one).
     */
    public static List<ScenarioCatalog> all()
    {
        return all(System.getProperty(EXTRA_CATALOG));
    }

    /**
     * All catalogs, with an extra one.
     *
     * @param extraClass the class of an extra catalog (with a static {@code catalog()} method), or null.
     * @return ring, then ipc, then udp, then archive, then the extra one.
     */
    public static List<ScenarioCatalog> all(final String extraClass)
    {
        final List<ScenarioCatalog> all = new java.util.ArrayList<>(
            List.of(RingScenarios.catalog(), IpcScenarios.catalog(), UdpScenarios.catalog(),
            ArchiveScenarios.catalog()));
        if (extraClass != null && !extraClass.isBlank())
        {
            try
            {
                all.add((ScenarioCatalog)Class.forName(extraClass).getMethod("catalog").invoke(null));
            }
            catch (final ReflectiveOperationException | ClassCastException ex)
            {
                throw new IllegalArgumentException("--catalog " + extraClass +
                    " is not a ScenarioCatalog class with a static catalog()", ex);
            }
        }
        return List.copyOf(all);
    }

    /**
     * The catalog that has a scenario.
     *
     * @param scenario the scenario's name.
     * @return its catalog.
     */
    public static ScenarioCatalog forScenario(final String scenario)
    {
        return all().stream().filter(c -> c.scenarios().contains(scenario)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + scenario + "'"));
    }
}
