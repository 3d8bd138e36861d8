package io.nanostream.compat;

import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.util.Arrays;

/**
 * Runs test classes with the JUnit Platform and exits 0 only if some ran and none failed: the child JVM
 * of {@link SourceCompatibilityTest}, where the compatibility tests, compiled against the Disruptor, run
 * against the Disruptor. Tests tagged {@value #OURS_ONLY} are skipped there (none are, so far).
 */
public final class DisruptorRun
{
    /** The tag of a test that asserts behaviour README documents as ours rather than the Disruptor's. */
    public static final String OURS_ONLY = "nano-stream-behaviour";

    private DisruptorRun()
    {
    }

    /**
     * Runs the classes named.
     *
     * @param classNames fully qualified names of the test classes.
     */
    public static void main(final String[] classNames)
    {
        final LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
            .selectors(Arrays.stream(classNames).map(DiscoverySelectors::selectClass).toList())
            .filters(TagFilter.excludeTags(OURS_ONLY))
            .build();
        final Launcher launcher = LauncherFactory.create();
        final SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        final TestExecutionSummary summary = listener.getSummary();
        final PrintWriter out = new PrintWriter(System.out, true);
        summary.printTo(out);
        summary.printFailuresTo(out, 20);
        out.flush();
        System.exit(summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0 ? 0 : 1);
    }
}
