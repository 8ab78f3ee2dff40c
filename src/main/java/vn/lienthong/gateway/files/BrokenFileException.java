package vn.lienthong.gateway.files;

/** A file an integrator edits cannot be used: its message is the {@code file:line: reason} of {@link #problem()}. */
public class BrokenFileException extends RuntimeException {

    private final transient FileProblem problem;

    public BrokenFileException(FileProblem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    public FileProblem problem() {
        return problem;
    }
}
