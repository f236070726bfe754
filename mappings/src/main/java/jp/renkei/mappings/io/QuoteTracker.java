package jp.renkei.mappings.io;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Follows the CSV quoting of the characters FastCSV reads, as FastCSV does (a {@code "} opens a quoted field only at
 * a field's start, {@code ""} inside one is a quote, the next lone {@code "} closes it), to tell whether the input
 * ended inside a quoted field. FastCSV closes such a field silently at the end of the input (osiegmar/FastCSV#173),
 * so without this an unterminated quote shows only as a wrong field count.
 */
final class QuoteTracker extends FilterReader {
    private boolean inQuote;
    /** In a quoted field, the last character was a {@code "}: the next one decides (escape or close). */
    private boolean quotePending;
    /** The last character outside a quoted field; a line end at the start, so a leading quote opens a field. */
    private char previous = '\n';
    private boolean ended;

    QuoteTracker(Reader in) {
        super(in);
    }

    /** Whether the input has ended inside a quoted field. */
    boolean endedInsideQuote() {
        return ended && inQuote && !quotePending;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            ended = true;
            return n;
        }
        scan(buffer, offset, offset + n);
        return n;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0];
    }

    private void scan(char[] buffer, int from, int to) {
        boolean quoted = inQuote;
        boolean pending = quotePending;
        char prev = previous;
        for (int i = from; i < to; i++) {
            char c = buffer[i];
            if (quoted) {
                if (pending) {
                    pending = false;
                    if (c == '"') {
                        continue; // "" inside a quoted field
                    }
                    quoted = false; // the quote before closed the field; c is read outside it
                } else {
                    if (c == '"') {
                        pending = true;
                    }
                    continue;
                }
            }
            if (c == '"' && (prev == ',' || prev == '\n' || prev == '\r')) {
                quoted = true;
            }
            prev = c;
        }
        inQuote = quoted;
        quotePending = pending;
        previous = prev;
    }
}
