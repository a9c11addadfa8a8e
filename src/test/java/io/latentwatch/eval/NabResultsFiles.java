package io.latentwatch.eval;

import io.latentwatch.data.CsvOptions;
import io.latentwatch.data.DataFormat;
import io.latentwatch.data.SeriesReader;
import io.latentwatch.data.TimeSeries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads NAB's published per-detector results files ({@code results/<detector>/<category>/
 * <detector>_<file>.csv}): the detector's anomaly scores and the {@code S(t)_<profile>} columns
 * NAB wrote beside them.
 */
final class NabResultsFiles {

    /** One results file: the scorer's input, and NAB's {@code S(t)} column per profile. */
    record Read(NabFile file, Map<NabProfile, double[]> nabColumns) {
    }

    private NabResultsFiles() {
    }

    static Path path(Path resultsRoot, String detector, String key) {
        int slash = key.indexOf('/');
        return resultsRoot.resolve(detector).resolve(key.substring(0, slash))
                .resolve(detector + "_" + key.substring(slash + 1));
    }

    static Read read(Path resultsRoot, String detector, String key, List<long[]> windows) {
        List<String> columns = new ArrayList<>();
        columns.add("anomaly_score");
        for (NabProfile p : NabProfile.values()) {
            columns.add("S(t)_" + p.nabName());
        }
        TimeSeries series = SeriesReader.read(path(resultsRoot, detector, key), DataFormat.CSV,
                CsvOptions.defaults().withTimestampColumn("timestamp").withChannelColumns(columns));
        Map<NabProfile, double[]> nab = new EnumMap<>(NabProfile.class);
        for (NabProfile p : NabProfile.values()) {
            nab.put(p, column(series, 1 + p.ordinal()));
        }
        return new Read(new NabFile(key, series.timestamps(), column(series, 0), windows), nab);
    }

    /** Reads every file of {@code labels} for {@code detector}, in label order. */
    static List<NabFile> corpus(Path resultsRoot, String detector, Map<String, List<long[]>> labels) {
        List<NabFile> files = new ArrayList<>();
        labels.forEach((key, windows) -> files.add(read(resultsRoot, detector, key, windows).file()));
        return files;
    }

    private static double[] column(TimeSeries series, int channel) {
        double[] out = new double[series.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = series.values()[i][channel];
        }
        return out;
    }
}
