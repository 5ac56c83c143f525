package dev.switchboard.launcher.cli;

import java.util.ArrayList;
import java.util.List;

/** Rows of text in aligned columns, two spaces apart, the first row a header; numbers aligned right. */
final class Table {

    private final List<List<String>> rows = new ArrayList<>();
    private final boolean[] rightAligned;

    /**
     * @param header the columns' titles
     * @param rightAligned for each column, whether it holds numbers
     */
    Table(List<String> header, boolean... rightAligned) {
        this.rightAligned = rightAligned.clone();
        rows.add(List.copyOf(header));
    }

    /** @param cells one cell per column */
    void add(List<String> cells) {
        rows.add(List.copyOf(cells));
    }

    /** @return whether only the header is there */
    boolean isEmpty() {
        return rows.size() == 1;
    }

    /** @return the lines, each ending with a newline, without trailing spaces */
    String render() {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = row.get(i);
                String padding = " ".repeat(widths[i] - cell.length());
                boolean right = i < rightAligned.length && rightAligned[i];
                line.append(i == 0 ? "" : "  ").append(right ? padding + cell : cell + padding);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
