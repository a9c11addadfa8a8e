package io.latentwatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory whose contents live as long as one run: the state stores of demo and bench,
 * an evaluation's model directories.
 */
public final class ScratchDirectory {
    private ScratchDirectory() {
    }

    /** Creates a fresh temporary directory named after {@code prefix}. */
    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new LatentwatchException("cannot create a temporary state directory: " + e.getMessage(), e);
        }
    }

    /** Deletes {@code dir} and everything below it, as far as it can: a leftover temporary directory is harmless. */
    public static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort, see above
        }
    }
}
