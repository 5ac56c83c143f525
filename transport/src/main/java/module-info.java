/**
 * Building blocks shared by Switchboard's transports, and available to third-party ones: counters
 * that cost a plain store per event, rate-limited logging, the bounded worker pool that runs
 * blocking services, the settings every endpoint has, who is admitted (CIDR allow and deny lists,
 * per-source token buckets), and the naming of threads and addresses and the shutdown deadline that
 * make transports behave alike.
 */
module dev.switchboard.transport {
    requires transitive dev.switchboard.api;

    exports dev.switchboard.transport;
}
