package io.nanostream.driver.conductor;

/**
 * One client's handle on a publication; a shared publication has one per {@code addPublication}.
 *
 * @param registrationId the handle's id.
 * @param clientId       the client.
 * @param publication    the publication.
 */
record PublicationLink(long registrationId, long clientId, IpcPublication publication)
{
}
