package io.nanostream.stress;

import java.io.IOException;
import java.util.Collection;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.openjdk.jcstress.JCStress;
import org.openjdk.jcstress.Options;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * Runs jcstress and exits non-zero unless every selected test ran and none failed.
 *
 * <p>jcstress 0.16's own {@code Main} already ends with an uncaught {@code AssertionError} (exit code 1)
 * when a test shows a forbidden outcome, errors or times out; but it exits 0 when no test matches the
 * filter, when no JVM configuration works, or when a test has more actors than the CPUs given with
 * {@code -c} (such a test is silently not scheduled). This runner turns those into failures too, and
 * ends with a plain {@code jcstress: N passed, N failed} line. It takes jcstress's own options.
 */
public final class StressRunner
{
    private StressRunner()
    {
    }

    /**
     * Runs jcstress with the given options.
     *
     * @param args jcstress options, e.g. {@code -m quick -c 2 -t io.nanostream.stress}.
     * @throws Exception if jcstress cannot run.
     */
    public static void main(final String[] args) throws Exception
    {
        final Options options = new Options(args);
        if (!options.parse())
        {
            System.exit(2);
        }
        final JCStress jcstress = new JCStress(options);
        final SortedSet<String> tests = jcstress.getTests();
        if (tests.isEmpty())
        {
            fail("no jcstress test matches '" + options.getTestFilter() + "'");
        }
        for (final String test : tests)
        {
            final int actors = TestList.getInfo(test).threads();
            if (actors > options.getCPUCount())
            {
                fail(test + " has " + actors + " actors but only " + options.getCPUCount() +
                    " CPUs are in use: jcstress would skip it");
            }
        }

        boolean reportedFailures = false;
        try
        {
            jcstress.run();
        }
        catch (final AssertionError ex)
        {
            System.out.println();
            System.out.println(ex.getMessage());
            reportedFailures = true;
        }

        final Collection<TestResult> results = readResults(options.getResultFile());
        final Set<String> failed = new TreeSet<>();
        final Set<String> ran = new TreeSet<>();
        for (final TestResult result : results)
        {
            if (result.status() != Status.NORMAL || !result.grading().isPassed)
            {
                failed.add(result.getName());
            }
            if (result.getTotalCount() > 0)
            {
                ran.add(result.getName());
            }
        }
        final Set<String> missing = new TreeSet<>(tests);
        missing.removeAll(ran);
        failed.addAll(missing);

        System.out.println();
        if (!missing.isEmpty())
        {
            System.out.println("jcstress: these tests produced no results: " + missing);
        }
        if (!failed.isEmpty())
        {
            System.out.println("jcstress: failed: " + failed + " (see " + options.getResultDest() + "index.html)");
        }
        System.out.println("jcstress: " + (tests.size() - failed.size()) + " passed, " + failed.size() + " failed");
        System.out.flush();
        if (!failed.isEmpty() || reportedFailures)
        {
            System.exit(1);
        }
    }

    private static Collection<TestResult> readResults(final String resultFile) throws IOException,
        ClassNotFoundException
    {
        final InProcessCollector collector = new InProcessCollector();
        final DiskReadCollector reader = new DiskReadCollector(resultFile, collector);
        try
        {
            reader.dump();
        }
        finally
        {
            reader.close();
        }
        return collector.getTestResults();
    }

    private static void fail(final String message)
    {
        System.out.println();
        System.out.println("jcstress: FAILED: " + message);
        System.out.println("jcstress: 0 passed, 1 failed");
        System.out.flush();
        System.exit(1);
    }
}
