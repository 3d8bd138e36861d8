package io.nanostream.driver;

/**
 * Launches a driver with the system properties it is given, prints its feature counters, and
 * closes it: for child-JVM tests.
 */
public final class FeatureStatusMain
{
    private FeatureStatusMain()
    {
    }

    /**
     * Runs.
     *
     * @param args none.
     */
    public static void main(final String[] args)
    {
        try (MediaDriver driver = MediaDriver.launchEmbedded())
        {
            FeatureCounters.read(driver.directory()).forEach(line -> System.out.println("feature " + line));
        }
    }
}
