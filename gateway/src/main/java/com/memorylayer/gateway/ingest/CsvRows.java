package com.memorylayer.gateway.ingest;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CSV as RFC 4180 writes it (quoted fields may hold commas, quotes doubled, and line breaks): the first row names
 * the columns, every later row becomes one item of {@code column: value} lines, empty values left out, so the
 * embedder reads what each value is.
 */
final class CsvRows {

    private CsvRows() {
    }

    /**
     * One item per row after the header. The header is repeated in every item, so one request could turn 2 MB of
     * CSV into gigabytes (a wide header, many short rows): each item's size is known before it is built, and the
     * request stops at the first that would be too long or past what the budget allows.
     */
    static List<String> items(String text, SplitBudget budget) {
        List<List<String>> rows = parse(text);
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> header = rows.getFirst().stream().map(String::strip).toList();
        long headerChars = header.stream().mapToLong(String::length).sum();
        if (headerChars > budget.maxItemChars()) {
            throw new ApiException(ErrorCode.CSV_HEADER_TOO_LONG, "split_mode csv: the header row's column names come to " + headerChars
                    + " characters, and every row's item repeats them; an item may hold at most " + budget.maxItemChars(),
                    Map.of("header_characters", headerChars, "max_item_characters", budget.maxItemChars()));
        }
        List<String> items = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            List<String> columns = new ArrayList<>();
            List<String> values = new ArrayList<>();
            long length = 0;
            for (int i = 0; i < row.size(); i++) {
                String value = row.get(i).strip();
                if (value.isEmpty()) {
                    continue;
                }
                String column = i < header.size() && !header.get(i).isEmpty() ? header.get(i) : "column " + (i + 1);
                length += (columns.isEmpty() ? 0 : 1) + column.length() + 2 + value.length();
                columns.add(column);
                values.add(value);
            }
            budget.item(length, "split_mode csv: row " + r);
            StringBuilder item = new StringBuilder((int) length);
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    item.append('\n');
                }
                item.append(columns.get(i)).append(": ").append(values.get(i));
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
