package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.graph.HandlerGraph;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Null arguments fail at the call, with a {@link NullPointerException} that names the argument, and
 * before anything is claimed (a translator that turns out to be null must not leave an unfilled event
 * published).
 */
class NullArgumentsTest
{
    private static final RingBuffer<LongEvent> RING = RingBuffer.createMultiProducer(LongEvent::new, 8,
        new BusySpinWaitStrategy());

    static Stream<Arguments> calls()
    {
        final RingBuffer<LongEvent> ring = RING;
        final SequenceBarrier barrier = ring.newBarrier();
        final HandlerGraph<LongEvent> graph = HandlerGraph.builder(LongEvent::new).ringSize(8).build();
        return Stream.of(
            call("factory", () -> RingBuffer.createSingleProducer(null, 8)),
            call("producerType", () -> RingBuffer.create(null, LongEvent::new, 8, new BusySpinWaitStrategy())),
            call("waitStrategy", () -> RingBuffer.createSingleProducer(LongEvent::new, 8, null)),
            call("sequencer", () -> RingBuffer.create(LongEvent::new, null)),
            call("translator", () -> ring.publishEvent((EventTranslator<LongEvent>)null)),
            call("translator", () -> ring.tryPublishEvent((EventTranslatorOneArg<LongEvent, Long>)null, 1L)),
            call("translator", () -> ring.publishEvent((EventTranslatorTwoArg<LongEvent, Long, Long>)null, 1L, 2L)),
            call("translator", () -> ring.publishEvent((EventTranslatorVararg<LongEvent>)null, 1L)),
            call("translators", () -> ring.publishEvents((EventTranslator<LongEvent>[])null)),
            call("translators[1]", () -> ring.publishEvents(translators((event, sequence) -> { }, null))),
            call("args0", () -> ring.publishEvents((event, sequence, a) -> { }, (Long[])null)),
            call("args1", () -> ring.tryPublishEvents((event, sequence, a, b) -> { }, new Long[]{1L}, (Long[])null)),
            call("gatingSequences[0]", () -> ring.addGatingSequences((Sequence)null)),
            call("dependent sequences[1]", () -> ring.newBarrier(new Sequence(), null)),
            call("dataProvider", () -> new BatchEventProcessor<LongEvent>(null, barrier, (e, s, b) -> { })),
            call("barrier", () -> new BatchEventProcessor<>(ring, null, (e, s, b) -> { })),
            call("handler", () -> new BatchEventProcessor<>(ring, barrier, null)),
            call("rewindStrategy", () -> new BatchEventProcessor<>(ring, barrier, (e, s, b) -> { }, 8, null)),
            call("rewindStrategy", () -> new BatchEventProcessorBuilder().build(ring, barrier,
            (RewindableEventHandler<LongEvent>)(e, s, b) -> { }, null)), call("exceptionHandler",
            () -> new BatchEventProcessor<>(ring, barrier, (e, s, b) -> { }).setExceptionHandler(null)),
            call("handler", () -> ring.newPoller().poll(null)), call("fallback", () -> new PhasedBackoffWaitStrategy(1,
            1, TimeUnit.MILLISECONDS, null)), call("unit", () -> new TimeoutBlockingWaitStrategy(1, null)),
            call("unit", () -> new LiteTimeoutBlockingWaitStrategy(1, null)),
            call("handler 0", () -> graph.handleEventsWith((EventHandler<LongEvent>)null)),
            call("rewindStrategy", () -> graph.handleEventsWith((BatchRewindStrategy)null, (e, s, b) -> { })),
            call("exceptionHandler", () -> graph.handleExceptionsWith(null)), call("exceptionHandler",
            () -> graph.setDefaultExceptionHandler(null)), call("handler", () -> graph.handleExceptionsFor(null)),
            call("unit", () -> graph.shutdown(1, null)),
            call("sequences[0]", () -> new FixedSequenceGroup(new Sequence[]{null})),
            call("sequence", () -> new SequenceGroup().add(null)),
            call("ringBuffer", () -> new NoOpEventProcessor(null)),
            call("handlers[0]", () -> new AggregateEventHandler<LongEvent>((EventHandler<LongEvent>)null)));
    }

    @SafeVarargs
    private static EventTranslator<LongEvent>[] translators(final EventTranslator<LongEvent>... translators)
    {
        return translators;
    }

    private static Arguments call(final String argument, final ThrowingCallable call)
    {
        return Arguments.of(argument, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void failsAtTheCallNamingTheArgument(final String argument, final ThrowingCallable call)
    {
        final long cursor = RING.getCursor();
        assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessageContaining(argument);
        assertThat(RING.getCursor()).as("nothing claimed").isEqualTo(cursor);
    }
}
