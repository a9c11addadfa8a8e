package io.latentwatch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.latentwatch.LatentwatchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates valid files at random (seeded) and reads them, {@value #CASES} per format: a read either succeeds with a sound
 * series or fails with a {@link LatentwatchException}; no parser exception may leak out.
 */
class SeriesReaderFuzzTest {

    private static final long SEED = 20_250_611L;
    private static final int CASES = 10_000;

    private static final String[] SEEDS = {
        "timestamp,value\n2014-04-01 00:00:00,1.5\n2014-04-01 00:05:00,2\n2014-04-01 00:10:00,NaN\n"
                + "2014-04-01 00:15:00,-3e2\n",
        "datetime;Accelerometer1RMS;Current;anomaly;changepoint\r\n2020-03-09 10:14:33;0.0265;1.33;0.0;0.0\r\n"
                + "2020-03-09 10:14:34;0.0261;;1.0;1.0\r\n2020-03-09 10:14:35;0.03;1.4;1;0\r\n",
        "id,\"name, full\",time,value,flag\n1,\"a \"\"b\"\"\",2014-04-01T00:00:00Z,1,0\n"
                + "2,x,2014-04-01T00:00:01.5Z,,1\n3,\"multi\nline\",1396310402,null,0\n",
        "\uFEFFdate\tx\ty\n2014-04-01\t1\t2\n2014-04-02\tNA\t3\n",
    };

    private static final DataFormat[] FORMATS = {DataFormat.NAB, DataFormat.SKAB, DataFormat.CSV, DataFormat.CSV};
    private static final CsvOptions[] OPTIONS = {CsvOptions.defaults(), CsvOptions.defaults(),
        CsvOptions.defaults().withLabelColumn("flag"), CsvOptions.defaults().withDelimiter('\t')};

    private static final String[] TOKENS = {
        "\"", ",", ";", "\t", "\n", "\r\n", "\r", "\uFEFF", "NaN", "nan", "null", "NA", "inf", "-Infinity",
        "1e400", "1e308", "-", ".", "e", "E", ":", "T", "Z", "+02:00", "\"\"", "\u0000", "0x1p3", "1d",
        "99999999999999999999999", "2014-13-45 99:99:99", "2014-02-30", " ", "value", "timestamp", "datetime",
        "anomaly", "\u00e9", "\ud83d\ude00", "\ud800", "1.0", "0.5",
    };

    @TempDir
    Path dir;

    @Test
    void onlyLatentwatchExceptionEscapesFromTheNabReader() throws IOException {
        fuzz(DataFormat.NAB, SEED);
    }

    @Test
    void onlyLatentwatchExceptionEscapesFromTheSkabReader() throws IOException {
        fuzz(DataFormat.SKAB, SEED + 1);
    }

    @Test
    void onlyLatentwatchExceptionEscapesFromTheCsvReader() throws IOException {
        fuzz(DataFormat.CSV, SEED + 2);
    }

    /** Reads {@value #CASES} mutated files in {@code format}: each is a sound series or a refusal naming the file. */
    private void fuzz(DataFormat format, long seed) throws IOException {
        Random random = new Random(seed);
        int ok = 0;
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            // Mostly a seed written in this format, so that mutations reach past the header.
            boolean matched = random.nextInt(5) > 0;
            int pick = matched ? seedOf(format, random) : random.nextInt(SEEDS.length);
            String text = mutate(SEEDS[pick], random);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(10) == 0 && bytes.length > 0) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            // A new file each time: truncating one in place makes ext4 flush it to disk on every write.
            Path file = dir.resolve("case" + i + "." + format.name().toLowerCase(java.util.Locale.ROOT));
            Files.write(file, bytes);
            CsvOptions options = matched ? OPTIONS[pick] : options(random);
            try {
                check(SeriesReader.read(file, format, options));
                ok++;
            } catch (LatentwatchException e) {
                assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
                rejected++;
            } catch (RuntimeException | Error e) {
                fail("case " + i + " (seed " + seed + ", " + format + ", " + options + ") threw " + e
                        + " for text " + escape(text), e);
            }
            Files.delete(file);
        }
        assertEquals(CASES, ok + rejected);
        assertTrue(ok > CASES / 20 && rejected > CASES / 20,
                format + ": both outcomes exercised: ok " + ok + ", rejected " + rejected);
    }

    /** The index of a seed written in {@code format}. */
    private static int seedOf(DataFormat format, Random random) {
        while (true) {
            int pick = random.nextInt(SEEDS.length);
            if (FORMATS[pick] == format) {
                return pick;
            }
        }
    }

    private static CsvOptions options(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> CsvOptions.defaults().withDelimiter(';');
            case 1 -> CsvOptions.defaults().withDelimiter('\t');
            case 2 -> CsvOptions.defaults().withChannelColumns(List.of("value"));
            case 3 -> CsvOptions.defaults().withLabelColumn("flag");
            default -> CsvOptions.defaults();
        };
    }

    private static void check(TimeSeries s) {
        assertTrue(s.rows() > 0);
        assertFalse(s.channels().isEmpty());
        for (double[] row : s.values()) {
            for (double x : row) {
                assertFalse(Double.isInfinite(x), "no infinities get through");
            }
        }
        if (s.labels() != null) {
            for (int label : s.labels()) {
                assertTrue(label == 0 || label == 1);
            }
        }
    }

    private static String mutate(String seed, Random random) {
        StringBuilder text = new StringBuilder(seed);
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length() + 1);
            switch (random.nextInt(7)) {
                case 0 -> text.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 1 -> text.insert(at, (char) random.nextInt(0x3000));
                case 2 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(6)));
                case 3 -> text.setLength(at);
                case 4 -> {
                    if (at < text.length()) {
                        text.setCharAt(at, Character.isDigit(text.charAt(at)) ? 'O' : '7');
                    }
                }
                case 5 -> {
                    int end = text.indexOf("\n", at);
                    if (end >= 0) {
                        int start = text.lastIndexOf("\n", Math.max(0, at - 1)) + 1;
                        text.insert(end + 1, text.substring(start, end + 1));
                    }
                }
                default -> text.replace(at, Math.min(text.length(), at + 3), TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        return text.toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
