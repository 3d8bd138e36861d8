package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.DriverUnavailableException;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the application's handlers can do to the client that calls them: throw (reported, and the client goes on),
 * add (refused at once, with the reason), close (works); and a driver and a client invoked on one thread.
 */
class ClientHandlersTest
{
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception
    {
        for (int i = resources.size() - 1; i >= 0; i--)
        {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(final T resource)
    {
        resources.add(resource);
        return resource;
    }

    private static DriverContext context(final ThreadingMode mode)
    {
        final Path base = new DriverContext().directory();
        return new DriverContext().directory(base.resolveSibling(base.getFileName() + "-handlers-" + UUID.randomUUID()))
            .threadingMode(mode).idleStrategy("backoff").publicationLinger(Duration.ofMillis(50));
    }

    private NanoStream client(final MediaDriver driver)
    {
        return keep(driver.connect(new ClientContext().errorHandler(errors::add)));
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            assertThat(System.nanoTime() - deadline).as("waiting for " + what).isNegative();
            Thread.sleep(1);
        }
    }

    /** Sends one message and waits for it: the whole round trip through driver and conductor works. */
    private static void exchange(final NanoStream client, final int streamId) throws InterruptedException
    {
        try (Subscription subscription = client.addSubscription("nano:ipc", streamId);
             ExclusivePublication publication = client.addExclusivePublication("nano:ipc", streamId))
        {
            final AtomicBuffer message = AtomicBuffer.allocateHeap(8);
            message.putLong(0, 4242);
            await("connected", publication::isConnected);
            await("offered", () -> publication.offer(message, 0, 8) > 0);
            final long[] received = {0};
            await("received", () ->
            {
                subscription.poll((buffer, offset, length, header) -> received[0] = buffer.getLong(offset), 1);
                return received[0] != 0;
            });
            assertThat(received[0]).isEqualTo(4242);
        }
    }

    @Test
    void anUnavailableImageHandlerThatThrowsIllegalStateIsReportedAndTheClientGoesOn() throws Exception
    {
        final MediaDriver driver = keep(MediaDriver.launch(context(ThreadingMode.DEDICATED)));
        final NanoStream client = client(driver);
        final Subscription subscription = client.addSubscription("nano:ipc", 1, null, image ->
        {
            throw new IllegalStateException("a bug in the application's handler");
        });
        final Publication publication = client.addPublication("nano:ipc", 1);
        await("the image", () -> subscription.imageCount() == 1);
        publication.close();
        await("the handler's error", () -> !errors.isEmpty());

        assertThat(errors).singleElement().isInstanceOf(IllegalStateException.class)
            .extracting(Throwable::getMessage).isEqualTo("a bug in the application's handler");
        assertThat(subscription.imageCount()).isZero();
        assertThat(client.isClosed()).as("the driver was not lost").isFalse();
        exchange(client, 2);
    }

    @Test
    void anyOtherExceptionFromAHandlerIsReportedAndTheConductorGoesOn() throws Exception
    {
        final MediaDriver driver = keep(MediaDriver.launch(context(ThreadingMode.DEDICATED)));
        final NanoStream client = client(driver);
        final Subscription subscription = client.addSubscription("nano:ipc", 1, image ->
        {
            throw new UnsupportedOperationException("the application's handler fails");
        }, null);
        keep(client.addPublication("nano:ipc", 1));
        await("the handler's error", () -> !errors.isEmpty());

        assertThat(errors).singleElement().isInstanceOf(UnsupportedOperationException.class);
        assertThat(subscription.imageCount()).as("the image is there all the same").isEqualTo(1);
        exchange(client, 2); // answered by a conductor that still runs
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void addingFromAHandlerFailsAtOnceWithTheReasonAndClosingFromAHandlerWorks() throws Exception
    {
        final MediaDriver driver = keep(MediaDriver.launch(context(ThreadingMode.DEDICATED)));
        final NanoStream client = client(driver);
        final AtomicReference<Throwable> addFailure = new AtomicReference<>();
        final AtomicReference<Subscription> subscription = new AtomicReference<>();
        subscription.set(client.addSubscription("nano:ipc", 1, image ->
        {
            try
            {
                client.addPublication("nano:ipc", 5);
            }
            catch (final RuntimeException ex)
            {
                addFailure.set(ex);
            }
            subscription.get().close(); // the conductor answers this one later, with no one waiting
        }, null));
        keep(client.addPublication("nano:ipc", 1));
        await("the handler to run", () -> addFailure.get() != null);

        assertThat(addFailure.get()).as("refused at once, not timed out").isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("addPublication(\"nano:ipc\", 5) was called from a handler")
            .hasMessageContaining("another thread");
        await("the subscription closed", () -> subscription.get().isClosed());
        await("the driver to release it", () -> counter(client, "subscriptions") == 0);
        assertThat(errors).as("the remove was answered with success").isEmpty();
        exchange(client, 2);
    }

    @Test
    void anErrorHandlerMayCloseItsClientWhenTheDriverGoes() throws Exception
    {
        final MediaDriver driver = MediaDriver.launch(context(ThreadingMode.DEDICATED));
        final AtomicReference<NanoStream> client = new AtomicReference<>();
        client.set(driver.connect(new ClientContext().errorHandler(error ->
        {
            errors.add(error);
            client.get().close(); // on the client's conductor thread, inside its duty cycle
        })));
        final Subscription subscription = client.get().addSubscription("nano:ipc", 1);
        driver.close();
        // the handler hears of the loss first; the subscription reports closed once the handler has returned
        await("the client and its subscription to close", () -> client.get().isClosed() && !errors.isEmpty() &&
            subscription.isClosed());

        assertThat(errors).singleElement().isInstanceOf(DriverUnavailableException.class);
        client.get().close(); // again, from the application: nothing left to do
        assertThat(errors).hasSize(1);
    }

    @Test
    void aClientOfAnInvokedDriverGetsItsAnswersOnTheInvokingThread() throws Exception
    {
        final MediaDriver driver = keep(MediaDriver.launch(context(ThreadingMode.INVOKER)));
        final NanoStream client = client(driver);
        final Subscription subscription = client.addSubscription("nano:ipc", 1);
        final ExclusivePublication publication = client.addExclusivePublication("nano:ipc", 1);
        assertThat(driveOneThread(driver, null, subscription, publication)).isEqualTo(100);
    }

    @Test
    void aDriverAndAClientBothInvokedRunOnOneThread() throws Exception
    {
        final MediaDriver driver = keep(MediaDriver.launch(context(ThreadingMode.INVOKER)));
        final NanoStream client = keep(driver.connect(new ClientContext().useConductorInvoker(true).errorHandler(errors::add)));
        final Subscription subscription = client.addSubscription("nano:ipc", 1);
        final ExclusivePublication publication = client.addExclusivePublication("nano:ipc", 1);
        assertThat(driveOneThread(driver, client, subscription, publication)).isEqualTo(100);
        assertThat(Thread.getAllStackTraces().keySet()).as("no thread of the client's own")
            .noneMatch(thread -> thread.getName().equals("nano-stream-client-" + client.clientId()));
        publication.close();
        subscription.close();
        assertThat(errors).isEmpty();
    }

    /**
     * Sends 100 messages and receives them in order, invoking the driver (and the client,
     * if given) on this thread alone.
     */
    private static int driveOneThread(
        final MediaDriver driver, final NanoStream invokedClient, final Subscription subscription,
        final ExclusivePublication publication)
    {
        final AtomicBuffer message = AtomicBuffer.allocateHeap(8);
        final int[] next = {0};
        int sent = 0;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (next[0] < 100 && System.nanoTime() - deadline < 0)
        {
            driver.invoke();
            if (invokedClient != null)
            {
                invokedClient.invoke();
            }
            message.putLong(0, sent);
            if (sent < 100 && publication.offer(message, 0, 8) > 0)
            {
                sent++;
            }
            subscription.poll((buffer, offset, length, header) ->
            {
                assertThat(buffer.getLong(offset)).isEqualTo(next[0]);
                next[0]++;
            }, 10);
        }
        return next[0];
    }

    private static long counter(final NanoStream client, final String label)
    {
        final long[] value = {-1};
        client.counters().forEach((id, typeId, name, v) ->
        {
            if (name.equals(label))
            {
                value[0] = v;
            }
        });
        return value[0];
    }
}
