package io.nanostream.compat;

import io.nanostream.ring.DaemonThreadFactory;
import io.nanostream.ring.EventHandler;
import io.nanostream.ring.ExceptionHandler;
import io.nanostream.ring.ExceptionHandlers;
import io.nanostream.ring.FatalExceptionHandler;
import io.nanostream.ring.IgnoreExceptionHandler;
import io.nanostream.ring.ProducerType;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.YieldingWaitStrategy;
import io.nanostream.ring.dsl.Disruptor;
import io.nanostream.ring.graph.ExceptionHandlerWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What Disruptor users do about failing handlers: the stock exception handlers, a default, one per handler. */
class ExceptionHandlingTest
{
    private Disruptor<LongEvent> disruptor;

    @AfterEach
    void stop()
    {
        disruptor.halt();
    }

    /** Records what it is told, and goes on. */
    static final class Recording implements ExceptionHandler<LongEvent>
    {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final LongEvent event)
        {
            events.add(ex.getMessage() + "@" + sequence);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            events.add("start:" + ex.getMessage());
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            events.add("shutdown:" + ex.getMessage());
        }
    }

    /** Fails on odd values. */
    static final class FailsOnOdd implements EventHandler<LongEvent>
    {
        final List<Long> handled = new CopyOnWriteArrayList<>();
        final CountDownLatch started = new CountDownLatch(1);

        @Override
        public void onEvent(final LongEvent event, final long sequence, final boolean endOfBatch)
        {
            if (event.value % 2 == 1)
            {
                throw new IllegalArgumentException("odd " + event.value);
            }
            handled.add(event.value);
        }

        @Override
        public void onStart()
        {
            started.countDown(); // the Disruptor's shutdown passes over handlers whose thread has not started yet
            throw new IllegalStateException("no warm-up");
        }
    }

    private RingBuffer<LongEvent> startWith(final FailsOnOdd handler,
        final ExceptionHandler<? super LongEvent> exceptionHandler)
    {
        disruptor = new Disruptor<>(LongEvent.FACTORY, 16, DaemonThreadFactory.INSTANCE, ProducerType.SINGLE,
            new YieldingWaitStrategy());
        disruptor.handleEventsWith(handler);
        disruptor.handleExceptionsFor(handler).with(exceptionHandler);
        final RingBuffer<LongEvent> ringBuffer = disruptor.start();
        awaitStarted(handler);
        return ringBuffer;
    }

    private static void awaitStarted(final FailsOnOdd... handlers)
    {
        for (final FailsOnOdd handler : handlers)
        {
            try
            {
                assertThat(handler.started.await(30, TimeUnit.SECONDS)).as("handler started").isTrue();
            }
            catch (final InterruptedException ex)
            {
                throw new AssertionError(ex);
            }
        }
    }

    @Test
    void anExceptionHandlerThatReturnsSkipsTheEvent() throws Exception
    {
        final FailsOnOdd handler = new FailsOnOdd();
        final Recording recording = new Recording();
        final RingBuffer<LongEvent> ringBuffer = startWith(handler, recording);
        for (long i = 0; i < 5; i++)
        {
            ringBuffer.publishEvent((event, sequence, value) -> event.value = value, i);
        }
        disruptor.shutdown(30, TimeUnit.SECONDS);
        assertThat(handler.handled).containsExactly(0L, 2L, 4L);
        assertThat(recording.events).containsExactly("start:no warm-up", "odd 1@1", "odd 3@3");
    }

    @Test
    void theIgnoringHandlerGoesOn() throws Exception
    {
        final FailsOnOdd handler = new FailsOnOdd();
        final RingBuffer<LongEvent> ringBuffer = startWith(handler, new IgnoreExceptionHandler());
        for (long i = 0; i < 4; i++)
        {
            ringBuffer.publishEvent((event, sequence, value) -> event.value = value, i);
        }
        disruptor.shutdown(30, TimeUnit.SECONDS);
        assertThat(handler.handled).containsExactly(0L, 2L);
    }

    @Test
    void theFatalHandlerStopsTheHandlerAtTheFailure() throws Exception
    {
        final FailsOnOdd handler = new FailsOnOdd();
        final RingBuffer<LongEvent> ringBuffer = startWith(handler, new FatalExceptionHandler());
        for (long i = 0; i < 4; i += 2)
        {
            ringBuffer.publishEvent((event, sequence, value) -> event.value = value, i);
        }
        Waits.until(() -> handler.handled.size() == 2, "two events handled");
        ringBuffer.publishEvent((event, sequence) -> event.value = 7);
        ringBuffer.publishEvent((event, sequence) -> event.value = 8);
        Thread.sleep(50);
        assertThat(handler.handled).as("nothing after the fatal failure").containsExactly(0L, 2L);
        assertThat(ExceptionHandlers.defaultHandler()).isInstanceOf(FatalExceptionHandler.class);
    }

    @Test
    void aDefaultHandlerCoversEveryHandlerWithoutOneOfItsOwn() throws Exception
    {
        disruptor = new Disruptor<>(LongEvent.FACTORY, 16, DaemonThreadFactory.INSTANCE);
        final Recording recording = new Recording();
        final Recording own = new Recording();
        final FailsOnOdd first = new FailsOnOdd();
        final FailsOnOdd second = new FailsOnOdd();
        disruptor.setDefaultExceptionHandler(recording);
        disruptor.handleEventsWith(first, second);
        disruptor.handleExceptionsFor(second).with(own);
        final RingBuffer<LongEvent> ringBuffer = disruptor.start();
        awaitStarted(first, second);
        ringBuffer.publishEvent((event, sequence) -> event.value = 1);
        disruptor.shutdown(30, TimeUnit.SECONDS);
        assertThat(recording.events).containsExactly("start:no warm-up", "odd 1@0");
        assertThat(own.events).containsExactly("start:no warm-up", "odd 1@0");
    }

    @Test
    void handleExceptionsWithCoversTheHandlersAddedAfterIt() throws Exception
    {
        disruptor = new Disruptor<>(LongEvent.FACTORY, 16, DaemonThreadFactory.INSTANCE);
        final Recording recording = new Recording();
        disruptor.handleExceptionsWith(recording);
        final FailsOnOdd handler = new FailsOnOdd();
        disruptor.handleEventsWith(handler);
        final RingBuffer<LongEvent> ringBuffer = disruptor.start();
        awaitStarted(handler);
        ringBuffer.publishEvent((event, sequence) -> event.value = 3);
        ringBuffer.publishEvent((event, sequence) -> event.value = 4);
        disruptor.shutdown(30, TimeUnit.SECONDS);
        assertThat(recording.events).containsExactly("start:no warm-up", "odd 3@0");
        assertThat(handler.handled).containsExactly(4L);
    }

    @Test
    void aWrapperPassesToWhicheverHandlerItWasSwitchedTo() throws Exception
    {
        final ExceptionHandlerWrapper<LongEvent> wrapper = new ExceptionHandlerWrapper<>();
        final Recording recording = new Recording();
        wrapper.switchTo(recording);
        final FailsOnOdd handler = new FailsOnOdd();
        final RingBuffer<LongEvent> ringBuffer = startWith(handler, wrapper);
        ringBuffer.publishEvent((event, sequence) -> event.value = 5);
        Waits.until(() -> recording.events.size() == 2, "the failure reported");
        assertThat(recording.events).containsExactly("start:no warm-up", "odd 5@0");
    }
}
