package vn.lienthong.gateway.security.partner;

import java.util.List;

/**
 * The partner file is malformed: start-up stops with every problem found in it, one
 * {@code file:line: reason} line each (the message is those lines), so that one start shows them all.
 * {@link PartnerFileFailureAnalyzer} prints them without a stack trace.
 */
public class PartnerFileException extends RuntimeException {

    private final List<String> problems;

    public PartnerFileException(String file, int line, String reason) {
        this(List.of(file + ":" + line + ": " + reason));
    }

    public PartnerFileException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code file:line: reason}, in the order of the file. */
    public List<String> problems() {
        return problems;
    }
}
