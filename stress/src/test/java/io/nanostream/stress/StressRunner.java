package io.nanostream.stress;

import java.io.IOException;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.openjdk.jcstress.JCStress;
import org.openjdk.jcstress.Options;
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
 * {@code -c} (such a test is silently not scheduled). This runner turns those into failures too.
 * It takes jcstress's own options.
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

        try
        {
            jcstress.run();
        }
        catch (final AssertionError ex)
        {
            System.out.println();
            System.out.println(ex.getMessage());
            fail("jcstress reported failures (see above and " + options.getResultDest() + "index.html)");
        }

        final Set<String> ran = testsWithResults(options.getResultFile());
        final Set<String> missing = new TreeSet<>(tests);
        missing.removeAll(ran);
        if (!missing.isEmpty())
        {
            fail("these tests produced no results: " + missing);
        }
        System.out.println("jcstress: " + tests.size() + " tests ran, no forbidden outcome, no error.");
    }

    private static Set<String> testsWithResults(final String resultFile) throws IOException, ClassNotFoundException
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
        final Set<String> names = new TreeSet<>();
        for (final TestResult result : collector.getTestResults())
        {
            if (result.getTotalCount() > 0)
            {
                names.add(result.getName());
            }
        }
        return names;
    }

    private static void fail(final String message)
    {
        System.out.println();
        System.out.println("jcstress: FAILED: " + message);
        System.out.flush();
        System.exit(1);
    }
}
