package dev.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointObserverTest {

    /** Records each call as a line. */
    private static final class Recording implements EndpointObserver {

        private final String name;
        private final List<String> calls;

        Recording(String name, List<String> calls) {
            this.name = name;
            this.calls = calls;
        }

        @Override
        public void connectionOpened() {
            calls.add(name + " opened");
        }

        @Override
        public void connectionClosed() {
            calls.add(name + " closed");
        }

        @Override
        public void requestServed(long serviceNanos) {
            calls.add(name + " served " + serviceNanos);
        }

        @Override
        public void refused(String reason) {
            calls.add(name + " refused " + reason);
        }
    }

    @Test
    void allCallsEveryObserverInOrder() {
        List<String> calls = new ArrayList<>();
        EndpointObserver both = EndpointObserver.all(List.of(new Recording("a", calls), new Recording("b", calls)));

        both.connectionOpened();
        both.requestServed(42);
        both.refused("max-connections");
        both.connectionClosed();

        assertEquals(List.of("a opened", "b opened", "a served 42", "b served 42",
                "a refused max-connections", "b refused max-connections", "a closed", "b closed"), calls);
    }

    @Test
    void allOfNoneIsTheObserverThatObservesNothing() {
        assertSame(EndpointObserver.NONE, EndpointObserver.all(List.of()));
    }

    @Test
    void allOfOneIsThatOne() {
        EndpointObserver one = new Recording("a", new ArrayList<>());

        assertSame(one, EndpointObserver.all(List.of(one)));
    }
}
