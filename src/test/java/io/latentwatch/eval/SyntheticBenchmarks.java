package io.latentwatch.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Tiny, seeded benchmark folders in NAB's and SKAB's layouts, written for a test. */
public final class SyntheticBenchmarks {
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    public static final LocalDateTime START = LocalDateTime.of(2014, 4, 1, 0, 0);
    /** NAB files: rows, and the spiked file's spike rows and label window rows. */
    public static final int NAB_ROWS = 1000;
    public static final int SPIKE_FROM = 700;
    public static final int SPIKE_TO = 706;
    public static final int WINDOW_FROM = 650;
    public static final int WINDOW_TO = 760;
    /** SKAB runs: rows, and the anomalous rows. */
    public static final int SKAB_ROWS = 700;
    public static final int SKAB_ANOMALY_FROM = 520;
    public static final int SKAB_ANOMALY_TO = 600;

    private SyntheticBenchmarks() {
    }

    /** {@code root/data/synthetic/{spike,plain}.csv}; the labels file only when {@code withLabels}. */
    public static void nab(Path root, boolean withLabels) throws IOException {
        Path data = Files.createDirectories(root.resolve("data").resolve("synthetic"));
        Files.writeString(data.resolve("spike.csv"), nabFile(3, true));
        Files.writeString(data.resolve("plain.csv"), nabFile(4, false));
        if (withLabels) {
            nabLabels(root);
        }
    }

    public static void nabLabels(Path root) throws IOException {
        Path labels = Files.createDirectories(root.resolve("labels"));
        Files.writeString(labels.resolve("combined_windows.json"), "{\n  \"synthetic/plain.csv\": [],\n"
                + "  \"synthetic/spike.csv\": [[\"" + time(WINDOW_FROM) + ".000000\", \"" + time(WINDOW_TO)
                + ".000000\"]]\n}\n");
    }

    static String time(int row) {
        return START.plusMinutes(5L * row).format(TIME);
    }

    private static String nabFile(long seed, boolean spike) {
        Random noise = new Random(seed);
        StringBuilder b = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < NAB_ROWS; i++) {
            double v = 50 + 10 * Math.sin(2 * Math.PI * i / 48.0) + noise.nextGaussian() * 0.5;
            if (spike && i >= SPIKE_FROM && i < SPIKE_TO) {
                v += 60;
            }
            b.append(time(i)).append(',').append(String.format(Locale.ROOT, "%.3f", v)).append('\n');
        }
        return b.toString();
    }

    /** {@code root/runs/{0,1}.csv} in SKAB's layout, each with a level shift on two channels. */
    public static List<Path> skab(Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("runs"));
        List<Path> files = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Random noise = new Random(10 + run);
            StringBuilder b = new StringBuilder("datetime;Accelerometer1RMS;Current;Pressure;anomaly;changepoint\n");
            LocalDateTime t = LocalDateTime.of(2020, 3, 9, 10, 0).plusHours(run);
            for (int i = 0; i < SKAB_ROWS; i++) {
                double phase = 2 * Math.PI * i / 30.0;
                double acc = 0.2 + 0.02 * Math.sin(phase) + noise.nextGaussian() * 0.002;
                double current = 2 + 0.3 * Math.sin(phase) + noise.nextGaussian() * 0.02;
                double pressure = 0.4 + 0.05 * Math.cos(phase) + noise.nextGaussian() * 0.005;
                boolean anomalous = i >= SKAB_ANOMALY_FROM && i < SKAB_ANOMALY_TO;
                if (anomalous) {
                    current += 1.5;
                    pressure -= 0.3;
                }
                b.append(t.plusSeconds(i).format(TIME)).append(';')
                        .append(String.format(Locale.ROOT, "%.5f;%.5f;%.5f;%.1f;%.1f", acc, current, pressure,
                                anomalous ? 1.0 : 0.0, i == SKAB_ANOMALY_FROM ? 1.0 : 0.0)).append('\n');
            }
            Path file = dir.resolve(run + ".csv");
            Files.writeString(file, b.toString());
            files.add(file);
        }
        return files;
    }
}
