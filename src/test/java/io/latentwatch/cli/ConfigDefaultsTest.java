package io.latentwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDefaultsTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void fileThenEnvironmentThenFlagSetAnOptionsValue() throws Exception {
        Path file = dir.resolve("latentwatch.properties");
        Files.writeString(file, "threshold=ewma\nscore-batch-size=17\nkafka.security.protocol=SSL\n");
        Result fromFile = run(Map.of(), "--config", file.toString(), "detect", "--help");
        assertEquals(0, fromFile.code());
        assertTrue(fromFile.out().contains("(default: ewma)"), fromFile.out());
        assertTrue(fromFile.out().contains("(default: 17)"), fromFile.out());

        Result fromEnv = run(Map.of("LATENTWATCH_CONFIG", file.toString(), "LATENTWATCH_THRESHOLD", "dspot"),
                "detect", "--help");
        assertTrue(fromEnv.out().contains("(default: dspot)"), "the environment wins over the file: " + fromEnv.out());
        assertTrue(fromEnv.out().contains("(default: 17)"), fromEnv.out());

        Properties kafka = ConfigDefaults.load(new String[] {"--config=" + file}, Map.of()).kafkaProperties();
        assertEquals("SSL", kafka.getProperty("security.protocol"));
        assertEquals(1, kafka.size());
    }

    @Test
    void aBadValueFailsAtStartNamingTheOptionAndTheValue() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "epochs=many\n");
        Result r = run(Map.of(), "--config", file.toString(), "train", "--data", "x.csv", "--out", dir.resolve("m").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--epochs") && r.err().contains("many"), r.err());

        Result missing = run(Map.of(), "--config", dir.resolve("nowhere.properties").toString(), "train", "--help");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nowhere.properties"), missing.err());
    }

    @Test
    void environmentNamesFollowTheOptionNames() {
        assertEquals("LATENTWATCH_BOOTSTRAP_SERVERS", ConfigDefaults.envName("bootstrap-servers"));
    }
}
