package dev.switchboard.launcher.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.launcher.TestPlugins;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassReferencesTest {

    @TempDir
    Path directory;

    private Set<String> packagesOf(String className, String source) throws IOException {
        return ClassReferences.packages(ByteBuffer.wrap(Files.readAllBytes(TestPlugins.compile(directory, className, source))));
    }

    @Test
    void findsThePackageOfAClassTheCodeCreates() throws IOException {
        Set<String> packages = packagesOf("Creates", """
                public class Creates {
                    Object now() {
                        return new java.sql.Timestamp(0L);
                    }
                }
                """);
        assertTrue(packages.contains("java.sql"), packages.toString());
    }

    @Test
    void findsAPackageNamedOnlyInAMethodDescriptor() throws IOException {
        Set<String> packages = packagesOf("Takes", """
                public class Takes {
                    void take(java.sql.Date date) {}
                }
                """);
        assertTrue(packages.contains("java.sql"), packages.toString());
    }

    @Test
    void findsAPackageNamedOnlyInAGenericSignature() throws IOException {
        Set<String> packages = packagesOf("Holds", """
                public class Holds {
                    java.util.List<java.net.http.HttpClient> clients;
                }
                """);
        assertTrue(packages.contains("java.net.http"), packages.toString());
        assertTrue(packages.contains("java.util"), packages.toString());
    }

    @Test
    void leavesStringConstantsOut() throws IOException {
        Set<String> packages = packagesOf("Says", """
                public class Says {
                    String[] names() {
                        return new String[] {"java/sql/Date", "Ljava/sql/Date;"};
                    }
                }
                """);
        assertFalse(packages.contains("java.sql"), packages.toString());
    }

    @Test
    void leavesTheUnnamedPackageOut() throws IOException {
        assertEquals(Set.of("java.lang"), packagesOf("Alone", "public class Alone {}\n"));
    }

    @Test
    void refusesBytesThatAreNotAClassFile() {
        assertThrows(IllegalArgumentException.class,
                () -> ClassReferences.packages(ByteBuffer.wrap(new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0})));
    }

    @Test
    void refusesATruncatedClassFile() {
        assertThrows(IllegalArgumentException.class,
                () -> ClassReferences.packages(ByteBuffer.wrap(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 9})));
    }
}
