package io.nanostream.bench;

import io.nanostream.bench.archive.ArchiveScenarios;
import io.nanostream.bench.ipc.IpcScenarios;
import io.nanostream.bench.ring.RingScenarios;
import io.nanostream.bench.udp.UdpScenarios;

import java.util.List;

/** Every transport's scenario catalog, in the order {@code nano-stream bench} runs them. */
public final class Catalogs
{
    private Catalogs()
    {
    }

    /**
     * All catalogs.
     *
     * @return ring, then ipc, then udp, then archive.
     */
    public static List<ScenarioCatalog> all()
    {
        return List.of(RingScenarios.catalog(), IpcScenarios.catalog(), UdpScenarios.catalog(), ArchiveScenarios.catalog());
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
