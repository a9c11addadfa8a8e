package io.latentwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code latentwatch bench} refuses bad options before it starts anything; needs no broker. */
class BenchCommandTest {
    @TempDir
    Path dir;

    private String refused(String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "bench";
        args[1] = "--out";
        args[2] = dir.resolve("out").toString();
        System.arraycopy(options, 0, args, 3, options.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
            exit = Main.run(o, e, args);
        }
        assertEquals(1, exit, "expected a refusal of " + String.join(" ", options) + "; out: " + out + " err: " + err);
        assertTrue(Files.notExists(dir.resolve("out")), "nothing is written when the options are refused");
        return err.toString();
    }

    @Test
    void refusesNoEntities() {
        String err = refused("--entities", "0");
        assertTrue(err.contains("--entities must be in [1, 1000000], got 0"), err);
    }

    @Test
    void refusesTooManyChannels() {
        String err = refused("--channels", "257");
        assertTrue(err.contains("--channels must be in [1, 256], got 257"), err);
    }

    @Test
    void refusesAHopLongerThanTheWindow() {
        String err = refused("--window", "8", "--hop", "9");
        assertTrue(err.contains("--hop must be in [1, window = 8] readings, got 9"), err);
    }

    @Test
    void refusesTooFewRecordsForOneWindowPerEntity() {
        String err = refused("--entities", "10", "--window", "32", "--records", "319");
        assertTrue(err.contains("expected [320, 100000000] for 10 entities and window 32, got 319"), err);
    }

    @Test
    void refusesANegativeLatencyRate() {
        String err = refused("--latency-rate", "-5");
        assertTrue(err.contains("--latency-rate must be >= 0 readings/s"), err);
        assertTrue(err.contains("got -5.0"), err);
    }

    @Test
    void refusesAnUnknownArchitecture() {
        String err = refused("--arch", "transformer");
        assertTrue(err.contains("transformer"), err);
    }

    @Test
    void refusesAnArchitectureOptionThatDoesNotApply() {
        String err = refused("--arch", "dense", "--beta", "2");
        assertTrue(err.contains("--beta applies only to --arch vae"), err);
    }

    @Test
    void helpNamesTheOptions() {
        StringWriter out = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(new StringWriter(), true)) {
            exit = Main.run(o, e, "bench", "--help");
        }
        assertEquals(0, exit);
        for (String option : new String[] {"--entities", "--channels", "--records", "--window", "--arch", "--out"}) {
            assertTrue(out.toString().contains(option), option + " in " + out);
        }
    }
}
