package io.nanostream.driver.conductor;

import io.nanostream.buffer.Counter;
import io.nanostream.client.ChannelUri;
import io.nanostream.client.protocol.Responses;
import io.nanostream.concurrent.Clock;
import io.nanostream.driver.status.DriverCounters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The IPC side of the conductor: its publications (shared and exclusive), the clients' links to them,
 * its subscriptions, and the images that link every publication to every subscription of its stream.
 * Each duty cycle it runs every publication's duties ({@link IpcPublication#update}); housekeeping drains
 * and deletes what clients closed. Owned by the conductor thread.
 */
final class IpcPublications
{
    private final ConductorSettings settings;
    private final LogFactory logs;
    private final DriverCounters counters;
    private final ClientProxy clientProxy;
    private final ErrorRecorder errors;
    private final SessionIds sessionIds;
    private final LongSupplier correlationIds;
    private final Clock clock;
    private final List<IpcPublication> publications = new ArrayList<>();
    private final Map<Long, PublicationLink> links = new HashMap<>();
    private final Map<Long, SubscriptionLink> subscriptions = new HashMap<>();
    private long unblocked;

    IpcPublications(final ConductorServices services)
    {
        this.settings = services.settings();
        this.logs = services.logs();
        this.counters = services.counters();
        this.clientProxy = services.clientProxy();
        this.errors = services.errors();
        this.sessionIds = services.sessionIds();
        this.correlationIds = services.correlationIds();
        this.clock = services.clock();
    }

    void addPublication(final long correlationId, final long clientId, final int streamId, final ChannelUri uri,
        final boolean exclusive)
    {
        final int termLength = uri.termLength(settings.ipcTermLength());
        final int mtu = uri.mtu(settings.mtu());
        IpcPublication publication = exclusive ? null : sharedPublication(streamId);
        if (publication != null && (publication.termLength != termLength || publication.log.mtu() != mtu))
        {
            throw new CommandException(Responses.ERROR_CLASH, "stream " + streamId +
                " is already published with term-length " + publication.termLength + " and mtu " +
                publication.log.mtu() + "; ask for the same, or use another stream");
        }
        if (publication == null)
        {
            publication = newPublication(correlationId, clientId, streamId, uri, termLength, mtu, exclusive);
        }
        publication.refCount++;
        links.put(correlationId, new PublicationLink(correlationId, clientId, publication));
        clientProxy.onPublicationReady(correlationId, publication.sessionId, streamId, publication.counters.limit(),
            publication.counters.backPressure(), publication.logFile);
    }

    private IpcPublication sharedPublication(final int streamId)
    {
        for (final IpcPublication existing : publications)
        {
            if (!existing.exclusive && existing.streamId == streamId && existing.state == IpcPublication.State.ACTIVE)
            {
                return existing;
            }
        }
        return null;
    }

    private IpcPublication newPublication(
        final long registrationId, final long clientId, final int streamId, final ChannelUri uri, final int termLength,
        final int mtu, final boolean exclusive)
    {
        final int initialTermId = LogStart.initialTermId(uri, exclusive, termLength);
        final int sessionId = sessionIds.next();
        final int window = ChannelParameters.window(uri, termLength, settings.ipcWindowFor(termLength));
        final IpcPublication publication = logs.create(registrationId + ".logbuffer", termLength, mtu, initialTermId,
            sessionId, streamId, registrationId, uri.flag(ChannelUri.SPARSE, settings.sparseLogFiles()),
            log -> new IpcPublication(registrationId, sessionId, streamId, exclusive, LogStart.place(log, uri), window,
                counters.publication(registrationId, sessionId, streamId, clientId, ChannelParameters.label("nano:ipc",
                uri)), uri.nanos(ChannelUri.LINGER, settings.publicationLingerNanos())));
        publications.add(publication);
        for (final SubscriptionLink subscription : subscriptions.values())
        {
            if (subscription.streamId() == streamId)
            {
                link(publication, subscription);
            }
        }
        return publication;
    }

    void addSubscription(final long correlationId, final long clientId, final int streamId, final String channel)
    {
        final SubscriptionLink subscription = new SubscriptionLink(correlationId, clientId, streamId, channel);
        subscriptions.put(correlationId, subscription);
        clientProxy.onSubscriptionReady(correlationId);
        for (final IpcPublication publication : publications)
        {
            if (publication.streamId == streamId && publication.state == IpcPublication.State.ACTIVE)
            {
                link(publication, subscription);
            }
        }
    }

    private void link(final IpcPublication publication, final SubscriptionLink subscription)
    {
        final long joinPosition = publication.producerPosition();
        final Counter position = counters.subscriberPosition(subscription.registrationId(), publication.sessionId,
            publication.streamId, subscription.clientId(), ChannelParameters.label("nano:ipc",
            ChannelUri.parse(subscription.channel())), joinPosition);
        final long imageCorrelationId = correlationIds.getAsLong();
        final Untethered untethered;
        try
        {
            untethered = untethered(ChannelUri.parse(subscription.channel()), subscription, publication.sessionId);
        }
        catch (final RuntimeException ex)
        {
            position.free(clock.epochMillis());
            throw ex;
        }
        if (untethered != null && publication.untetheredLink == null)
        {
            publication.untetheredLink = new ClientImageLink(clientProxy, publication.sessionId, publication.streamId,
                publication.logFile);
        }
        publication.subscribers.add(new SubscriberPosition(position, subscription.registrationId(), imageCorrelationId,
            subscription.clientId(), untethered));
        clientProxy.onAvailableImage(imageCorrelationId, subscription.registrationId(), publication.sessionId,
            publication.streamId, position, joinPosition, publication.logFile);
    }

    private Untethered untethered(final ChannelUri channel, final SubscriptionLink subscription, final int sessionId)
    {
        final Untethered untethered = Untethered.of(channel, clock.nanoTime());
        return untethered == null ? null : untethered.showIn(counters.untethered(subscription.registrationId(),
            sessionId, subscription.streamId(), subscription.clientId(), "nano:ipc"));
    }

    /** Removes a client's link to a publication; false if the registration is not an IPC publication. */
    boolean removePublication(final long registrationId)
    {
        final PublicationLink link = links.remove(registrationId);
        if (link == null)
        {
            return false;
        }
        release(link);
        return true;
    }

    /** Removes a subscription; false if the registration is not an IPC subscription. */
    boolean removeSubscription(final long registrationId)
    {
        final SubscriptionLink subscription = subscriptions.remove(registrationId);
        if (subscription == null)
        {
            return false;
        }
        unlink(subscription);
        return true;
    }

    private void release(final PublicationLink link)
    {
        final IpcPublication publication = link.publication();
        if (--publication.refCount == 0 && publication.state == IpcPublication.State.ACTIVE)
        {
            publication.startDraining();
        }
    }

    private void unlink(final SubscriptionLink subscription)
    {
        for (final IpcPublication publication : publications)
        {
            final Iterator<SubscriberPosition> iterator = publication.subscribers.iterator();
            while (iterator.hasNext())
            {
                final SubscriberPosition subscriber = iterator.next();
                if (subscriber.subscriptionRegistrationId() == subscription.registrationId())
                {
                    iterator.remove();
                    subscriber.free(clock.epochMillis());
                }
            }
        }
    }

    /** Releases everything a client held. */
    void releaseClient(final long clientId)
    {
        links.values().removeIf(link ->
        {
            if (link.clientId() == clientId)
            {
                release(link);
                return true;
            }
            return false;
        });
        subscriptions.values().removeIf(subscription ->
        {
            if (subscription.clientId() == clientId)
            {
                unlink(subscription);
                return true;
            }
            return false;
        });
    }

    /** Every publication's duty: limits, cleaning, unblocking. */
    int update(final long nowNanos)
    {
        int work = 0;
        for (int i = 0, n = publications.size(); i < n; i++)
        {
            final IpcPublication publication = publications.get(i);
            if (publication.untetheredLink != null && Untethered.updateAll(publication.subscribers,
                publication.producerPosition(), publication.window(), nowNanos, clock, publication.untetheredLink))
            {
                work++;
            }
            work += publication.update(nowNanos, settings.publicationUnblockNanos());
        }
        return work;
    }

    /** Moves draining publications on, and deletes those done lingering. */
    int housekeeping(final long nowNanos)
    {
        int work = 0;
        final Iterator<IpcPublication> iterator = publications.iterator();
        while (iterator.hasNext())
        {
            final IpcPublication publication = iterator.next();
            if (publication.advanceDrain(nowNanos) && publication.state == IpcPublication.State.DONE)
            {
                final long nowMillis = clock.epochMillis();
                for (final SubscriberPosition subscriber : publication.subscribers)
                {
                    clientProxy.onUnavailableImage(subscriber.imageCorrelationId(),
                        subscriber.subscriptionRegistrationId(), publication.streamId);
                    subscriber.free(nowMillis);
                }
                publication.counters.free(nowMillis);
                sessionIds.release(publication.sessionId);
                unblocked += publication.unblockCount();
                try
                {
                    publication.delete();
                }
                catch (final RuntimeException ex)
                {
                    errors.record(ex);
                }
                iterator.remove();
                work++;
            }
        }
        return work;
    }

    /** Frames padded over in publications already deleted, plus those still here. */
    long unblockedFrames()
    {
        long total = unblocked;
        for (final IpcPublication publication : publications)
        {
            total += publication.unblockCount();
        }
        return total;
    }

    int publicationCount()
    {
        return publications.size();
    }

    int subscriptionCount()
    {
        return subscriptions.size();
    }

    /** Unmaps every log (the driver is closing; the directory goes with it). */
    void close()
    {
        for (final IpcPublication publication : publications)
        {
            publication.log.close();
        }
        publications.clear();
    }
}
