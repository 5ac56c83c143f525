package dev.switchboard.transport.stream.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.FrameCodecContext;
import dev.switchboard.api.FrameCodecProvider;
import dev.switchboard.api.Framings;
import dev.switchboard.testkit.TestSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvidersTest {

    @Test
    void theModuleDeclaresTheThreeBuiltInFramings() {
        List<String> providers = RawCodecProvider.class.getModule().getDescriptor().provides().stream()
                .filter(provides -> provides.service().equals(FrameCodecProvider.class.getName()))
                .flatMap(provides -> provides.providers().stream())
                .toList();
        assertEquals(List.of(RawCodecProvider.class.getName(), LineCodecProvider.class.getName(),
                LengthPrefixedCodecProvider.class.getName()), providers);
        assertEquals(List.of("raw", "line", "length-prefixed"),
                List.of(new RawCodecProvider().name(), new LineCodecProvider().name(), new LengthPrefixedCodecProvider().name()));
    }

    @Test
    void theInstalledFramingsFindEachByName() {
        Framings installed = Framings.installed();
        FrameCodecContext context = new FrameCodecContext("test", "line", 64, TestSettings.forTransport("stream", ""));
        assertInstanceOf(RawCodec.class, installed.find("raw").orElseThrow().create(context));
        assertInstanceOf(LineCodec.class, installed.find("line").orElseThrow().create(context));
        assertInstanceOf(LengthPrefixedCodec.class, installed.find("length-prefixed").orElseThrow().create(context));
        assertTrue(installed.find("lines").isEmpty());
    }

    @Test
    void eachCodecTakesTheLargestMessageFromTheContext() {
        FrameCodecContext context = new FrameCodecContext("test", "x", 100, TestSettings.forTransport("stream", ""));
        assertEquals(100, new RawCodecProvider().create(context).maxFrameBytes());
        assertEquals(102, new LineCodecProvider().create(context).maxFrameBytes());
        assertEquals(104, new LengthPrefixedCodecProvider().create(context).maxFrameBytes());
    }
}
