package io.nanostream.ring;

import io.nanostream.ring.graph.HandlerGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many producers, every graph shape, every wait strategy: each consumer checks that it sees every
 * event exactly once, in order per producer, with its payload intact. The ring is small so that
 * producers lap it thousands of times. Set {@code -Dnanostream.stress.events=N} for a longer run.
 */
class RingStressTest
{
    private static final int PRODUCERS = 4;
    private static final int EVENTS_PER_PRODUCER = Integer.getInteger("nanostream.stress.events", 200_000);

    /** An event carrying who wrote it, its number for that producer, and a checksum of both. */
    static class StressEvent
    {
        int producer;
        long number;
        long checksum;
        long stage1;
        long stage2;
    }

    /** The same fields in an event that carries its own publication. */
    static final class SequencedStressEvent extends SequencedEvent
    {
        final StressEvent data = new StressEvent();
    }

    static long checksum(final int producer, final long number)
    {
        long h = producer * 0x9E3779B97F4A7C15L + number;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }

    /** Checks order per producer and payload; records what went wrong instead of throwing. */
    static StressEvent data(final Object event)
    {
        return event instanceof SequencedStressEvent sequenced ? sequenced.data : (StressEvent)event;
    }

    static class Checker implements EventHandler<Object>
    {
        final long[] next = new long[PRODUCERS];
        final List<String> problems = new CopyOnWriteArrayList<>();
        final boolean expectStages;
        long seen;

        Checker(final boolean expectStages)
        {
            this.expectStages = expectStages;
        }

        @Override
        public void onEvent(final Object slot, final long sequence, final boolean endOfBatch)
        {
            final StressEvent event = data(slot);
            if (event.checksum != checksum(event.producer, event.number))
            {
                problem("torn event at " + sequence + ": producer " + event.producer + " number " + event.number);
            }
            if (event.number != next[event.producer])
            {
                problem("producer " + event.producer + ": expected " + next[event.producer] + " got " + event.number +
                    " at " + sequence);
            }
            if (expectStages && (event.stage1 != event.checksum + 1 || event.stage2 != event.checksum + 2))
            {
                problem("stage results missing at " + sequence);
            }
            next[event.producer] = event.number + 1;
            seen++;
        }

        private void problem(final String problem)
        {
            if (problems.size() < 10)
            {
                problems.add(problem);
            }
        }
    }

    static Stream<Arguments> shapes()
    {
        final List<Supplier<WaitStrategy>> waits = List.of(
            YieldingWaitStrategy::new, LiteBlockingWaitStrategy::new, BlockingWaitStrategy::new,
            () -> new SleepingWaitStrategy(20, 10_000), () -> new TimeoutBlockingWaitStrategy(1, TimeUnit.MILLISECONDS),
            () -> PhasedBackoffWaitStrategy.withLiteLock(20, 50, TimeUnit.MICROSECONDS));
        final List<Arguments> arguments = new ArrayList<>();
        final String[] shapes = {"unicast", "multicast", "pipeline", "diamond", "workers"};
        int k = 0;
        for (final String shape : shapes)
        {
            for (final ProducerType type : ProducerType.values())
            {
                for (final boolean sequenced : new boolean[]{false, true})
                {
                    arguments.add(Arguments.of(shape, type, sequenced, waits.get(k++ % waits.size())));
                }
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} {1} sequenced={2}")
    @MethodSource("shapes")
    void everyConsumerSeesEveryEventOnceInOrderIntact(
        final String shape, final ProducerType type, final boolean sequenced,
        final Supplier<WaitStrategy> wait) throws Exception
    {
        final int producers = type == ProducerType.SINGLE ? 1 : PRODUCERS;
        final EventFactory<Object> factory = sequenced ? SequencedStressEvent::new : StressEvent::new;
        final HandlerGraph<Object> graph = HandlerGraph.builder(factory).ringSize(256).producerType(type)
            .waitStrategy(wait.get()).producerWaitStrategy(ProducerWaitStrategy.backoff(10, 10, 100_000))
            .threadFactory(Thread.ofPlatform().daemon().name("stress-" + shape + "-", 0).factory()).build();
        final List<Checker> checkers = new ArrayList<>();
        final AtomicIntegerArray handledByWorkers = new AtomicIntegerArray(producers * EVENTS_PER_PRODUCER);
        final EventHandler<Object> stage1 = (event, sequence, end) -> data(event).stage1 = data(event).checksum + 1;
        final EventHandler<Object> stage2 = (event, sequence, end) -> data(event).stage2 = data(event).checksum + 2;
        switch (shape)
        {
            case "unicast" -> graph.handleEventsWith(add(checkers, new Checker(false)));
            case "multicast" -> graph.handleEventsWith(add(checkers, new Checker(false)),
                add(checkers, new Checker(false)), add(checkers, new Checker(false)));
            case "pipeline" -> graph.handleEventsWith(stage1).then(stage2).then(add(checkers, new Checker(true)));
            case "diamond" -> graph.handleEventsWith(stage1, stage2).then(add(checkers, new Checker(true)));
            case "workers" ->
            {
                @SuppressWarnings("unchecked")
                final WorkHandler<Object>[] workers = new WorkHandler[3];
                for (int w = 0; w < workers.length; w++)
                {
                    workers[w] = slot ->
                    {
                        final StressEvent event = data(slot);
                        if (event.checksum == checksum(event.producer, event.number))
                        {
                            handledByWorkers.incrementAndGet((int)(event.producer * (long)EVENTS_PER_PRODUCER +
                                event.number));
                        }
                    };
                }
                graph.handleEventsWithWorkerPool(workers);
            }
            default -> throw new IllegalArgumentException(shape);
        }
        final RingBuffer<Object> ring = graph.start();
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++)
        {
            final int producer = p;
            threads.add(Thread.ofPlatform().daemon().start(() ->
            {
                for (long n = 0; n < EVENTS_PER_PRODUCER; n++)
                {
                    if ((n & 1) == 0)
                    {
                        final long sequence = ring.next();
                        final StressEvent event = data(ring.get(sequence));
                        event.producer = producer;
                        event.number = n;
                        event.checksum = checksum(producer, n);
                        ring.publish(sequence);
                    }
                    else
                    {
                        ring.publishEvent((slot, sequence, number) ->
                        {
                            final StressEvent event = data(slot);
                            event.producer = producer;
                            event.number = number;
                            event.checksum = checksum(producer, number);
                        }, n);
                    }
                }
            }));
        }
        for (final Thread thread : threads)
        {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        final String state = "cursor=" + ring.getCursor() + " minGating=" + ring.getMinimumGatingSequence();
        assertThat(threads).as("producers finished; " + state).noneMatch(Thread::isAlive);
        assertThat(graph.shutdown(Duration.ofSeconds(30))).as("drained; " + state).isTrue();
        final long total = (long)producers * EVENTS_PER_PRODUCER;
        for (final Checker checker : checkers)
        {
            assertThat(checker.problems).isEmpty();
            assertThat(checker.seen).isEqualTo(total);
        }
        if (shape.equals("workers"))
        {
            for (int i = 0; i < total; i++)
            {
                assertThat(handledByWorkers.get(i)).as("event %d handled once by the pool", i).isEqualTo(1);
            }
        }
    }

    private static Checker add(final List<Checker> checkers, final Checker checker)
    {
        checkers.add(checker);
        return checker;
    }
}
