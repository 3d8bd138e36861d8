package io.nanostream.ring;

/** Checks of the arguments the ring's public methods take, with a message that names the argument. Stateless. */
final class Arguments
{
    private Arguments()
    {
    }

    /**
     * Refuses a null argument.
     *
     * @param argument the argument.
     * @param name     its name, for the message.
     * @param <T>      its type.
     * @return the argument.
     * @throws NullPointerException naming it, if it is null.
     */
    static <T> T required(final T argument, final String name)
    {
        if (argument == null)
        {
            throw new NullPointerException(name + " is null");
        }
        return argument;
    }
}
