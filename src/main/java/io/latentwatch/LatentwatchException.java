package io.latentwatch;

/**
 * The one unchecked exception Latentwatch throws for its own failures: bad configuration, bad
 * input files, models that do not load. Messages name the bad value and what was expected.
 */
public class LatentwatchException extends RuntimeException {
    public LatentwatchException(String message) {
        super(message);
    }

    public LatentwatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
