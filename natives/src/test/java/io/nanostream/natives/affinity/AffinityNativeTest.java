package io.nanostream.natives.affinity;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** With native access (the native-access execution): pins are applied, and the kernel reports them back. */
class AffinityNativeTest
{
    @BeforeEach
    void requireNativeAccess()
    {
        assumeTrue(Boolean.getBoolean("nanostream.test.native"), "runs in the native-access execution");
        assertThat(Affinity.unavailableReason()).isNull();
    }

    @Test
    void pinsAnotherThreadByItsKernelIdAndTheKernelReportsIt() throws Exception
    {
        final int first = CpuTopology.read().online().stream().findFirst().orElseThrow();
        final CountDownLatch done = new CountDownLatch(1);
        final Thread thread = Thread.ofPlatform().name("affinity-other").start(() ->
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
            ThreadPlacement placement = null;
            for (int i = 0; i < 100 && placement == null; i++)
            {
                placement = ThreadPlacement.ofThisProcess("affinity-other");
            }
            assertThat(placement).isNotNull();
            Affinity.pinThread((int)placement.tid(), CpuSet.of(first));
            assertThat(ThreadPlacement.ofThisProcess("affinity-other").allowed()).isEqualTo(CpuSet.of(first));
            assertThatThrownBy(() -> Affinity.pinThread(Integer.MAX_VALUE, CpuSet.of(first)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ESRCH");
        }
        finally
        {
            done.countDown();
            thread.join();
        }
    }

    @Test
    void pinsTheCallingThreadAndTheKernelReportsIt() throws Exception
    {
        final CpuSet online = CpuTopology.read().online();
        final int last = online.highest();
        final AtomicReference<Object> seen = new AtomicReference<>();
        final CountDownLatch pinned = new CountDownLatch(1);
        final CountDownLatch read = new CountDownLatch(1);
        final Thread thread = Thread.ofPlatform().name("affinity-native-test").start(() ->
        {
            try
            {
                Affinity.pinCurrentThread(CpuSet.of(last));
                seen.set(Affinity.currentThreadCpus());
                pinned.countDown();
                read.await();
            }
            catch (final Throwable ex)
            {
                seen.set(ex);
                pinned.countDown();
            }
        });
        pinned.await();
        try
        {
            assertThat(seen.get()).isEqualTo(CpuSet.of(last));
            final ThreadPlacement placement = ThreadPlacement.ofThisProcess("affinity-native-test");
            assertThat(placement.allowed()).isEqualTo(CpuSet.of(last));
            assertThat(placement.lastCpu()).isEqualTo(last);
        }
        finally
        {
            read.countDown();
            thread.join();
        }
    }

    @Test
    void theKernelsRefusalIsAnExceptionThatSaysWhy()
    {
        final int offline = CpuSet.MAX_CPU;
        assertThatThrownBy(() -> Affinity.pinCurrentThread(CpuSet.of(offline))).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("errno 22");
    }

    @Test
    void aFactorysThreadsPinThemselvesInTurn() throws Exception
    {
        final CpuSet online = CpuTopology.read().online();
        final List<CpuSet> placements = online.stream().mapToObj(CpuSet::of).toList();
        final AffinityThreadFactory factory = new AffinityThreadFactory(placements, Thread.ofPlatform()::unstarted);
        for (final CpuSet expected : placements)
        {
            final AtomicReference<CpuSet> seen = new AtomicReference<>();
            final Thread thread = factory.newThread(() -> seen.set(Affinity.currentThreadCpus()));
            thread.start();
            thread.join();
            assertThat(seen.get()).isEqualTo(expected);
        }
        assertThat(factory.pinnedThreads()).isEqualTo(placements.size());
        assertThat(factory.status()).startsWith("on: " + placements.size() + " of " + placements.size() +
            " threads pinned");
    }
}
