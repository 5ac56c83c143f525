package dev.switchboard.benchmarks.runner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * System calls a process made while a counter was attached, by name.
 *
 * @param calls calls per system call name, those made at least once
 * @param errors of those, the calls that failed (such as a read finding nothing: {@code EAGAIN});
 *     empty when the counter does not tell
 */
record SyscallCounts(Map<String, Long> calls, Map<String, Long> errors) {

    /** The name under which perf's output gathers the calls it did not count by name. */
    static final String OTHERS = "(others)";
    /** perf's event for one system call by name: this and the name. */
    static final String PERF_PREFIX = "syscalls:sys_enter_";
    /** perf's event for every system call. */
    static final String PERF_TOTAL = "raw_syscalls:sys_enter";

    SyscallCounts {
        calls = Collections.unmodifiableMap(new LinkedHashMap<>(calls));
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /**
     * Reads the summary that {@code strace -c} writes: a header, a rule of dashes, one row per
     * system call ({@code % time, seconds, usecs/call, calls, errors, syscall}; errors blank when
     * none), a rule and a total row. The columns are cut where the first rule's dashes end, since
     * blank cells leave the whitespace-separated fields ambiguous.
     *
     * @param summary the text of {@code strace -c -o FILE}
     * @return the counts, the total row left out
     * @throws IllegalArgumentException if the text has no such table
     */
    static SyscallCounts parseStrace(String summary) {
        List<String> lines = summary.lines().toList();
        int rule = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("------")) {
                rule = i;
                break;
            }
        }
        if (rule < 1 || !lines.get(rule - 1).contains("syscall")) {
            throw new IllegalArgumentException("no strace -c table (a header, then a rule of dashes) in:\n" + summary);
        }
        List<Integer> columnEnds = columnEnds(lines.get(rule));
        if (columnEnds.size() != 6) {
            throw new IllegalArgumentException("an strace -c table of " + columnEnds.size() + " columns, not 6: "
                    + lines.get(rule));
        }
        Map<String, Long> calls = new LinkedHashMap<>();
        Map<String, Long> errors = new LinkedHashMap<>();
        for (String row : lines.subList(rule + 1, lines.size())) {
            if (row.startsWith("------")) {
                break;
            }
            if (row.isBlank()) {
                continue;
            }
            String name = cell(row, columnEnds.get(4) + 1, row.length());
            calls.put(name, number(row, cell(row, columnEnds.get(2) + 1, columnEnds.get(3))));
            String failed = cell(row, columnEnds.get(3) + 1, columnEnds.get(4));
            if (!failed.isEmpty()) {
                errors.put(name, number(row, failed));
            }
        }
        return new SyscallCounts(calls, errors);
    }

    /**
     * Reads what {@code perf stat -x,} writes when counting {@link #PERF_TOTAL} and
     * {@link #PERF_PREFIX}{@code NAME} events: one line per event, {@code count,unit,event,...}.
     * Events counted zero times ({@code 0} or {@code <not counted>}) and comments are left out; the
     * total less the named calls is {@link #OTHERS}. (perf's fourth field, the time a counter was
     * enabled, is summed over the threads and accrues only while each runs: it is no wall time.)
     *
     * @param csv perf's output
     * @return the counts; perf does not tell errors
     * @throws IllegalArgumentException if the output has no total
     */
    static SyscallCounts parsePerf(String csv) {
        Map<String, Long> calls = new LinkedHashMap<>();
        long total = -1;
        for (String line : csv.lines().toList()) {
            String[] fields = line.split(",", -1);
            if (fields.length < 3 || !digits(fields[0])) {
                continue;
            }
            long count = Long.parseLong(fields[0]);
            if (fields[2].equals(PERF_TOTAL)) {
                total = count;
            } else if (fields[2].startsWith(PERF_PREFIX) && count > 0) {
                calls.merge(fields[2].substring(PERF_PREFIX.length()), count, Long::sum);
            }
        }
        if (total < 0) {
            throw new IllegalArgumentException("no count of " + PERF_TOTAL + " in perf's output:\n" + csv);
        }
        long named = calls.values().stream().mapToLong(Long::longValue).sum();
        if (total > named) {
            calls.put(OTHERS, total - named);
        }
        return new SyscallCounts(calls, Map.of());
    }

    private static boolean digits(String text) {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    private static List<Integer> columnEnds(String rule) {
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < rule.length(); i++) {
            if (rule.charAt(i) == '-' && (i + 1 == rule.length() || rule.charAt(i + 1) != '-')) {
                ends.add(i);
            }
        }
        return ends;
    }

    private static String cell(String row, int from, int to) {
        return from >= row.length() ? "" : row.substring(from, Math.min(to + 1, row.length())).trim();
    }

    private static long number(String row, String cell) {
        try {
            return Long.parseLong(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a count: \"" + cell + "\" in the strace -c row: " + row, e);
        }
    }
}
