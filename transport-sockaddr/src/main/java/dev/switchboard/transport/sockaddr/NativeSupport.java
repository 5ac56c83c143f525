package dev.switchboard.transport.sockaddr;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a module can make its Linux socket calls through the Foreign Function & Memory API in
 * this process: on Linux, on an architecture whose structure layouts the modules know, with native
 * access granted to the module.
 */
public final class NativeSupport {

    /** The architectures whose socket and epoll structure layouts the modules know. */
    private static final Set<String> ARCHITECTURES = Set.of("amd64", "x86_64", "aarch64");

    private NativeSupport() {}

    /**
     * @param module the module that makes the calls
     * @param calls what it calls, for the message, such as {@code "epoll"}
     * @param link links the module's calls, if not done yet; a {@link LinkageError} from it means
     *     the C library lacks one
     * @return null if the module can make its calls here, now linked; else why not
     */
    public static String unavailableReason(Module module, String calls, Runnable link) {
        String unavailable = platformUnavailableReason(module, calls);
        if (unavailable != null) {
            return unavailable;
        }
        try {
            link.run();
            return null;
        } catch (LinkageError e) {
            return "the C library's " + calls + " calls could not be linked: " + e;
        }
    }

    private static String platformUnavailableReason(Module module, String calls) {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return calls + " is Linux's, and this is " + os;
        }
        if (!ARCHITECTURES.contains(arch)) {
            return "the structures " + calls + " takes are known for x86-64 and AArch64 only, and this is " + arch;
        }
        if (!module.isNativeAccessEnabled()) {
            String name = module.isNamed() ? module.getName() : "ALL-UNNAMED";
            return "native access is not enabled for " + name + " (--enable-native-access=" + name + ")";
        }
        return null;
    }
}
