package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which native path a transport takes, or why none: the provider's own word, its failure, its absence. */
class NativePathTest {

    private static final String MODULE = "example.natives";

    @Test
    void takesTheProviderThatSaysItIsUsable() {
        NativePath<String> path = NativePath.of(Optional.of("provider"), MODULE, provider -> null);
        assertEquals("provider", path.provider());
        assertNull(path.unavailableReason());
    }

    @Test
    void passesOnWhyTheProviderCannotBeUsed() {
        NativePath<String> path = NativePath.of(Optional.of("provider"), MODULE, provider -> "no native access");
        assertNull(path.provider());
        assertEquals("no native access", path.unavailableReason());
    }

    @Test
    void saysTheModuleFailedToInitialiseWhenItsCheckThrows() {
        NativePath<String> path = NativePath.of(Optional.of("provider"), MODULE, provider -> {
            throw new UnsatisfiedLinkError("no recvmmsg");
        });
        assertNull(path.provider());
        assertEquals("the module example.natives failed to initialise: java.lang.UnsatisfiedLinkError: no recvmmsg",
                path.unavailableReason());
    }

    @Test
    void namesTheModuleThatIsNotOnTheModulePath() {
        NativePath<String> path = NativePath.of(Optional.empty(), MODULE, provider -> null);
        assertNull(path.provider());
        assertTrue(path.unavailableReason().startsWith("the module example.natives is not on the module path ("),
                path.unavailableReason());
    }
}
