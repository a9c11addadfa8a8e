package io.latentwatch.cli;

import io.latentwatch.LatentwatchException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where options get their values when not given as flags: an environment variable
 * ({@code LATENTWATCH_} and the option's name in capitals, {@code -} as {@code _}, e.g.
 * {@code LATENTWATCH_BOOTSTRAP_SERVERS}), then a properties file ({@code --config FILE} or
 * {@code LATENTWATCH_CONFIG}; keys are option names without {@code --}, e.g. {@code threshold=dspot}),
 * then the documented default. Flags win over both. Keys starting with {@code kafka.} pass through
 * to the Kafka clients without the prefix (TLS, SASL, tuning). Values are validated exactly like
 * flags, and a bad one fails at start naming the option, the value and what is allowed.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
    static final String CONFIG_OPTION = "--config";
    static final String CONFIG_ENV = "LATENTWATCH_CONFIG";
    static final String KAFKA_PREFIX = "kafka.";

    private final Map<String, String> env;
    private final Properties file;
    private final Path source;

    private ConfigDefaults(Map<String, String> env, Properties file, Path source) {
        this.env = env;
        this.file = file;
        this.source = source;
    }

    /** The defaults for this command line: the file named by {@code --config} or the environment, if any. */
    static ConfigDefaults load(String[] args, Map<String, String> env) {
        Path path = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(CONFIG_OPTION) && i + 1 < args.length) {
                path = Path.of(args[i + 1]);
            } else if (args[i].startsWith(CONFIG_OPTION + "=")) {
                path = Path.of(args[i].substring(CONFIG_OPTION.length() + 1));
            }
        }
        if (path == null && env.get(CONFIG_ENV) != null && !env.get(CONFIG_ENV).isBlank()) {
            path = Path.of(env.get(CONFIG_ENV));
        }
        Properties props = new Properties();
        if (path != null) {
            try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                props.load(in);
            } catch (NoSuchFileException e) {
                throw new LatentwatchException("configuration file " + path + " does not exist");
            } catch (IOException | IllegalArgumentException e) {
                throw new LatentwatchException("cannot read configuration file " + path + ": " + e.getMessage(), e);
            }
        }
        return new ConfigDefaults(env, props, path);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.longestName().equals(CONFIG_OPTION)) {
            return null;
        }
        String name = option.longestName().replaceFirst("^--", "");
        String fromEnv = env.get(envName(name));
        if (fromEnv != null) {
            return fromEnv;
        }
        return file.getProperty(name);
    }

    static String envName(String option) {
        return "LATENTWATCH_" + option.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The file's {@code kafka.*} entries, without the prefix, for the Kafka clients. */
    Properties kafkaProperties() {
        Properties out = new Properties();
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length()) {
                out.setProperty(key.substring(KAFKA_PREFIX.length()), file.getProperty(key));
            }
        }
        return out;
    }

    /** The configuration file in use, or null. */
    Path source() {
        return source;
    }
}
