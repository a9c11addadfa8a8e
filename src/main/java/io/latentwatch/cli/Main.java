package io.latentwatch.cli;

import io.latentwatch.LatentwatchException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code latentwatch} command line: wires subcommands, exit codes and error printing. */
@Command(name = "latentwatch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Streaming anomaly detection for sensor data on Apache Kafka, with autoencoders.",
        subcommands = {DemoCommand.class, TrainCommand.class, DetectCommand.class, ReplayCommand.class,
            EvaluateCommand.class, BenchCommand.class,
            SimulateCommand.class, GenerateCommand.class, TailCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {
    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    @Option(names = ConfigDefaults.CONFIG_OPTION, scope = CommandLine.ScopeType.INHERIT, paramLabel = "FILE",
            description = "Properties file of option values (keys are option names, kafka.* keys go to the Kafka "
                    + "clients); also LATENTWATCH_CONFIG. Environment variables LATENTWATCH_<OPTION> come first.")
    java.nio.file.Path config;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code: 0 ok, 1 failure, 2 usage error. */
    public static int run(String... args) {
        return run(null, null, args);
    }

    /** As {@link #run(String...)}, printing to {@code out} and {@code err}; null means picocli's default. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(System.getenv(), out, err, args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, String...)} with this environment (for tests). */
    static int run(java.util.Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        ConfigDefaults defaults;
        try {
            defaults = ConfigDefaults.load(args, env);
        } catch (LatentwatchException e) {
            (err != null ? err : new PrintWriter(System.err, true)).println("latentwatch: error: " + e.getMessage());
            return 2;
        }
        cli.setDefaultValueProvider(defaults);
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || parseResult.subcommands().stream().anyMatch(s -> s.hasMatchedOption("--verbose"));
            commandLine.getErr().println("latentwatch: error: " + message(e));
            if (verbose) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }

    private static String message(Throwable e) {
        if (e instanceof LatentwatchException || e.getMessage() == null) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"latentwatch " + version()};
        }
    }

    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
