package dev.switchboard.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void aHealthyRunPasses() {
        assertEquals(List.of(), Verdict.reasons(new ResultBuilder().build()));
    }

    @Test
    void eachKindWithFailuresIsAReasonQuotingItsFirstAndLastKeptFailure() {
        SoakResult result = new ResultBuilder()
                .client(new Tally.Counts("well-behaved tcp-raw", "tcp-raw", true, 20, 123, 103, 20, 4, 0, 0))
                .failure("well-behaved tcp-raw", "client 1: the server closed the connection", "client 2: no whole reply within 10 s")
                .build();

        assertEquals(List.of("well-behaved tcp-raw: 20 failures; the first: client 1: the server closed the connection;"
                + " the last kept: client 2: no whole reply within 10 s"), Verdict.reasons(result));
    }

    @Test
    void aHostileFrameNotRefusedIsAReason() {
        SoakResult result = new ResultBuilder()
                .client(new Tally.Counts("oversized frames", "tcp-line", false, 10, 10, 0, 1, 9, 0, 0))
                .failure("oversized frames", "a line of 65537 bytes was not refused")
                .build();

        assertEquals(List.of("oversized frames: 1 failure; the first: a line of 65537 bytes was not refused"),
                Verdict.reasons(result));
    }

    @Test
    void udpLossAboveTheLimitIsAReasonButASmallLossIsNot() {
        SoakResult result = new ResultBuilder()
                .client(new Tally.Counts("well-behaved udp 2", "udp", true, 4, 1_000, 970, 0, 0, 30, 0))
                .build();

        assertEquals(List.of("well-behaved udp 2 lost 3.00% of its requests (30 of 1000), more than the 1.0% allowed"),
                Verdict.reasons(result));
    }

    @Test
    void aServerThatDiedIsAReasonAndItsMemoryIsNotJudged() {
        assertEquals(List.of("the server died 42 s into the soak, with exit code 3"),
                Verdict.reasons(new ResultBuilder().died(3, 42).build()));
    }

    @Test
    void alarmingLogLinesAreAReasonQuotingTheFirst() {
        SoakResult result = new ResultBuilder().alarms("Exception in thread \"switchboard-tcp-raw-loop-1\" java.lang.OutOfMemoryError: Java heap space",
                "SEVERE ...").build();

        assertEquals(List.of("the server's log has 2 lines saying it is broken (SEVERE, OutOfMemoryError, a failed loop);"
                + " the first: Exception in thread \"switchboard-tcp-raw-loop-1\" java.lang.OutOfMemoryError: Java heap space"),
                Verdict.reasons(result));
    }

    @Test
    void whatTheLogSaysBrokeComesBeforeWhatTheClientsSaw() {
        SoakResult result = new ResultBuilder()
                .client(new Tally.Counts("well-behaved tcp-raw", "tcp-raw", true, 4, 10, 9, 1, 0, 0, 0))
                .failure("well-behaved tcp-raw", "client 0: no whole reply within 10 s")
                .alarms("Exception in thread \"switchboard-tcp-raw-loop-0\" java.lang.OutOfMemoryError: Java heap space")
                .build();

        List<String> reasons = Verdict.reasons(result);

        assertEquals(2, reasons.size());
        assertTrue(reasons.get(0).startsWith("the server's log has 1 line saying it is broken"), reasons.get(0));
        assertTrue(reasons.get(1).startsWith("well-behaved tcp-raw: 1 failure"), reasons.get(1));
    }

    @Test
    void memoryGrowthAfterWarmUpIsAReasonWithBothMedians() {
        List<Rss.Sample> growing = new ArrayList<>();
        for (long second = 0; second < 180; second++) {
            growing.add(new Rss.Sample(second, second < 120 ? 100 * 1024 : 130 * 1024));
        }

        assertEquals(List.of("the server's RSS grew by 30.0 MiB after warm-up (median 100.0 MiB at 60-120 s,"
                + " 130.0 MiB at 120-180 s), more than the 16.0 MiB allowed"),
                Verdict.reasons(new ResultBuilder().rss(growing).build()));
    }

    @Test
    void tooFewMemorySamplesOfALiveServerIsAReason() {
        assertEquals(List.of("too few RSS samples to judge the server's memory (0)"),
                Verdict.reasons(new ResultBuilder().rss(List.of()).build()));
    }

    @Test
    void aNonZeroExitOnSigtermIsAReason() {
        SoakResult result = new ResultBuilder().stop(new ServerProcess.Stop(true, 143, Duration.ofMillis(200))).build();

        assertEquals(List.of("the server exited with code 143 on SIGTERM, not 0"), Verdict.reasons(result));
    }

    @Test
    void aServerStillRunningAfterTheStopBoundIsAReason() {
        SoakResult result = new ResultBuilder().stop(new ServerProcess.Stop(false, -1, Duration.ofSeconds(10))).build();

        assertEquals(List.of("the server did not exit within 10 s of SIGTERM (killed)"), Verdict.reasons(result));
    }

    @Test
    void clientsThatDidNotStopAreAReason() {
        assertEquals(List.of("the soak's own clients did not stop when told to (a bug of the soak)"),
                Verdict.reasons(new ResultBuilder().clientsDidNotStop().build()));
    }
}
