package dev.switchboard.benchmarks.runner;

/** The three endpoints every server under test offers, one per framing the workloads need. */
enum EndpointKind {
    /** TCP, raw framing: what one read delivers is one request. */
    TCP_RAW,
    /** TCP, line framing: each LF-terminated line is one request. */
    TCP_LINE,
    /** UDP: each datagram is one request. */
    UDP
}
