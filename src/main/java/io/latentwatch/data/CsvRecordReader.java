package io.latentwatch.data;

import io.latentwatch.LatentwatchException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits delimited text into records one at a time, so that files of any size stream through a
 * fixed buffer. Follows the RFC 4180 subset spreadsheets write: fields may be double-quoted, a
 * quoted field may hold delimiters and line breaks, {@code ""} inside quotes is one quote. LF,
 * CRLF and CR all end a line; blank lines are skipped; a leading UTF-8 byte-order mark is
 * dropped. The caller owns {@code in} and closes it; it need not be buffered.
 */
final class CsvRecordReader {

    /** Longest record accepted; a file without line breaks must not grow one buffer without bound. */
    static final int MAX_RECORD_CHARS = 1 << 22;

    private enum State { FIELD_START, UNQUOTED, QUOTED, AFTER_QUOTE }

    private final Reader in;
    private final char delimiter;
    private final String source;
    private int line = 1;
    private int recordLine;
    private int peeked = -2;
    private boolean started;
    /** Our own buffer: a per-character {@code Reader.read()} takes a lock on every call. */
    private final char[] buffer = new char[8192];
    private int position;
    private int filled;

    /**
     * @param in the text, already decoded
     * @param delimiter the field separator
     * @param source how error messages name the input, usually its path
     */
    CsvRecordReader(Reader in, char delimiter, String source) {
        this.in = in;
        this.delimiter = delimiter;
        this.source = source;
    }

    /** The line on which the record last returned by {@link #next()} starts (1-based). */
    int recordLine() {
        return recordLine;
    }

    /** The line being read now; where a decoding error is reported. */
    int currentLine() {
        return line;
    }

    /** The next record's fields (unquoted, not stripped), or null at the end of the input. */
    String[] next() throws IOException {
        while (true) {
            recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quotedAny = false;
            State state = State.FIELD_START;
            int length = 0;
            while (true) {
                int c = read();
                if (c == -1) {
                    if (state == State.QUOTED) {
                        throw new LatentwatchException(source + ": line " + recordLine
                                + ": a quoted field is not closed before the end of the file, expected a closing \"");
                    }
                    if (fields.isEmpty() && field.length() == 0 && !quotedAny) {
                        return null;
                    }
                    fields.add(field.toString());
                    return fields.toArray(String[]::new);
                }
                if (++length > MAX_RECORD_CHARS) {
                    throw new LatentwatchException(source + ": line " + recordLine + ": record is longer than "
                            + MAX_RECORD_CHARS + " characters, expected delimited text with line breaks");
                }
                char ch = (char) c;
                if (state == State.QUOTED) {
                    if (ch == '"') {
                        state = State.AFTER_QUOTE;
                    } else {
                        if (isLineBreak(ch)) {
                            endLine(ch, field);
                        } else {
                            field.append(ch);
                        }
                    }
                    continue;
                }
                if (ch == delimiter) {
                    fields.add(field.toString());
                    field.setLength(0);
                    state = State.FIELD_START;
                } else if (isLineBreak(ch)) {
                    endLine(ch, null);
                    break;
                } else if (state == State.AFTER_QUOTE) {
                    if (ch != '"') {
                        throw new LatentwatchException(source + ": line " + line + ": unexpected "
                                + Cells.show(String.valueOf(ch)) + " after a closing quote,"
                                + " expected a delimiter " + CsvOptions.printable(delimiter)
                                + ", a line break, or \"\" for a literal quote");
                    }
                    field.append('"');
                    state = State.QUOTED;
                } else if (state == State.FIELD_START && ch == '"') {
                    quotedAny = true;
                    state = State.QUOTED;
                } else {
                    field.append(ch);
                    state = State.UNQUOTED;
                }
            }
            if (fields.isEmpty() && !quotedAny && field.toString().isBlank()) {
                continue;
            }
            fields.add(field.toString());
            return fields.toArray(String[]::new);
        }
    }

    private static boolean isLineBreak(char ch) {
        return ch == '\n' || ch == '\r';
    }

    /** Counts a line break, consuming the LF of a CRLF pair; keeps it in a quoted field if given. */
    private void endLine(char ch, StringBuilder quotedField) throws IOException {
        if (ch == '\r') {
            int next = read();
            if (next == '\n') {
                if (quotedField != null) {
                    quotedField.append("\r\n");
                }
            } else {
                peeked = next;
                if (quotedField != null) {
                    quotedField.append('\r');
                }
            }
        } else if (quotedField != null) {
            quotedField.append('\n');
        }
        line++;
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        if (position == filled) {
            filled = in.read(buffer, 0, buffer.length);
            position = 0;
            if (filled <= 0) {
                filled = 0;
                return -1;
            }
            if (!started) {
                started = true;
                if (buffer[0] == '\uFEFF') {
                    position = 1;
                    return read();
                }
            }
        }
        return buffer[position++];
    }
}
