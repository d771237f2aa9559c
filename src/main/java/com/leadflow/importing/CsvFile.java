package com.leadflow.importing;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An uploaded CSV file: its encoding (UTF-8 with or without BOM, else Windows-1251) and delimiter ({@code ,}
 * {@code ;} or tab) detected, read record by record with the physical line each record ends on.
 */
public final class CsvFile {

    public static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    private static final char[] DELIMITERS = {',', ';', '\t'};

    private final byte[] bytes;
    private final Charset charset;
    private final int offset;
    private final char delimiter;

    public CsvFile(byte[] bytes) {
        this.bytes = bytes;
        boolean bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF;
        this.offset = bom ? 3 : 0;
        this.charset = bom || isUtf8(bytes) ? StandardCharsets.UTF_8 : WINDOWS_1251;
        this.delimiter = detectDelimiter();
    }

    public Charset charset() {
        return charset;
    }

    public char delimiter() {
        return delimiter;
    }

    /** One data record: the line it ends on (the header is line 1) and its cells. */
    public record Row(int line, List<String> cells, String raw) {
    }

    public List<String> headers() {
        List<String> headers = new ArrayList<>();
        try (CSVParser parser = parser()) {
            for (CSVRecord record : parser) {
                record.forEach(h -> headers.add(h.strip()));
                break;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return headers;
    }

    /** Every data row after the header, in order; empty lines are skipped. */
    public void forEachRow(Consumer<Row> sink) {
        try (CSVParser parser = parser()) {
            boolean header = true;
            for (CSVRecord record : parser) {
                if (header) {
                    header = false;
                    continue;
                }
                List<String> cells = record.toList();
                if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
                    continue;
                }
                sink.accept(new Row((int) parser.getCurrentLineNumber(), cells,
                        String.join(String.valueOf(delimiter), cells)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Row> firstRows(int n) {
        List<Row> rows = new ArrayList<>();
        try {
            forEachRow(row -> {
                if (rows.size() >= n) {
                    throw new StopReading();
                }
                rows.add(row);
            });
        } catch (StopReading done) {
            // enough for a preview
        }
        return rows;
    }

    private static final class StopReading extends RuntimeException {
        StopReading() {
            super(null, null, false, false);
        }
    }

    private CSVParser parser() throws IOException {
        Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes, offset, bytes.length - offset), charset);
        return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).setTrim(true).get()
                .parse(reader);
    }

    /** The delimiter that splits the first lines most consistently into the most columns. */
    private char detectDelimiter() {
        String head = new String(bytes, offset, Math.min(bytes.length - offset, 64 * 1024), charset);
        List<String> lines = head.lines().filter(l -> !l.isBlank()).limit(20).toList();
        char best = ',';
        double bestScore = -1;
        for (char d : DELIMITERS) {
            int[] counts = lines.stream().mapToInt(l -> countOutsideQuotes(l, d)).toArray();
            if (counts.length == 0 || counts[0] == 0) {
                continue;
            }
            long consistent = java.util.Arrays.stream(counts).filter(c -> c == counts[0]).count();
            double score = counts[0] * (consistent / (double) counts.length);
            if (score > bestScore) {
                bestScore = score;
                best = d;
            }
        }
        return best;
    }

    private static int countOutsideQuotes(String line, char d) {
        int count = 0;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == d && !quoted) {
                count++;
            }
        }
        return count;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
