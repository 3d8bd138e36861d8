package io.nanostream.ring;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second thread claiming on a single-producer ring is reported, with assertions enabled (the build
 * runs tests with {@code -ea}), by an {@link IllegalStateException} that names both threads: the
 * Disruptor asserts the same. With assertions disabled the check is not run at all.
 */
class SingleProducerThreadTest
{
    @BeforeAll
    static void assertionsAreEnabled()
    {
        assertThat(SingleProducerSequencer.class.desiredAssertionStatus())
            .as("these tests need -ea for io.nanostream.ring (surefire's enableAssertions, on in the ring module)").isTrue();
    }

    @Test
    void aClaimFromASecondLiveThreadNamesBothThreads() throws Exception
    {
        final RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent::new, 8,
            new BusySpinWaitStrategy());
        final CountDownLatch claimed = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        final Thread first = Thread.ofPlatform().name("first-producer").start(() ->
        {
            ring.publish(ring.next());
            claimed.countDown();
            await(done);
        });
        claimed.await();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread second = Thread.ofPlatform().name("second-producer").start(() ->
        {
            try
            {
                ring.next();
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        });
        second.join();
        done.countDown();
        first.join();
        assertThat(failure.get()).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("\"first-producer\"").hasMessageContaining("\"second-producer\"")
            .hasMessageContaining("ProducerType.MULTI");
        assertThat(ring.getCursor()).as("the refused claim claimed nothing").isEqualTo(0);
    }

    /**
     * Both threads publish; each holds after its first claim until both have tried one, so that whichever
     * claimed first is alive and owns the ring when the other claims (on a busy machine the first could
     * otherwise finish all its claims before the second even starts, and hand the ring over legitimately).
     */
    @Test
    void twoThreadsPublishingAtOnceAreStoppedInsteadOfLosingClaims() throws Exception
    {
        final RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent::new, 1024,
            new BusySpinWaitStrategy());
        final CountDownLatch bothTried = new CountDownLatch(2);
        final Runnable publishMany = () ->
        {
            try
            {
                ring.publishEvent((event, sequence) -> event.value = sequence);
            }
            finally
            {
                bothTried.countDown(); // claimed, or refused
            }
            await(bothTried);
            for (int i = 1; i < 100_000; i++)
            {
                ring.publishEvent((event, sequence) -> event.value = sequence);
            }
        };
        final CompletableFuture<Void> a = new CompletableFuture<>();
        final CompletableFuture<Void> b = new CompletableFuture<>();
        final CountDownLatch go = new CountDownLatch(1);
        for (final CompletableFuture<Void> result : List.of(a, b))
        {
            Thread.ofPlatform().daemon().start(() ->
            {
                try
                {
                    go.await();
                    publishMany.run();
                    result.complete(null);
                }
                catch (final Throwable ex)
                {
                    result.completeExceptionally(ex);
                }
            });
        }
        go.countDown();
        final Throwable failure = catchFailure(a, b);
        assertThat(failure).as("one of the two producers is refused").isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("two threads claim on a single-producer ring");
    }

    @Test
    void aThreadMayTakeOverFromAProducerThatHasEnded() throws Exception
    {
        final RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent::new, 8,
            new BusySpinWaitStrategy());
        final Thread first = Thread.ofPlatform().start(() -> ring.publish(ring.next()));
        first.join();
        ring.publish(ring.next());
        assertThat(ring.getCursor()).isEqualTo(1);
    }

    /**
     * The ring's classes loaded again with assertions disabled: two threads claim, one after the other,
     * and neither is refused (the check is an {@code assert}, so it is not even evaluated).
     */
    @Test
    void withAssertionsDisabledNothingIsChecked() throws Exception
    {
        final URL ring = SingleProducerSequencer.class.getProtectionDomain().getCodeSource().getLocation();
        final URL concurrent = io.nanostream.concurrent.Sequence.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[]{ring, concurrent},
            ClassLoader.getPlatformClassLoader()))
        {
            loader.setDefaultAssertionStatus(false);
            final Class<?> sequencerClass = loader.loadClass(SingleProducerSequencer.class.getName());
            final Class<?> waitClass = loader.loadClass(BusySpinWaitStrategy.class.getName());
            assertThat(sequencerClass.desiredAssertionStatus()).isFalse();
            final Object sequencer = sequencerClass.getConstructor(int.class,
                loader.loadClass(WaitStrategy.class.getName()))
                .newInstance(8, waitClass.getConstructor().newInstance());
            final Method next = sequencerClass.getMethod("next");
            final CountDownLatch done = new CountDownLatch(1);
            final CompletableFuture<Object> firstClaim = new CompletableFuture<>();
            final Thread first = Thread.ofPlatform().start(() ->
            {
                try
                {
                    firstClaim.complete(next.invoke(sequencer));
                    await(done);
                }
                catch (final ReflectiveOperationException ex)
                {
                    firstClaim.completeExceptionally(ex);
                }
            });
            assertThat(firstClaim.get(30, TimeUnit.SECONDS)).isEqualTo(0L);
            assertThat(next.invoke(sequencer)).as("a second live thread claims unchecked").isEqualTo(1L);
            done.countDown();
            first.join();
        }
    }

    private static Throwable catchFailure(final CompletableFuture<?>... futures) throws InterruptedException
    {
        Throwable failure = null;
        for (final CompletableFuture<?> future : futures)
        {
            try
            {
                future.get(30, TimeUnit.SECONDS);
            }
            catch (final ExecutionException ex)
            {
                failure = ex.getCause();
            }
            catch (final java.util.concurrent.TimeoutException ex)
            {
                throw new AssertionError("a producer did not finish", ex);
            }
        }
        return failure;
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
