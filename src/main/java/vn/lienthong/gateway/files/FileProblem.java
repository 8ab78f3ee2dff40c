package vn.lienthong.gateway.files;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * One broken file an integrator edits (a route, a connector, a mapping, a catalogue), said the one way
 * the start-up log, the health entry, the console and the {@code validate} command all say it:
 * {@code file:line: reason} (line 0 when no line applies).
 */
public record FileProblem(String file, int line, String reason) {

    private static final Pattern LINE_IN_MESSAGE = Pattern.compile("line (\\d+)");

    public FileProblem {
        reason = reason == null || reason.isBlank() ? "unreadable" : oneLine(reason);
    }

    /**
     * The problem an exception describes, with the line where the YAML parser, the route DSL or the
     * XSLT compiler found it; the reason is the innermost message that says something.
     */
    public static FileProblem of(String file, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MarkedYamlEngineException marked && marked.getProblemMark().isPresent()) {
                return new FileProblem(file, marked.getProblemMark().get().getLine() + 1, marked.getProblem());
            }
            if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                return new FileProblem(file, marked.getProblemMark().getLine() + 1, marked.getProblem());
            }
        }
        String reason = reason(failure);
        Matcher line = LINE_IN_MESSAGE.matcher(String.valueOf(failure.getMessage()));
        return new FileProblem(file, line.find() ? Integer.parseInt(line.group(1)) : 0, reason);
    }

    /** The most telling message of a chain of causes: the deepest one that has a message. */
    public static String reason(Throwable failure) {
        String reason = failure.getClass().getSimpleName();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return reason;
    }

    /** Control characters and line breaks of a message become spaces: the problem stays one log line. */
    private static String oneLine(String text) {
        String flat = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return flat.length() > 500 ? flat.substring(0, 500) + "…" : flat;
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
