package com.memorylayer.gateway.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * CSV as RFC 4180 writes it (quoted fields may hold commas, quotes doubled, and line breaks): the first row names
 * the columns, every later row becomes one item of {@code column: value} lines, empty values left out, so the
 * embedder reads what each value is.
 */
final class CsvRows {

    private CsvRows() {
    }

    static List<String> items(String text) {
        List<List<String>> rows = parse(text);
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> header = rows.getFirst();
        List<String> items = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            StringBuilder item = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String value = row.get(i).strip();
                if (value.isEmpty()) {
                    continue;
                }
                String column = i < header.size() && !header.get(i).isBlank() ? header.get(i).strip() : "column " + (i + 1);
                if (!item.isEmpty()) {
                    item.append('\n');
                }
                item.append(column).append(": ").append(value);
            }
            items.add(item.toString());
        }
        return items;
    }

    /** The rows, blank lines skipped; an unclosed quote runs to the end of the text. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRow(rows, row, field, fieldStarted);
                row = new ArrayList<>();
                fieldStarted = false;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        endRow(rows, row, field, fieldStarted);
        return rows;
    }

    private static void endRow(List<List<String>> rows, List<String> row, StringBuilder field, boolean fieldStarted) {
        if (fieldStarted || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        field.setLength(0);
    }
}
