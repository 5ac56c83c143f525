package dev.switchboard.soak;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The soak, run by the failsafe plugin in {@code mvn -Psoak verify}: one server from the
 * distribution under mixed and hostile traffic, its report on standard output and in
 * {@code soak/target/soak-report.md}.
 */
class SoakIT {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // SoakSettings.HARD_CAP: each phase is bounded well within it
    void oneServerAnswersEveryWellBehavedClientThroughHostileTrafficWithoutGrowingDyingOrFailingToStop() throws Exception {
        SoakSettings settings = SoakSettings.from(System.getProperties());

        SoakResult result = Soak.run(settings);

        String report = Report.render(result);
        Path file = Files.writeString(settings.directory().resolve("soak-report.md"), report);
        System.out.println(report);
        List<String> reasons = Verdict.reasons(result);
        assertTrue(reasons.isEmpty(), "the soak failed (" + file + "):\n- " + String.join("\n- ", reasons));
    }
}
