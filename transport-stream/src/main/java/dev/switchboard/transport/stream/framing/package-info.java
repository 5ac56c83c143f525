/**
 * The built-in framings, {@code raw}, {@code line} and {@code length-prefixed}: providers of the
 * {@link dev.switchboard.api.FrameCodec} SPI like any plugin's, found by name through
 * {@link java.util.ServiceLoader}. Not exported: transports reach them by name only.
 */
package dev.switchboard.transport.stream.framing;
