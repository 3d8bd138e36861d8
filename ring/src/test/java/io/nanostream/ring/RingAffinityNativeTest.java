package io.nanostream.ring;

import io.nanostream.natives.affinity.Affinity;
import io.nanostream.natives.affinity.AffinityThreadFactory;
import io.nanostream.natives.affinity.CpuSet;
import io.nanostream.natives.affinity.CpuTopology;
import io.nanostream.ring.graph.HandlerGraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With native access (the native-access execution): a ring's processors run where an AffinityThreadFactory puts them.
 */
class RingAffinityNativeTest
{
    @BeforeEach
    void requireNativeAccess()
    {
        assumeTrue(Boolean.getBoolean("nanostream.test.native"), "runs in the native-access execution");
        assertThat(Affinity.unavailableReason()).isNull();
    }

    @Test
    void eachHandlerThreadRunsOnItsCpu() throws Exception
    {
        final int last = CpuTopology.read().online().highest();
        final AffinityThreadFactory threads = new AffinityThreadFactory(List.of(CpuSet.of(last), CpuSet.of(0)),
            DaemonThreadFactory.INSTANCE);
        final HandlerGraph<LongEvent> graph = new HandlerGraph<>(LongEvent::new, 64, threads);
        final AtomicReference<CpuSet> first = new AtomicReference<>();
        final AtomicReference<CpuSet> second = new AtomicReference<>();
        final CountDownLatch seen = new CountDownLatch(2);
        graph.handleEventsWith((event, sequence, endOfBatch) ->
        {
            first.compareAndSet(null, Affinity.currentThreadCpus());
            seen.countDown();
        }).then((event, sequence, endOfBatch) ->
        {
            second.compareAndSet(null, Affinity.currentThreadCpus());
            seen.countDown();
        });
        final RingBuffer<LongEvent> ring = graph.start();
        try
        {
            ring.publishEvent((event, sequence) -> event.value = 1);
            assertThat(seen.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(first.get()).isEqualTo(CpuSet.of(last));
            assertThat(second.get()).isEqualTo(CpuSet.of(0));
            assertThat(threads.pinnedThreads()).isEqualTo(2);
        }
        finally
        {
            graph.halt();
        }
    }
}
