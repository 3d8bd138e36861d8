package io.nanostream.ring;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steady state allocates nothing: the producer thread and the consumer thread allocate zero bytes
 * across a million events, for every wait strategy and both producer types, whether the producer
 * claims and publishes by hand or through a translator.
 */
class ZeroAllocationTest
{
    private static final int EVENTS = 1_000_000;
    /** Windows measured at most: the first that allocates nothing on either thread ends the measuring. */
    private static final int WINDOWS = 10;
    private static final EventTranslatorOneArg<LongEvent, Long> TRANSLATOR = (event, sequence,
        value) -> event.value = value;
    private static final Long ONE = 1L;

    static Stream<Arguments> strategies()
    {
        final Stream<Supplier<WaitStrategy>> waits = Stream.of(
            BusySpinWaitStrategy::new, YieldingWaitStrategy::new, () -> new SleepingWaitStrategy(100, 1_000),
            BlockingWaitStrategy::new, LiteBlockingWaitStrategy::new,
            () -> new TimeoutBlockingWaitStrategy(1, TimeUnit.MILLISECONDS),
            () -> PhasedBackoffWaitStrategy.withLiteLock(1, 1, TimeUnit.MICROSECONDS));
        return waits.flatMap(w -> Stream.of(Arguments.of(w.get(), ProducerType.SINGLE),
            Arguments.of(w.get(), ProducerType.MULTI)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("strategies")
    void producerAndConsumerAllocateNothingPerEvent(final WaitStrategy waitStrategy,
        final ProducerType type) throws Exception
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final RingBuffer<LongEvent> ring = RingBuffer.create(type, LongEvent::new, 1024, waitStrategy,
            ProducerWaitStrategy.backoff());
        final long[] sum = new long[1];
        final BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(),
            (event, sequence, endOfBatch) -> sum[0] += event.value);
        ring.addGatingSequences(processor.getSequence());
        final Thread consumer = Thread.ofPlatform().daemon().start(processor);

        produce(ring, EVENTS); // warm up: class loading, JIT compilation, monitor inflation
        awaitConsumed(processor, ring.getCursor());

        long produced = EVENTS;
        final long[] producerBytes = new long[WINDOWS];
        final long[] consumerBytes = new long[WINDOWS];
        for (int window = 0; window < WINDOWS; window++)
        {
            final long consumerBefore = threads.getThreadAllocatedBytes(consumer.threadId());
            final long producerBefore = threads.getCurrentThreadAllocatedBytes(); // the window holds only produce()
            produce(ring, EVENTS);
            producerBytes[window] = threads.getCurrentThreadAllocatedBytes() - producerBefore;
            produced += EVENTS;
            awaitConsumed(processor, ring.getCursor());
            consumerBytes[window] = threads.getThreadAllocatedBytes(consumer.threadId()) - consumerBefore;
            if (producerBytes[window] == 0 && consumerBytes[window] == 0)
            {
                break;
            }
        }
        processor.halt();
        consumer.join(5_000);
        assertThat(sum[0]).as("every event handled").isEqualTo(produced);
        assertSteadyStateAllocatesNothing(producerBytes, consumerBytes);
    }

    /**
     * Steady state is reached, and then a window of a million events allocates nothing at all on either
     * thread. Earlier windows may allocate: a deoptimization re-materialises objects that escape analysis
     * had removed, and the code runs unoptimised, allocating, until it is compiled again, which on a busy
     * machine (compiler threads starved of CPU) may take a window or more; that is JIT warm-up, whatever
     * its size, not allocation per event. Allocation per event, or every few events, shows in every window:
     * then none of them is clean and this fails.
     */
    private static void assertSteadyStateAllocatesNothing(final long[] producerBytes, final long[] consumerBytes)
    {
        final String seen = "producer " + java.util.Arrays.toString(producerBytes) + ", consumer " +
            java.util.Arrays.toString(consumerBytes) + " bytes per window of " + EVENTS + " events";
        boolean clean = false;
        for (int window = 0; window < WINDOWS; window++)
        {
            clean |= producerBytes[window] == 0 && consumerBytes[window] == 0;
        }
        assertThat(clean).as("a window without allocation, after warm-up; " + seen).isTrue();
    }

    private static void produce(final RingBuffer<LongEvent> ring, final int events)
    {
        for (int i = 0; i < events; i += 2)
        {
            final long sequence = ring.next();
            ring.get(sequence).value = 1;
            ring.publish(sequence);
            ring.publishEvent(TRANSLATOR, ONE);
        }
    }

    private static void awaitConsumed(final BatchEventProcessor<LongEvent> processor,
        final long last) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (processor.getSequence().get() < last)
        {
            assertThat(System.nanoTime()).as("consumer reached " + last).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pullShapes")
    void pollersAndWorkersAllocateNothingPerEvent(final String shape) throws Exception
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent::new, 1024,
            new YieldingWaitStrategy());
        final long[] sum = new long[1];
        final Thread consumer;
        final io.nanostream.concurrent.Sequence[] progress;
        if (shape.equals("poller"))
        {
            final EventPoller<LongEvent> poller = ring.newPoller();
            ring.addGatingSequences(poller.getSequence());
            final EventPoller.Handler<LongEvent> handler = (event, sequence, endOfBatch) ->
            {
                sum[0] += event.value;
                return true;
            };
            consumer = Thread.ofPlatform().daemon().start(() ->
            {
                try
                {
                    while (!Thread.currentThread().isInterrupted())
                    {
                        if (poller.poll(handler) != EventPoller.PollState.PROCESSING)
                        {
                            Thread.yield();
                        }
                    }
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
            });
            progress = new io.nanostream.concurrent.Sequence[]{poller.getSequence()};
        }
        else
        {
            final WorkerPool<LongEvent> pool = new WorkerPool<>(ring, ring.newBarrier(), ExceptionHandlers.logAndHalt(),
                event -> sum[0] += event.value);
            ring.addGatingSequences(pool.getWorkerSequences());
            final Thread[] worker = new Thread[1];
            pool.start(runnable -> worker[0] = Thread.ofPlatform().daemon().unstarted(runnable));
            consumer = worker[0];
            progress = pool.getWorkerSequences();
        }
        produce(ring, EVENTS);
        awaitSequence(progress[0], ring.getCursor());
        final long[] producerBytes = new long[WINDOWS];
        final long[] consumerBytes = new long[WINDOWS];
        for (int window = 0; window < WINDOWS; window++)
        {
            final long consumerBefore = threads.getThreadAllocatedBytes(consumer.threadId());
            final long producerBefore = threads.getCurrentThreadAllocatedBytes(); // the window holds only produce()
            produce(ring, EVENTS);
            producerBytes[window] = threads.getCurrentThreadAllocatedBytes() - producerBefore;
            awaitSequence(progress[0], ring.getCursor());
            consumerBytes[window] = threads.getThreadAllocatedBytes(consumer.threadId()) - consumerBefore;
            if (producerBytes[window] == 0 && consumerBytes[window] == 0)
            {
                break;
            }
        }
        consumer.interrupt();
        assertSteadyStateAllocatesNothing(producerBytes, consumerBytes);
    }

    static Stream<String> pullShapes()
    {
        return Stream.of("poller", "worker");
    }

    private static void awaitSequence(final io.nanostream.concurrent.Sequence sequence,
        final long last) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sequence.get() < last)
        {
            assertThat(System.nanoTime()).as("consumer reached " + last).isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
