package dev.switchboard.transport.udp.mmsg;

import dev.switchboard.transport.udp.batch.BatchDatagramProvider;
import dev.switchboard.transport.udp.batch.BatchDatagramSocket;
import java.io.IOException;
import java.net.ProtocolFamily;
import java.util.Locale;
import java.util.Set;

/**
 * Batched datagram sockets through {@code recvmmsg} and {@code sendmmsg}, called through the Foreign
 * Function & Memory API: usable on Linux (x86-64, AArch64) when this module has native access.
 * The udp transport finds it through {@link java.util.ServiceLoader}.
 */
public final class MmsgProvider implements BatchDatagramProvider {

    /** The architectures whose {@code struct msghdr} layout and socket constants this module uses. */
    private static final Set<String> ARCHITECTURES = Set.of("amd64", "x86_64", "aarch64");

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public MmsgProvider() {}

    /**
     * @return null on Linux x86-64 or AArch64 with native access granted to this module and the C
     *     library's calls linked; else why not
     */
    @Override
    public String unavailableReason() {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "recvmmsg and sendmmsg are Linux's, and this is " + os;
        }
        String arch = System.getProperty("os.arch", "");
        if (!ARCHITECTURES.contains(arch)) {
            return "the batched module knows the socket structures of x86-64 and AArch64 only, and this is " + arch;
        }
        Module module = MmsgProvider.class.getModule();
        if (!module.isNativeAccessEnabled()) {
            String name = module.isNamed() ? module.getName() : "ALL-UNNAMED";
            return "native access is not enabled for " + name + " (--enable-native-access=" + name + ")";
        }
        try {
            Syscalls.ensureLinked();
            return null;
        } catch (LinkageError e) {
            return "the C library's socket calls could not be linked: " + e;
        }
    }

    @Override
    public BatchDatagramSocket open(ProtocolFamily family) throws IOException {
        return NativeDatagramSocket.open(family);
    }
}
