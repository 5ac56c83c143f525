package dev.switchboard.soak;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one soak run saw, for the {@link Verdict} and the {@link Report}.
 *
 * @param settings what the run was asked to do
 * @param ran how long the traffic actually ran
 * @param clients each kind of client's counts
 * @param failures the first failures each kind of client saw, by kind
 * @param rss the server's resident memory, one sample a second
 * @param rssVerdict whether it grew after warm-up; empty if too few samples to judge
 * @param died the exit code and second of a server that died during the traffic
 * @param clientsStopped whether every client's thread ended when the traffic stopped
 * @param stop how the server ended on SIGTERM; empty if it had died before
 * @param log what the server's log said
 * @param machine the load of the machine before and after, its processors and Java
 */
record SoakResult(SoakSettings settings, Duration ran, List<Tally.Counts> clients,
        Map<String, List<String>> failures, List<Rss.Sample> rss, Optional<RssVerdict> rssVerdict,
        Optional<Death> died, boolean clientsStopped, Optional<ServerProcess.Stop> stop, LogSummary log,
        Machine machine) {

    /**
     * @param exitCode the dead server's exit code
     * @param second seconds after it was ready
     */
    record Death(int exitCode, long second) {}

    /**
     * @param levels lines by level
     * @param alarmCount lines that say the server is broken
     * @param alarms the first of them
     * @param finalCounts each endpoint's final counts, by name
     */
    record LogSummary(Map<String, Long> levels, long alarmCount, List<String> alarms, Map<String, String> finalCounts) {}

    /**
     * @param loadBefore {@code /proc/loadavg}'s three averages when the soak began
     * @param loadAfter the same when it ended
     * @param processors available processors
     * @param java the Java runtime's version, which the server runs on too
     */
    record Machine(String loadBefore, String loadAfter, int processors, String java) {}
}
