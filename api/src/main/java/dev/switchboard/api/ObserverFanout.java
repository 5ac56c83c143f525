package dev.switchboard.api;

/** Calls several observers, in order; an array, so that a call allocates no iterator. */
final class ObserverFanout implements EndpointObserver {

    private final EndpointObserver[] observers;

    /** @param observers none null; owned by this fanout from now on */
    ObserverFanout(EndpointObserver[] observers) {
        this.observers = observers;
    }

    @Override
    public void connectionOpened() {
        for (EndpointObserver observer : observers) {
            observer.connectionOpened();
        }
    }

    @Override
    public void connectionClosed() {
        for (EndpointObserver observer : observers) {
            observer.connectionClosed();
        }
    }

    @Override
    public void requestServed(long serviceNanos) {
        for (EndpointObserver observer : observers) {
            observer.requestServed(serviceNanos);
        }
    }

    @Override
    public void refused(String reason) {
        for (EndpointObserver observer : observers) {
            observer.refused(reason);
        }
    }
}
