package dev.switchboard.transport.sockaddr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each call's number against the kernel's own headers, where the machine has them (Debian's
 * {@code linux-libc-dev}): x86-64's {@code asm/unistd_64.h} and the generic table AArch64 uses.
 */
class SystemCallTest {

    private static final Pattern DEFINE = Pattern.compile("#define __NR(?:3264)?_(\\w+)\\s+(\\d+)");

    @Test
    void numbersAreX86_64s() throws IOException {
        Map<String, Long> kernel = numbers(Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h"));
        for (SystemCall call : SystemCall.values()) {
            assertEquals(kernel.get(name(call)), call.x86_64, call.name());
        }
    }

    @Test
    void numbersAreAarch64s() throws IOException {
        Map<String, Long> kernel = numbers(Path.of("/usr/include/asm-generic/unistd.h"));
        for (SystemCall call : SystemCall.values()) {
            assertEquals(kernel.get(name(call)), call.aarch64, call.name());
        }
    }

    @Test
    void theCLibraryHasSyscall() {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "Linux only");
        assertTrue(SystemCall.function().address() != 0);
    }

    private static String name(SystemCall call) {
        return call.name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Long> numbers(Path header) throws IOException {
        assumeTrue(Files.isReadable(header), header + " is not on this machine");
        Map<String, Long> numbers = new HashMap<>();
        Matcher define = DEFINE.matcher(Files.readString(header));
        while (define.find()) {
            numbers.putIfAbsent(define.group(1), Long.parseLong(define.group(2)));
        }
        return numbers;
    }
}
