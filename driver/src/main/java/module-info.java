/**
 * The Nano-Stream media driver: owns the driver directory and control file, takes clients' commands,
 * links publications to subscriptions, gates publishers on their slowest subscribers, and cleans up
 * after clients that close or die; sends and receives publications over UDP in Aeron's wire protocol.
 */
module io.nanostream.driver {
    requires transitive io.nanostream.client;
    requires io.nanostream.natives;

    exports io.nanostream.driver;
    exports io.nanostream.driver.loss;
}
