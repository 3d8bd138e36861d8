package io.nanostream.natives.affinity;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadPlacementTest
{
    @Test
    void findsANamedThreadOfThisProcessWithItsAllowedCpus() throws Exception
    {
        final CountDownLatch done = new CountDownLatch(1);
        final Thread thread = Thread.ofPlatform().name("placement-test-thread-with-a-long-name").start(() ->
        {
            try
            {
                done.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        });
        try
        {
            final ThreadPlacement placement = ThreadPlacement.ofThisProcess(thread.getName());
            final String processAllowed = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow().split(":")[1];

            assertThat(placement).isNotNull();
            assertThat(placement.name()).isEqualTo("placement-test-");
            assertThat(placement.allowed()).isEqualTo(CpuSet.parse(processAllowed));
            assertThat(placement.allowed().contains(placement.lastCpu())).isTrue();
        }
        finally
        {
            done.countDown();
            thread.join();
        }
        assertThat(ThreadPlacement.ofThisProcess("no-such-thread")).isNull();
    }

    @Test
    void lastCpuIsField39EvenWhenTheNameHasSpacesAndParentheses()
    {
        final StringBuilder stat = new StringBuilder("1234 (a (b) c) S");
        for (int field = 4; field <= 52; field++)
        {
            stat.append(' ').append(field == 39 ? 7 : field);
        }
        assertThat(ThreadPlacement.lastCpu(stat.toString())).isEqualTo(7);
    }
}
