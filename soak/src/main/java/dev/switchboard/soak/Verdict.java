package dev.switchboard.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Whether a soak passed, and if not, every reason why, each in a sentence: what broke the server first, then what the clients saw. */
final class Verdict {

    /**
     * The share of well-behaved UDP requests that may go unanswered: UDP may drop a datagram when
     * a socket's buffer is full under the flood, but a server that answers drops few.
     */
    static final double UDP_LOSS_LIMIT_PERCENT = 1.0;

    private Verdict() {}

    /**
     * @param result what the soak saw
     * @return why it failed; empty if it passed
     */
    static List<String> reasons(SoakResult result) {
        List<String> reasons = new ArrayList<>();
        result.died().ifPresent(death -> reasons.add("the server died " + death.second()
                + " s into the soak, with exit code " + death.exitCode()));
        if (result.log().alarmCount() > 0) {
            reasons.add("the server's log has " + result.log().alarmCount() + " line" + (result.log().alarmCount() == 1 ? "" : "s")
                    + " saying it is broken (SEVERE, OutOfMemoryError, a failed loop); the first: " + result.log().alarms().get(0));
        }
        for (Tally.Counts counts : result.clients()) {
            if (counts.failures() > 0) {
                List<String> first = result.failures().getOrDefault(counts.kind(), List.of());
                reasons.add(counts.kind() + ": " + counts.failures() + (counts.failures() == 1 ? " failure" : " failures")
                        + (first.isEmpty() ? "" : "; the first: " + first.get(0))
                        + (first.size() < 2 ? "" : "; the last kept: " + first.get(first.size() - 1)));
            }
            double loss = lossPercent(counts);
            if (counts.wellBehaved() && loss > UDP_LOSS_LIMIT_PERCENT) {
                reasons.add(String.format(Locale.ROOT, "%s lost %.2f%% of its requests (%d of %d), more than the %.1f%% allowed",
                        counts.kind(), loss, counts.lost(), counts.requests(), UDP_LOSS_LIMIT_PERCENT));
            }
        }
        result.rssVerdict().ifPresentOrElse(rss -> {
            if (rss.grew()) {
                reasons.add(String.format(Locale.ROOT, "the server's RSS grew by %.1f MiB after warm-up (median %.1f MiB at %d-%d s,"
                        + " %.1f MiB at %d-%d s), more than the %.1f MiB allowed",
                        mib(rss.growthKib()), mib(rss.baseline().medianKib()), rss.baseline().from(), rss.baseline().to(),
                        mib(rss.last().medianKib()), rss.last().from(), rss.last().to(), mib(rss.allowedKib())));
            }
        }, () -> {
            if (result.died().isEmpty()) {
                reasons.add("too few RSS samples to judge the server's memory (" + result.rss().size() + ")");
            }
        });
        if (!result.clientsStopped()) {
            reasons.add("the soak's own clients did not stop when told to (a bug of the soak)");
        }
        result.stop().ifPresent(stop -> {
            if (!stop.exited()) {
                reasons.add("the server did not exit within " + stop.took().toSeconds() + " s of SIGTERM (killed)");
            } else if (stop.exitCode() != 0) {
                reasons.add("the server exited with code " + stop.exitCode() + " on SIGTERM, not 0");
            }
        });
        return reasons;
    }

    /** @return the share of requests lost, in percent; 0 for a kind that sent none */
    static double lossPercent(Tally.Counts counts) {
        return counts.requests() == 0 ? 0 : 100.0 * counts.lost() / counts.requests();
    }

    static double mib(long kib) {
        return kib / 1024.0;
    }
}
