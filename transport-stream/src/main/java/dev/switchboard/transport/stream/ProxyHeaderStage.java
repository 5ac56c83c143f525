package dev.switchboard.transport.stream;

import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.transport.Refusal;
import dev.switchboard.transport.SourceKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * One loop's reader of PROXY protocol headers, ahead of the framing. A trusted balancer's connection
 * must start with a header of an accepted version: until it is whole, its bytes are held as a
 * partial request would be (and {@code frame-timeout} bounds the wait, from the connection's start:
 * {@link Timeouts}); once whole, the client it names is admitted by the endpoint's
 * {@link SourceAdmission} (the {@code allow} and {@code deny} lists, the per-source limits) and
 * becomes the connection's peer, in its {@link dev.switchboard.api.RequestContext} and in the logs,
 * and the bytes after the header go on to the framing. Any other connection's first bytes are screened: one that starts with a header is
 * refused, which is what a balancer missing from {@code proxy-protocol-trusted} looks like. A missing,
 * truncated, malformed, oversized or untrusted header closes the connection, counted and logged as
 * the {@code proxy-protocol} refusal. Used by the loop's thread only.
 */
final class ProxyHeaderStage {

    private final Endpoint endpoint;
    private final ProxyProtocol.Version version;
    private final Connections connections;

    /** @param connections refuses a connection */
    ProxyHeaderStage(Endpoint endpoint, Connections connections) {
        this.endpoint = endpoint;
        this.version = endpoint.settings().proxyProtocol().version();
        this.connections = connections;
    }

    /**
     * The stage a newly registered connection starts in.
     *
     * @param proxy the endpoint's PROXY protocol settings
     * @param peer its peer
     * @return whether its header is expected, its first bytes are to be screened, or neither
     */
    static Connection.ProxyStage initial(ProxyProtocol proxy, SocketAddress peer) {
        return !proxy.isOn() ? Connection.ProxyStage.NONE
                : proxy.expectsHeaderFrom(peer) ? Connection.ProxyStage.EXPECTED
                : Connection.ProxyStage.SCREENED;
    }

    /**
     * Takes the header from the start of {@code in}, or screens the first bytes of a connection that
     * is not a balancer's.
     *
     * @param c a connection whose stage is not {@link Connection.ProxyStage#NONE}
     * @param in its input so far, between position and limit; on success the position is past the header
     * @return whether what is left of {@code in} goes on to the framing; if not, more bytes are needed
     *     (they are held as a partial request is) or the connection was refused
     */
    boolean take(Connection c, ByteBuffer in) {
        if (c.proxyStage == Connection.ProxyStage.SCREENED) {
            if (!in.hasRemaining()) {
                return true;
            }
            c.proxyStage = Connection.ProxyStage.NONE;
            if (ProxyHeader.startsWithHeader(in)) {
                refuse(c, "it sent a PROXY protocol header, but proxy-protocol-trusted does not list it");
                return false;
            }
            return true;
        }
        ProxyHeader header;
        try {
            header = ProxyHeader.parse(in, version);
        } catch (ProxyHeader.Malformed e) {
            refuse(c, e.getMessage());
            return false;
        }
        if (header == null) {
            return false;
        }
        in.position(in.position() + header.length());
        c.proxyStage = Connection.ProxyStage.NONE;
        return header.client() == null || admit(c, header.client());
    }

    /** The connection ended before its header was whole: refused if it sent part of one. */
    void ended(Connection c, ByteBuffer in) {
        if (c.proxyStage == Connection.ProxyStage.EXPECTED && in.hasRemaining()) {
            refuse(c, "it closed the connection after " + in.remaining() + " bytes of a PROXY protocol header");
        }
    }

    private boolean admit(Connection c, InetSocketAddress client) {
        SourceAdmission admission = endpoint.admission();
        SourceKey source = admission.sourceOf(client);
        Refusal refusal = admission.openBehindBalancer(client, source, System.nanoTime());
        if (refusal != null) {
            String balancer = connections.peer(c);
            connections.refuse(c, refusal, WARNING, () -> admission.explain(refusal, client) + " (through " + balancer + ")");
            return false;
        }
        c.source = source;
        c.context = endpoint.served().requestContext(client, c.context.localAddress());
        return true;
    }

    private void refuse(Connection c, String why) {
        connections.refuse(c, Refusal.PROXY_PROTOCOL, WARNING,
                () -> "closing the connection from " + connections.peer(c) + ": " + why);
    }
}
