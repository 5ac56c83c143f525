package dev.switchboard.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each well-behaved client was last answered, so that one that waits in vain can tell a dead
 * event loop (others are answered meanwhile) from a server that answers no one.
 */
final class Liveness {

    private final String transport;
    private final List<AtomicLong> lastAnswered = new ArrayList<>();
    private final List<String> endpoints = new ArrayList<>();

    /** @param transport what its clients speak, {@code "TCP"} or {@code "UDP"}, for messages */
    Liveness(String transport) {
        this.transport = transport;
    }

    /**
     * @param endpoint the client's endpoint
     * @return the client's index, for {@link #answered} and {@link #othersSince}
     */
    synchronized int register(String endpoint) {
        lastAnswered.add(new AtomicLong(System.nanoTime()));
        endpoints.add(endpoint);
        return lastAnswered.size() - 1;
    }

    /** @param client a client's index, answered just now */
    void answered(int client) {
        counter(client).set(System.nanoTime());
    }

    /** @return the {@link System#nanoTime} of the client's last answer, or of its registration */
    long lastAnswered(int client) {
        return counter(client).get();
    }

    /**
     * @param client the client that waits
     * @param since in {@link System#nanoTime} terms
     * @return how the other clients fared since then, as a sentence
     */
    synchronized String othersSince(int client, long since) {
        int others = lastAnswered.size() - 1;
        int answered = 0;
        int sameEndpoint = 0;
        for (int i = 0; i < lastAnswered.size(); i++) {
            if (i != client && lastAnswered.get(i).get() - since > 0) {
                answered++;
                if (endpoints.get(i).equals(endpoints.get(client))) {
                    sameEndpoint++;
                }
            }
        }
        if (answered == 0) {
            return "no other well-behaved " + transport + " client was answered meanwhile: the server stopped answering " + transport;
        }
        return answered + " of the " + others + " other well-behaved " + transport + " clients (" + sameEndpoint + " on "
                + endpoints.get(client) + ") were answered meanwhile: a loop stopped serving this client";
    }

    private synchronized AtomicLong counter(int client) {
        return lastAnswered.get(client);
    }
}
