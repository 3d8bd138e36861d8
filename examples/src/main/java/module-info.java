/**
 * Runnable examples of every README snippet: each class has a {@code main} and a {@code run} method that
 * prints what it does, which the module's tests call and check.
 */
module io.nanostream.examples {
    requires io.nanostream.driver;
    requires io.nanostream.archive;
    requires io.nanostream.ring;

    exports io.nanostream.examples;
}
