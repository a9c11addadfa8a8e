package io.latentwatch.data;

/**
 * Why one cell did not parse, before the reader knows where the cell was; the reader turns it
 * into a {@link io.latentwatch.LatentwatchException} naming file, line and column. Checked, so
 * that no call site can forget to add that context.
 */
final class BadCell extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param reason what is wrong and what was expected, e.g. "is infinite, expected a finite number" */
    BadCell(String reason) {
        super(reason, null, false, false);
    }
}
