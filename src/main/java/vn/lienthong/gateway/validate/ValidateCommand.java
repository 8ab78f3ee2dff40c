package vn.lienthong.gateway.validate;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.gateway.files.FileProblem;

/**
 * {@code java -jar gateway.jar validate [config-dir]}: checks the routes, connectors, mappings (with their golden
 * cases), partner files and catalogues of a configuration folder (default: the working directory, which holds
 * {@code routes/}, {@code connectors/}, {@code mappings/} and {@code config/}) without starting the gateway. Prints
 * every problem as {@code file:line: reason}. Exit status: 0 all good, 1 problems found, 2 could not run.
 */
public final class ValidateCommand {

    public static final String NAME = "validate";

    static final int VALID = 0;
    static final int INVALID = 1;
    static final int COULD_NOT_RUN = 2;

    private ValidateCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        quietLogs();
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            err.println("Usage: validate [config-dir]   (the folder holding routes/, connectors/, mappings/, config/; default: .)");
            return args.length == 1 && (args[0].equals("--help") || args[0].equals("-h")) ? VALID : COULD_NOT_RUN;
        }
        Path base = Path.of(args.length == 1 ? args[0] : ".").normalize();
        if (!Files.isDirectory(base.resolve("routes")) && !Files.isDirectory(base.resolve("connectors")) && !Files.isDirectory(base.resolve("mappings"))) {
            err.println(base.toAbsolutePath() + " holds none of routes/, connectors/, mappings/: nothing to validate");
            return COULD_NOT_RUN;
        }
        long started = System.nanoTime();
        Validator validator = new Validator(base);
        List<FileProblem> problems;
        try {
            problems = validator.run();
        } catch (Exception e) {
            err.println("validate could not run: " + FileProblem.reason(e));
            return COULD_NOT_RUN;
        }
        problems.forEach(out::println);
        out.printf("%d file(s) checked in %d ms: %s%n", validator.files(), (System.nanoTime() - started) / 1_000_000,
                problems.isEmpty() ? "no problem" : problems.size() + " problem(s)");
        return problems.isEmpty() ? VALID : INVALID;
    }

    /** Only warnings and errors of the libraries: the problems are the output. */
    private static void quietLogs() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.WARN);
        }
    }
}
