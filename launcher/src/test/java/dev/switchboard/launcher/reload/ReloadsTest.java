package dev.switchboard.launcher.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.Await;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reload requests: one reload at a time, those that arrive during one coalesced into one more. */
@Timeout(30)
class ReloadsTest {

    private final CountDownLatch firstHeld = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private final List<Boolean> runs = new CopyOnWriteArrayList<>();
    private volatile boolean lastRequestMade;

    private void reload() {
        runs.add(lastRequestMade);
        if (runs.size() == 1) {
            firstHeld.countDown();
            try {
                assertTrue(releaseFirst.await(20, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void runsOneMoreReloadForAllTheRequestsMadeDuringOne() throws InterruptedException {
        Reloads reloads = new Reloads(this::reload);
        reloads.request();
        assertTrue(firstHeld.await(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the first reload never ran");

        for (int i = 0; i < 5; i++) {
            reloads.request();
        }
        releaseFirst.countDown();
        Await.until(() -> runs.size() == 2, "the second reload");
        lastRequestMade = true;
        reloads.request();
        Await.until(() -> runs.size() == 3, "the third reload");

        assertEquals(List.of(false, false, true), runs, "the third ran for the last request, not for one of the five");
    }
}
