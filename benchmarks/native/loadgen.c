/*
 * Switchboard's native load generator: the workloads of the Java one (dev.switchboard.benchmarks.load)
 * on one thread and one epoll set, so that it takes as little CPU as it can from a server sharing its
 * cores. Every reply is checked byte for byte against the ASCII upper case of its request; requests
 * are encoded exactly as the Java generator's (Payload.java), so that a wrong, foreign or cut reply
 * fails the run with a message naming connection, request and byte. It prints the Java generator's
 * one-line JSON result, then one line for people; a failure goes to stderr as "load: FAILED: ..."
 * with exit code 1, a usage error with exit code 2.
 *
 * Workloads: tcp-pingpong (closed loop, or open loop with --rate), tcp-pipelined (line framing),
 * udp-pingpong, tcp-churn. tcp-idle, which reads the server's memory through jcmd, is the Java
 * generator's only.
 *
 * Built by the benchmark runner: gcc -O2 -std=gnu11 -o loadgen loadgen.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

/* The request encoding, as Payload.java: "llll-ssssssssss " then filler; a-z raised in the reply. */
#define LANE_LETTERS 4
#define SEQUENCE_LETTERS 10
#define HEADER_BYTES (LANE_LETTERS + 1 + SEQUENCE_LETTERS + 1)
#define MIN_SIZE (HEADER_BYTES + 1)
#define MAX_LANES (26 * 26 * 26 * 26)
#define CONTEXT_BYTES 24
static const char FILLER[] = "the quick brown fox jumps over the lazy dog; 0123456789, ok? ";

#define READ_BUFFER_BYTES (64 * 1024)
#define MAX_EVENTS 1024
/* UDP: datagrams one recvmmsg or sendmmsg handles at most. */
#define UDP_BATCH 64
/* UDP loss timeouts are checked this often: the timeout is 200 ms by default. */
#define TIMEOUT_SCAN_NS 1000000LL
#define HIGHEST_LATENCY_NS 60000000000LL

enum workload { TCP_PINGPONG, TCP_PIPELINED, UDP_PINGPONG, TCP_CHURN };
static const char *const WORKLOAD_NAMES[] = {"tcp-pingpong", "tcp-pipelined", "udp-pingpong", "tcp-churn"};

static struct {
    enum workload workload;
    const char *host;
    int port;
    int connections;
    int size;
    int depth;
    int64_t warmup_ns;
    int64_t duration_ns;
    int64_t udp_timeout_ns;
    /* Open loop: requests per second over all connections; 0 = closed loop. */
    double rate;
    const char *label;
} spec;

static struct sockaddr_storage server;
static socklen_t server_length;
static unsigned char *request_template;
static unsigned char *reply_template;
static unsigned char read_buffer[READ_BUFFER_BYTES];
static int epoll_fd;
static int64_t measure_from;
static int64_t measure_until;

/* ---- failures ---------------------------------------------------------------------------- */

static void fail(const char *format, ...) __attribute__((noreturn, format(printf, 1, 2)));

static void fail(const char *format, ...) {
    va_list args;
    va_start(args, format);
    fputs("load: FAILED: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
    exit(1);
}

static void usage_error(const char *format, ...) __attribute__((noreturn, format(printf, 1, 2)));

static void usage_error(const char *format, ...) {
    va_list args;
    va_start(args, format);
    fputs("load: ", stderr);
    vfprintf(stderr, format, args);
    fputs("\nusage: loadgen --workload tcp-pingpong|tcp-pipelined|udp-pingpong|tcp-churn [--host 127.0.0.1]"
          " [--port 12000]\n               [--connections N] [--size BYTES] [--depth N] [--warmup 5s]"
          " [--duration 10s]\n               [--rate N/s] [--udp-timeout 200ms] [--label NAME]\n", stderr);
    va_end(args);
    exit(2);
}

/* Appends byte b as the Java generator describes it: 'A' (0x41), or 0x0a. */
static void describe(char *out, size_t length, int b) {
    if (b >= 0x20 && b < 0x7f) {
        snprintf(out, length, "'%c' (0x%02x)", b, b);
    } else {
        snprintf(out, length, "0x%02x", b);
    }
}

/* Writes bytes[from, to) with non-printable ones as \xNN. */
static void printable(char *out, const unsigned char *bytes, int from, int to) {
    for (int i = from; i < to; i++) {
        int b = bytes[i];
        out += (b >= 0x20 && b < 0x7f) ? sprintf(out, "%c", b) : sprintf(out, "\\x%02x", b);
    }
    *out = 0;
}

/*
 * Fails on a wrong byte: reply byte `index` is received[index - first] where `received` holds the
 * reply's bytes first .. first + available - 1.
 */
static void wrong_reply(const char *lane, int64_t sequence, const unsigned char *expected, int index,
        const unsigned char *received, int first, int available) {
    char got[32], want[32], expected_text[4 * 2 * CONTEXT_BYTES + 1], received_text[4 * 2 * CONTEXT_BYTES + 1];
    int from = index - CONTEXT_BYTES > first ? index - CONTEXT_BYTES : first;
    int to = index + CONTEXT_BYTES < first + available ? index + CONTEXT_BYTES : first + available;
    to = to < spec.size ? to : spec.size;
    describe(got, sizeof got, received[index - first]);
    describe(want, sizeof want, expected[index]);
    printable(expected_text, expected, from, to);
    printable(received_text, received, from - first, to - first);
    fail("wrong reply on %s to request #%lld (%d bytes): byte %d is %s, expected %s\n"
         "  expected ...%s...\n  received ...%s...",
            lane, (long long) sequence, spec.size, index, got, want, expected_text, received_text);
}

/* ---- time and latency -------------------------------------------------------------------- */

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t) t.tv_sec * 1000000000LL + t.tv_nsec;
}

/*
 * A log-linear histogram of nanoseconds: exact below 1,024, then 512 linear steps per power of two
 * (at most 0.2 % above the value recorded), up to a minute.
 */
#define SUB_BITS 10
#define SUB_COUNT (1 << SUB_BITS)
#define HALF_COUNT (SUB_COUNT / 2)
#define BUCKETS (SUB_COUNT + (64 - SUB_BITS) * HALF_COUNT)

struct histogram {
    uint64_t counts[BUCKETS];
    uint64_t total;
    int64_t max;
};

static struct {
    struct histogram latency;
    /* Open loop: how long after its intended time each request actually left. */
    struct histogram send_lag;
    long long messages;
    long long bytes;
    long long lost;
    long long late;
} recorder;

static int bucket_of(uint64_t value) {
    if (value < SUB_COUNT) {
        return (int) value;
    }
    int shift = 63 - __builtin_clzll(value) - (SUB_BITS - 1);
    return SUB_COUNT + (shift - 1) * HALF_COUNT + (int) ((value >> shift) - HALF_COUNT);
}

/* The largest value a bucket holds, as HdrHistogram reports percentiles. */
static uint64_t highest_in(int bucket) {
    if (bucket < SUB_COUNT) {
        return (uint64_t) bucket;
    }
    int shift = (bucket - SUB_COUNT) / HALF_COUNT + 1;
    uint64_t top = (uint64_t) ((bucket - SUB_COUNT) % HALF_COUNT + HALF_COUNT);
    return ((top + 1) << shift) - 1;
}

static void record(struct histogram *histogram, int64_t nanos) {
    nanos = nanos < 0 ? 0 : nanos > HIGHEST_LATENCY_NS ? HIGHEST_LATENCY_NS : nanos;
    histogram->counts[bucket_of((uint64_t) nanos)]++;
    histogram->total++;
    if (nanos > histogram->max) {
        histogram->max = nanos;
    }
}

static double percentile_us(const struct histogram *histogram, double percentile) {
    if (histogram->total == 0) {
        return 0;
    }
    uint64_t wanted = (uint64_t) (percentile / 100.0 * (double) histogram->total + 0.5);
    if (wanted < 1) {
        wanted = 1;
    }
    uint64_t seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
        seen += histogram->counts[i];
        if (seen >= wanted) {
            return highest_in(i) / 1000.0;
        }
    }
    return histogram->max / 1000.0;
}

/* The largest value recorded, as HdrHistogram reports it: the highest value of its bucket. */
static double max_us(const struct histogram *histogram) {
    return histogram->total == 0 ? 0 : highest_in(bucket_of((uint64_t) histogram->max)) / 1000.0;
}

static int measuring(int64_t now) {
    return now >= measure_from && now < measure_until;
}

static void completed(int64_t sent_at, int64_t now) {
    if (measuring(now)) {
        record(&recorder.latency, now - sent_at);
        recorder.messages++;
        recorder.bytes += spec.size;
    }
}

/* ---- requests ---------------------------------------------------------------------------- */

static void write_letters(unsigned char *bytes, int offset, int letters, long long value, char base) {
    for (int i = offset + letters - 1; i >= offset; i--) {
        bytes[i] = (unsigned char) (base + value % 26);
        value /= 26;
    }
}

/* Writes lane and sequence into a request (lowercase) or an expected reply (upper case). */
static void stamp(unsigned char *bytes, int lane, long long sequence, char base) {
    write_letters(bytes, 0, LANE_LETTERS, lane, base);
    write_letters(bytes, LANE_LETTERS + 1, SEQUENCE_LETTERS, sequence, base);
}

/* Reads letters in either case; -1 if a byte is no letter or the datagram is too short. */
static long long read_letters(const unsigned char *bytes, int length, int offset, int letters) {
    if (length < offset + letters) {
        return -1;
    }
    long long value = 0;
    for (int i = offset; i < offset + letters; i++) {
        int digit = (bytes[i] | 0x20) - 'a';
        if (digit < 0 || digit >= 26) {
            return -1;
        }
        value = value * 26 + digit;
    }
    return value;
}

static void make_templates(int line_terminated) {
    size_t size = (size_t) spec.size;
    request_template = malloc(size);
    reply_template = malloc(size);
    for (size_t i = 0; i < size; i++) {
        int last = i + 1 == size;
        request_template[i] = (unsigned char) (line_terminated && last ? '\n' : FILLER[i % (sizeof FILLER - 1)]);
    }
    request_template[LANE_LETTERS] = '-';
    request_template[HEADER_BYTES - 1] = ' ';
    for (size_t i = 0; i < size; i++) {
        unsigned char b = request_template[i];
        reply_template[i] = (b >= 'a' && b <= 'z') ? (unsigned char) (b - ('a' - 'A')) : b;
    }
}

/* ---- lanes ------------------------------------------------------------------------------- */

struct exchange {
    long long sequence;
    int64_t sent_at;
    int pending;
    int unsent;
};

enum lane_kind { TCP_LANE, UDP_LANE };

struct lane {
    enum lane_kind kind;
    int id;
    int fd;
    char name[40];
    long long sequence;
    uint32_t events;
    /* TCP: replies awaited in order, oldest at head; `received` bytes of the head's reply checked. */
    struct exchange *ring;
    int depth;
    int head;
    int count;
    int received;
    unsigned char *expected;
    unsigned char *out;
    int out_length;
    /* tcp-churn: connect, one request, reply, close, again; latency from the connect. */
    int churn;
    int connecting;
    int64_t started_at;
    /* Open loop: the next request's intended send time, then one every `interval` nanoseconds. */
    int scheduled;
    int64_t next_send;
    int64_t interval;
};

static void watch(struct lane *lane, uint32_t events, int op) {
    struct epoll_event event = {.events = events, .data.ptr = lane};
    if (epoll_ctl(epoll_fd, op, lane->fd, &event) != 0) {
        fail("epoll_ctl on %s: %s", lane->name, strerror(errno));
    }
    lane->events = events;
}

static void cannot_connect(int error) {
    fail("cannot connect to %s:%d (%s): is the server running?", spec.host, spec.port, strerror(error));
}

static int new_socket(int type) {
    int fd = socket(server.ss_family, type | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        fail("cannot open a socket: %s", strerror(errno));
    }
    return fd;
}

static void set_nonblocking(int fd) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

static void no_delay(int fd) {
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* -- TCP: ping-pong, pipelined and churn ---------------------------------------------------- */

static void tcp_flush(struct lane *lane) {
    if (lane->out_length > 0) {
        ssize_t written = send(lane->fd, lane->out, (size_t) lane->out_length, MSG_NOSIGNAL);
        if (written < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                fail("cannot write to %s after %lld requests: %s", lane->name, lane->sequence, strerror(errno));
            }
            written = 0;
        }
        lane->out_length -= (int) written;
        if (lane->out_length > 0 && written > 0) {
            memmove(lane->out, lane->out + written, (size_t) lane->out_length);
        }
    }
    uint32_t events = lane->out_length > 0 ? EPOLLIN | EPOLLOUT : EPOLLIN;
    if (events != lane->events) {
        watch(lane, events, EPOLL_CTL_MOD);
    }
}

static void tcp_send(struct lane *lane, int64_t sent_at) {
    struct exchange *exchange = &lane->ring[(lane->head + lane->count) % lane->depth];
    exchange->sequence = lane->sequence++;
    exchange->sent_at = sent_at;
    unsigned char *request = lane->out + lane->out_length;
    memcpy(request, request_template, (size_t) spec.size);
    stamp(request, lane->id, exchange->sequence, 'a');
    lane->out_length += spec.size;
    lane->count++;
}

static void tcp_open(struct lane *lane) {
    lane->fd = new_socket(SOCK_STREAM);
    no_delay(lane->fd);
    lane->head = lane->count = lane->received = lane->out_length = 0;
    if (lane->churn) {
        lane->started_at = now_ns();
        set_nonblocking(lane->fd);
        if (connect(lane->fd, (struct sockaddr *) &server, server_length) != 0) {
            if (errno != EINPROGRESS) {
                cannot_connect(errno);
            }
            lane->connecting = 1;
            watch(lane, EPOLLOUT, EPOLL_CTL_ADD);
            return;
        }
        watch(lane, EPOLLIN, EPOLL_CTL_ADD);
        tcp_send(lane, lane->started_at);
    } else {
        if (connect(lane->fd, (struct sockaddr *) &server, server_length) != 0) {
            cannot_connect(errno);
        }
        set_nonblocking(lane->fd);
        watch(lane, EPOLLIN, EPOLL_CTL_ADD);
        int64_t now = now_ns();
        while (!lane->scheduled && lane->count < lane->depth) {
            tcp_send(lane, now);
        }
    }
    tcp_flush(lane);
}

/*
 * Open loop: sends the request due at its intended time, if the connection awaits no reply. One due
 * while the previous reply is awaited leaves as soon as that reply arrives, and its latency counts
 * from its intended time: a stalled server cannot hide its stall by slowing the client down.
 */
static void tcp_send_scheduled(struct lane *lane, int64_t now) {
    if (lane->count < lane->depth && lane->next_send <= now) {
        if (measuring(now)) {
            record(&recorder.send_lag, now - lane->next_send);
        }
        tcp_send(lane, lane->next_send);
        lane->next_send += lane->interval;
    }
}

static void tcp_connected(struct lane *lane) {
    int error = 0;
    socklen_t length = sizeof error;
    getsockopt(lane->fd, SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0) {
        cannot_connect(error);
    }
    lane->connecting = 0;
    lane->events = 0;
    tcp_send(lane, lane->started_at);
    tcp_flush(lane);
}

/* Checks the bytes read against the replies awaited, oldest first, however the stream is cut. */
static void tcp_receive(struct lane *lane) {
    ssize_t length = recv(lane->fd, read_buffer, sizeof read_buffer, 0);
    if (length == 0) {
        if (lane->churn) {
            fail("the server closed %s before replying", lane->name);
        }
        fail("the server closed %s after %lld requests", lane->name, lane->sequence);
    }
    if (length < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            return;
        }
        fail("cannot read from %s after %lld requests: %s", lane->name, lane->sequence, strerror(errno));
    }
    int64_t now = now_ns();
    int position = 0;
    while (position < length) {
        if (lane->count == 0) {
            fail("unexpected bytes on %s: %d bytes arrived while no reply was awaited", lane->name,
                    (int) (length - position));
        }
        struct exchange *exchange = &lane->ring[lane->head];
        if (lane->received == 0) {
            memcpy(lane->expected, reply_template, (size_t) spec.size);
            stamp(lane->expected, lane->id, exchange->sequence, 'A');
        }
        int take = spec.size - lane->received;
        if (take > length - position) {
            take = (int) (length - position);
        }
        const unsigned char *got = read_buffer + position;
        if (memcmp(got, lane->expected + lane->received, (size_t) take) != 0) {
            int i = 0;
            while (got[i] == lane->expected[lane->received + i]) {
                i++;
            }
            wrong_reply(lane->name, exchange->sequence, lane->expected, lane->received + i, got, lane->received,
                    (int) (length - position));
        }
        position += take;
        lane->received += take;
        if (lane->received < spec.size) {
            break;
        }
        lane->received = 0;
        lane->head = (lane->head + 1) % lane->depth;
        lane->count--;
        completed(exchange->sent_at, now);
        if (lane->scheduled) {
            tcp_send_scheduled(lane, now);
            continue;
        }
        if (lane->churn) {
            if (position < length) {
                fail("unexpected bytes on %s: %d bytes arrived while no reply was awaited", lane->name,
                        (int) (length - position));
            }
            close(lane->fd);
            tcp_open(lane);
            return;
        }
        tcp_send(lane, now);
    }
    tcp_flush(lane);
}

static void tcp_ready(struct lane *lane, uint32_t events) {
    if (lane->connecting) {
        tcp_connected(lane);
        return;
    }
    if (events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
        tcp_receive(lane);
    }
    if ((events & EPOLLOUT) && lane->out_length > 0) {
        tcp_flush(lane);
    }
}

/* -- UDP ------------------------------------------------------------------------------------ */

static unsigned char *udp_in;
static unsigned char *udp_out;
static unsigned char *udp_expected;
static struct mmsghdr udp_in_messages[UDP_BATCH];
static struct iovec udp_in_vectors[UDP_BATCH];
static struct mmsghdr udp_out_messages[UDP_BATCH];
static struct iovec udp_out_vectors[UDP_BATCH];

static void udp_unreachable(void) {
    fail("no UDP server at %s:%d (port unreachable): is the server running?", spec.host, spec.port);
}

/* Sends the requests of the given window slots, as many per sendmmsg as the batch holds. */
static void udp_send(struct lane *lane, const int *slots, int count, int64_t now) {
    for (int first = 0; first < count; first += UDP_BATCH) {
        int batch = count - first < UDP_BATCH ? count - first : UDP_BATCH;
        for (int i = 0; i < batch; i++) {
            struct exchange *exchange = &lane->ring[slots[first + i]];
            unsigned char *request = udp_out + (size_t) i * spec.size;
            memcpy(request, request_template, (size_t) spec.size);
            stamp(request, lane->id, exchange->sequence, 'a');
            exchange->sent_at = now;
            exchange->pending = 1;
            exchange->unsent = 1;
            udp_out_vectors[i] = (struct iovec) {.iov_base = request, .iov_len = (size_t) spec.size};
            udp_out_messages[i] = (struct mmsghdr) {.msg_hdr = {.msg_iov = &udp_out_vectors[i], .msg_iovlen = 1}};
        }
        int sent = sendmmsg(lane->fd, udp_out_messages, (unsigned) batch, 0);
        if (sent < 0) {
            if (errno == ECONNREFUSED) {
                udp_unreachable();
            }
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOBUFS) {
                fail("cannot send on %s: %s", lane->name, strerror(errno));
            }
            sent = 0;
        }
        for (int i = 0; i < sent; i++) {
            lane->ring[slots[first + i]].unsent = 0;
        }
        if (sent < batch) {
            if (!(lane->events & EPOLLOUT)) {
                watch(lane, EPOLLIN | EPOLLOUT, EPOLL_CTL_MOD);
            }
            for (int i = first + batch; i < count; i++) {
                lane->ring[slots[i]].pending = 1;
                lane->ring[slots[i]].unsent = 1;
                lane->ring[slots[i]].sent_at = now;
            }
            return;
        }
    }
}

static void udp_send_new(struct lane *lane, int *slots, int count, int64_t now) {
    for (int i = 0; i < count; i++) {
        lane->ring[slots[i]].sequence = lane->sequence++;
    }
    udp_send(lane, slots, count, now);
}

static void udp_open(struct lane *lane) {
    lane->fd = new_socket(SOCK_DGRAM);
    if (connect(lane->fd, (struct sockaddr *) &server, server_length) != 0) {
        fail("cannot connect a UDP socket to %s:%d: %s", spec.host, spec.port, strerror(errno));
    }
    set_nonblocking(lane->fd);
    watch(lane, EPOLLIN, EPOLL_CTL_ADD);
    int slots[lane->depth];
    for (int i = 0; i < lane->depth; i++) {
        slots[i] = i;
    }
    udp_send_new(lane, slots, lane->depth, now_ns());
}

/* @return the window slot awaiting this reply, or -1 for a late reply to a request counted lost */
static int udp_slot_of(struct lane *lane, const unsigned char *reply, int length, int64_t now) {
    long long lane_id = read_letters(reply, length, 0, LANE_LETTERS);
    long long sequence = read_letters(reply, length, LANE_LETTERS + 1, SEQUENCE_LETTERS);
    if (lane_id == lane->id) {
        for (int i = 0; i < lane->depth; i++) {
            if (lane->ring[i].pending && lane->ring[i].sequence == sequence) {
                return i;
            }
        }
        if (sequence >= 0 && sequence < lane->sequence) {
            if (measuring(now)) {
                recorder.late++;
            }
            return -1;
        }
    }
    char start[4 * HEADER_BYTES + 1];
    printable(start, reply, 0, length < HEADER_BYTES ? length : HEADER_BYTES);
    fail("wrong reply on %s: it answers no request sent on this socket (it starts with \"%s\")", lane->name, start);
}

/* Reads at most one window of replies, so that one socket cannot keep the loop to itself. */
static void udp_receive(struct lane *lane) {
    int done = 0;
    while (done < lane->depth) {
        int batch = lane->depth - done < UDP_BATCH ? lane->depth - done : UDP_BATCH;
        for (int i = 0; i < batch; i++) {
            udp_in_vectors[i] = (struct iovec) {.iov_base = udp_in + (size_t) i * (spec.size + 1),
                                                .iov_len = (size_t) spec.size + 1};
            udp_in_messages[i] = (struct mmsghdr) {.msg_hdr = {.msg_iov = &udp_in_vectors[i], .msg_iovlen = 1}};
        }
        int received = recvmmsg(lane->fd, udp_in_messages, (unsigned) batch, MSG_DONTWAIT, NULL);
        if (received < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                return;
            }
            if (errno == ECONNREFUSED) {
                udp_unreachable();
            }
            fail("cannot receive on %s: %s", lane->name, strerror(errno));
        }
        int64_t now = now_ns();
        int answered[UDP_BATCH];
        int count = 0;
        for (int i = 0; i < received; i++) {
            const unsigned char *reply = udp_in + (size_t) i * (spec.size + 1);
            int length = (int) udp_in_messages[i].msg_len;
            int slot = udp_slot_of(lane, reply, length, now);
            if (slot < 0) {
                continue;
            }
            struct exchange *exchange = &lane->ring[slot];
            if (length != spec.size || (udp_in_messages[i].msg_hdr.msg_flags & MSG_TRUNC)) {
                fail("wrong reply on %s to request #%lld: %s%d bytes, expected %d", lane->name,
                        exchange->sequence, length > spec.size ? "more than " : "",
                        length > spec.size ? spec.size : length, spec.size);
            }
            memcpy(udp_expected, reply_template, (size_t) spec.size);
            stamp(udp_expected, lane->id, exchange->sequence, 'A');
            if (memcmp(reply, udp_expected, (size_t) spec.size) != 0) {
                int b = 0;
                while (reply[b] == udp_expected[b]) {
                    b++;
                }
                wrong_reply(lane->name, exchange->sequence, udp_expected, b, reply, 0, length);
            }
            exchange->pending = 0;
            completed(exchange->sent_at, now);
            answered[count++] = slot;
        }
        udp_send_new(lane, answered, count, now);
        done += received;
        if (received < batch) {
            return;
        }
    }
}

static void udp_ready(struct lane *lane, uint32_t events) {
    if (events & (EPOLLIN | EPOLLERR)) {
        udp_receive(lane);
    }
    if (events & EPOLLOUT) {
        watch(lane, EPOLLIN, EPOLL_CTL_MOD);
        int slots[lane->depth];
        int count = 0;
        for (int i = 0; i < lane->depth; i++) {
            if (lane->ring[i].unsent) {
                slots[count++] = i;
            }
        }
        udp_send(lane, slots, count, now_ns());
    }
}

/* Counts each datagram unanswered for the timeout as lost and sends a new one in its place. */
static int64_t udp_expire(struct lane *lanes, int count, int64_t now) {
    int64_t next = INT64_MAX;
    for (int l = 0; l < count; l++) {
        struct lane *lane = &lanes[l];
        int slots[lane->depth];
        int expired = 0;
        for (int i = 0; i < lane->depth; i++) {
            struct exchange *exchange = &lane->ring[i];
            if (!exchange->pending || exchange->unsent) {
                continue;
            }
            int64_t deadline = exchange->sent_at + spec.udp_timeout_ns;
            if (deadline <= now) {
                if (measuring(now)) {
                    recorder.lost++;
                }
                slots[expired++] = i;
            } else if (deadline < next) {
                next = deadline;
            }
        }
        if (expired > 0) {
            udp_send_new(lane, slots, expired, now);
            if (now + spec.udp_timeout_ns < next) {
                next = now + spec.udp_timeout_ns;
            }
        }
    }
    return next;
}

/* ---- the command line -------------------------------------------------------------------- */

static int64_t parse_duration(const char *name, const char *text) {
    char *end;
    double amount = strtod(text, &end);
    while (*end == ' ') {
        end++;
    }
    double unit = 1e9;
    if (strcmp(end, "ms") == 0) {
        unit = 1e6;
    } else if (strcmp(end, "m") == 0) {
        unit = 60e9;
    } else if (*end != 0 && strcmp(end, "s") != 0) {
        end = NULL;
    }
    if (end == NULL || end == text || amount < 0) {
        usage_error("--%s: expected a duration such as 5s, 500ms or 2m, got %s", name, text);
    }
    return (int64_t) (amount * unit + 0.5);
}

/* A rate such as 20000, 20000/s or 20k/s. */
static double parse_rate(const char *name, const char *text) {
    char *end;
    double rate = strtod(text, &end);
    if (*end == 'k') {
        rate *= 1000;
        end++;
    }
    if (strcmp(end, "/s") == 0) {
        end += 2;
    }
    if (end == text || *end != 0 || !(rate > 0)) {
        usage_error("--%s: expected a positive rate such as 20000/s or 20k/s, got %s", name, text);
    }
    return rate;
}

static int parse_integer(const char *name, const char *text, int min, int max) {
    char *end;
    long value = strtol(text, &end, 10);
    if (*text == 0 || *end != 0 || value < min || value > max) {
        usage_error("--%s: expected an integer from %d to %d, got %s", name, min, max, text);
    }
    return (int) value;
}

static void parse(int argc, char **argv) {
    const char *workload = "tcp-pingpong", *connections = NULL, *size = NULL, *depth = NULL;
    spec.host = "127.0.0.1";
    spec.port = 12000;
    spec.warmup_ns = 5000000000LL;
    spec.duration_ns = 10000000000LL;
    spec.udp_timeout_ns = 200000000LL;
    spec.label = "server";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0) {
            usage_error("the native load generator");
        }
        if (strncmp(argv[i], "--", 2) != 0) {
            usage_error("unexpected argument %s", argv[i]);
        }
        char name[64];
        const char *value;
        const char *equals = strchr(argv[i], '=');
        if (equals != NULL) {
            snprintf(name, sizeof name, "%.*s", (int) (equals - argv[i] - 2), argv[i] + 2);
            value = equals + 1;
        } else {
            snprintf(name, sizeof name, "%s", argv[i] + 2);
            if (i + 1 == argc) {
                usage_error("--%s needs a value", name);
            }
            value = argv[++i];
        }
        if (strcmp(name, "workload") == 0) {
            workload = value;
        } else if (strcmp(name, "host") == 0) {
            spec.host = value;
        } else if (strcmp(name, "port") == 0) {
            spec.port = parse_integer(name, value, 1, 65535);
        } else if (strcmp(name, "connections") == 0) {
            connections = value;
        } else if (strcmp(name, "size") == 0) {
            size = value;
        } else if (strcmp(name, "depth") == 0) {
            depth = value;
        } else if (strcmp(name, "warmup") == 0) {
            spec.warmup_ns = parse_duration(name, value);
        } else if (strcmp(name, "duration") == 0) {
            spec.duration_ns = parse_duration(name, value);
        } else if (strcmp(name, "udp-timeout") == 0) {
            spec.udp_timeout_ns = parse_duration(name, value);
        } else if (strcmp(name, "label") == 0) {
            spec.label = value;
        } else if (strcmp(name, "rate") == 0) {
            spec.rate = parse_rate(name, value);
        } else if (strcmp(name, "client-threads") == 0 || strcmp(name, "server-pid") == 0) {
            usage_error("--%s is the Java load generator's only", name);
        } else {
            usage_error("unknown option --%s", name);
        }
    }
    int found = 0;
    for (int w = 0; w < 4; w++) {
        if (strcmp(workload, WORKLOAD_NAMES[w]) == 0) {
            spec.workload = (enum workload) w;
            found = 1;
        }
    }
    if (!found) {
        usage_error("unknown workload %s; this generator runs tcp-pingpong, tcp-pipelined, udp-pingpong, tcp-churn"
                    " (tcp-idle is the Java one's only)", workload);
    }
    static const int default_connections[] = {1, 16, 16, 8};
    static const int default_depth[] = {1, 32, 8, 1};
    spec.connections = connections ? parse_integer("connections", connections, 1, MAX_LANES)
                                   : default_connections[spec.workload];
    int max_size = spec.workload == UDP_PINGPONG ? 65507 : 1 << 20;
    spec.size = size ? parse_integer("size", size, MIN_SIZE, max_size) : 64;
    spec.depth = depth ? parse_integer("depth", depth, 1, 1 << 16) : default_depth[spec.workload];
    if (spec.depth > 1 && spec.workload != TCP_PIPELINED && spec.workload != UDP_PINGPONG) {
        usage_error("%s takes one request outstanding per connection, not %d", workload, spec.depth);
    }
    if (spec.duration_ns <= 0) {
        usage_error("--duration must be positive");
    }
    if (spec.rate > 0 && spec.workload != TCP_PINGPONG) {
        usage_error("--rate (open loop) applies to tcp-pingpong only");
    }
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_flags = AI_NUMERICSERV}, *found_address;
    char port[8];
    snprintf(port, sizeof port, "%d", spec.port);
    int error = getaddrinfo(spec.host, port, &hints, &found_address);
    if (error != 0) {
        usage_error("--host %s: %s", spec.host, gai_strerror(error));
    }
    memcpy(&server, found_address->ai_addr, found_address->ai_addrlen);
    server_length = found_address->ai_addrlen;
    freeaddrinfo(found_address);
}

/* ---- the run ----------------------------------------------------------------------------- */

static void raise_file_limit(void) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

static struct lane *open_lanes(int64_t start) {
    struct lane *lanes = calloc((size_t) spec.connections, sizeof *lanes);
    int udp = spec.workload == UDP_PINGPONG;
    for (int i = 0; i < spec.connections; i++) {
        struct lane *lane = &lanes[i];
        lane->kind = udp ? UDP_LANE : TCP_LANE;
        lane->id = i;
        lane->depth = spec.depth;
        lane->churn = spec.workload == TCP_CHURN;
        if (spec.rate > 0) {
            /* the connections' send times interleaved evenly: one request every 1/rate over all of them */
            double tick = 1e9 / spec.rate;
            lane->scheduled = 1;
            lane->next_send = start + (int64_t) (i * tick);
            lane->interval = (int64_t) (spec.connections * tick + 0.5);
        }
        lane->ring = calloc((size_t) spec.depth, sizeof *lane->ring);
        snprintf(lane->name, sizeof lane->name, "%s %d", udp ? "udp socket" : "tcp connection", i);
        if (udp) {
            udp_open(lane);
        } else {
            lane->expected = malloc((size_t) spec.size);
            lane->out = malloc((size_t) spec.size * (size_t) spec.depth);
            tcp_open(lane);
        }
    }
    return lanes;
}

/* Open loop: the earliest intended send time of a connection that awaits no reply. */
static int64_t next_due(const struct lane *lanes) {
    int64_t due = INT64_MAX;
    for (int i = 0; i < spec.connections; i++) {
        if (lanes[i].count == 0 && lanes[i].next_send < due) {
            due = lanes[i].next_send;
        }
    }
    return due;
}

/* Open loop: a timerfd wakes the loop at the next intended send time, which epoll_wait's milliseconds cannot. */
static int open_timer(void) {
    int timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    struct epoll_event event = {.events = EPOLLIN, .data.ptr = NULL};
    if (timer < 0 || epoll_ctl(epoll_fd, EPOLL_CTL_ADD, timer, &event) != 0) {
        fail("cannot set up the open-loop timer: %s", strerror(errno));
    }
    return timer;
}

static void arm(int timer, int64_t at) {
    struct itimerspec when = {.it_value = {.tv_sec = at / 1000000000LL, .tv_nsec = at % 1000000000LL}};
    if (timerfd_settime(timer, TFD_TIMER_ABSTIME, &when, NULL) != 0) {
        fail("cannot arm the open-loop timer: %s", strerror(errno));
    }
}

static void run(void) {
    int udp = spec.workload == UDP_PINGPONG;
    epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    if (udp) {
        int batch = spec.depth < UDP_BATCH ? spec.depth : UDP_BATCH;
        udp_in = malloc((size_t) batch * (spec.size + 1));
        udp_out = malloc((size_t) batch * spec.size);
        udp_expected = malloc((size_t) spec.size);
    }
    int timer = spec.rate > 0 ? open_timer() : -1;
    int64_t start = now_ns();
    measure_from = start + spec.warmup_ns;
    measure_until = measure_from + spec.duration_ns;
    struct lane *lanes = open_lanes(start);
    struct epoll_event events[MAX_EVENTS];
    int64_t next_expiry = udp ? now_ns() + spec.udp_timeout_ns : INT64_MAX;
    int64_t next_scan = 0;
    int64_t armed = INT64_MAX;
    for (;;) {
        int64_t now = now_ns();
        if (now >= measure_until) {
            return;
        }
        int64_t wake = next_expiry < measure_until ? next_expiry : measure_until;
        if (timer >= 0) {
            int64_t due = next_due(lanes);
            if (due <= now) {
                wake = now;
            } else if (due < measure_until && due != armed) {
                arm(timer, due);
                armed = due;
            }
        }
        int timeout = wake <= now ? 0 : (int) ((wake - now + 999999) / 1000000);
        int ready = epoll_wait(epoll_fd, events, MAX_EVENTS, timeout);
        if (ready < 0 && errno != EINTR) {
            fail("epoll_wait: %s", strerror(errno));
        }
        for (int i = 0; i < ready; i++) {
            struct lane *lane = events[i].data.ptr;
            if (lane == NULL) {
                uint64_t expirations;
                if (read(timer, &expirations, sizeof expirations) < 0 && errno != EAGAIN) {
                    fail("cannot read the open-loop timer: %s", strerror(errno));
                }
                armed = INT64_MAX;
            } else if (lane->kind == UDP_LANE) {
                udp_ready(lane, events[i].events);
            } else {
                tcp_ready(lane, events[i].events);
            }
        }
        if (timer >= 0) {
            now = now_ns();
            for (int i = 0; i < spec.connections; i++) {
                if (lanes[i].count == 0 && lanes[i].next_send <= now) {
                    tcp_send_scheduled(&lanes[i], now);
                    tcp_flush(&lanes[i]);
                }
            }
        }
        if (udp) {
            now = now_ns();
            if (now >= next_expiry || now >= next_scan) {
                next_expiry = udp_expire(lanes, spec.connections, now);
                next_scan = now + TIMEOUT_SCAN_NS;
            }
        }
    }
}

static void report(void) {
    double seconds = spec.duration_ns / 1e9;
    double per_second = recorder.messages / seconds;
    double megabytes = recorder.bytes / seconds / 1e6;
    const struct histogram *latency = &recorder.latency, *lag = &recorder.send_lag;
    double p50 = percentile_us(latency, 50), p99 = percentile_us(latency, 99), p999 = percentile_us(latency, 99.9);
    double max = max_us(latency), lag50 = percentile_us(lag, 50), lag99 = percentile_us(lag, 99);
    char label[256];
    snprintf(label, sizeof label, "%s", spec.label);
    for (char *c = label; *c; c++) {
        if (*c == '"' || *c == '\\') {
            *c = '\'';
        }
    }
    printf("{\"label\":\"%s\",\"workload\":\"%s\",\"connections\":%d,\"size\":%d,\"depth\":%d,\"rate\":%.0f,"
           "\"seconds\":%.3f,\"messages\":%lld,\"bytes\":%lld,\"messagesPerSecond\":%.1f,\"megabytesPerSecond\":%.3f,"
           "\"p50Us\":%.1f,\"p99Us\":%.1f,\"p999Us\":%.1f,\"maxUs\":%.1f,\"sendLagP50Us\":%.1f,\"sendLagP99Us\":%.1f,"
           "\"lost\":%lld,\"late\":%lld,\"held\":0,\"serverRssKiB\":-1,\"serverBaselineRssKiB\":-1,"
           "\"client\":\"native\"}\n",
            label, WORKLOAD_NAMES[spec.workload], spec.connections, spec.size, spec.depth, spec.rate, seconds,
            recorder.messages, recorder.bytes, per_second, megabytes, p50, p99, p999, max, lag50, lag99, recorder.lost,
            recorder.late);
    char shape[128];
    int length = snprintf(shape, sizeof shape, "%s c=%d", WORKLOAD_NAMES[spec.workload], spec.connections);
    if (spec.depth > 1) {
        length += snprintf(shape + length, sizeof shape - (size_t) length, " d=%d", spec.depth);
    }
    length += snprintf(shape + length, sizeof shape - (size_t) length, " s=%d", spec.size);
    if (spec.rate > 0) {
        snprintf(shape + length, sizeof shape - (size_t) length, " rate=%.0f/s", spec.rate);
    }
    printf("%-12s %-36s %12.0f msg/s %9.2f MB/s  p50 %8.1f us  p99 %8.1f us  p99.9 %8.1f us  max %9.1f us",
            label, shape, per_second, megabytes, p50, p99, p999, max);
    if (spec.rate > 0) {
        printf("  sent late p50 %.1f us p99 %.1f us", lag50, lag99);
    }
    if (spec.workload == UDP_PINGPONG) {
        printf("  lost %lld  late %lld", recorder.lost, recorder.late);
    }
    printf("  (native)\n");
}

int main(int argc, char **argv) {
    parse(argc, argv);
    signal(SIGPIPE, SIG_IGN);
    raise_file_limit();
    make_templates(spec.workload == TCP_PIPELINED);
    run();
    report();
    return 0;
}
