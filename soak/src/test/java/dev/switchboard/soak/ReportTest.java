package dev.switchboard.soak;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReportTest {

    private static void assertContains(String expected, String report) {
        assertTrue(report.contains(expected), "no \"" + expected + "\" in:\n" + report);
    }

    @Test
    void aPassingRunSaysPassAndHowLongItRanOnWhatHeap() {
        String report = Report.render(new ResultBuilder().build());

        assertContains("Verdict: **PASS**\n", report);
        assertContains("| traffic | 180.0 s of 180 s asked |", report);
        assertContains("| server | one process, heap 48m (-Xms = -Xmx, pre-touched), 2 loops per endpoint, limits at their defaults |", report);
        assertContains("| load average (1, 5, 15 min) | before 3.10, 2.50, 2.00, after 3.20, 2.60, 2.10 |", report);
    }

    @Test
    void aFailingRunSaysFailThenEachReason() {
        String report = Report.render(new ResultBuilder().died(1, 30).alarms("OutOfMemoryError").build());

        assertContains("Verdict: **FAIL**\n\n- the server died 30 s into the soak, with exit code 1\n- the server's log has 1 line", report);
        assertContains("The server died 30 s into the soak, with exit code 1.", report);
    }

    @Test
    void hasARowPerKindOfClientWithItsCounts() {
        String report = Report.render(new ResultBuilder().build());

        assertContains("| well-behaved tcp-line | tcp-line | 4 | 30000 | 30000 | 0 | 0 |  |  |", report);
        assertContains("| slowloris | tcp-raw, tcp-line, tcp-length-prefixed | 360 | 360 | 0 | 0 | 300 |  |  |", report);
    }

    @Test
    void showsUdpLossAndLateRepliesForTheWellBehavedUdpClientsOnly() {
        String report = Report.render(new ResultBuilder().build());

        assertContains("| well-behaved udp | udp | 4 | 30000 | 29990 | 0 | 0 | 10 (0.03%) | 2 |", report);
    }

    @Test
    void listsTheFirstFailuresOfEachKind() {
        String report = Report.render(new ResultBuilder()
                .client(new Tally.Counts("well-behaved tcp-raw", "tcp-raw", true, 4, 10, 8, 2, 0, 0, 0))
                .failure("well-behaved tcp-raw", "client 0: wrong reply", "client 1: no whole reply").build());

        assertContains("- well-behaved tcp-raw:\n  - client 0: wrong reply\n  - client 1: no whole reply\n", report);
    }

    @Test
    void givesTheMemorySamplesRangeAndTheWindowsCompared() {
        String report = Report.render(new ResultBuilder().build());

        assertContains("180 samples: min 100.0 MiB, median 100.0 MiB, max 100.0 MiB.", report);
        assertContains("After warm-up: median 100.0 MiB at 60-120 s (60 samples), 100.0 MiB at 120-180 s (60 samples):"
                + " +0.0 MiB, 16.0 MiB allowed.", report);
    }

    @Test
    void quotesEachEndpointsFinalCountsAndTheStop() {
        String report = Report.render(new ResultBuilder().build());

        assertContains("- tcp-line: 161507 requests, 161507 replies, 588 refusals (frame-timeout 100)", report);
        assertContains("SIGTERM: exit code 0 after 5300 ms (shutdown grace 5 s).", report);
    }
}
