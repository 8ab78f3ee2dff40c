package vn.lienthong.gateway.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a route file uses from the other files: the connectors it calls ({@code kamelet:<name>}) and the mappings it
 * runs ({@code xslt:file:<path>.xsl}), each with the line that names it. Read from the text, so that a route file is
 * checked against broken or missing connectors and mappings before Camel is asked to start it.
 */
public final class FileReferences {

    /** A use of another file: a connector by name or a mapping by path, at a line of the route file. */
    public record Reference(Kind kind, String target, int line) {
    }

    public enum Kind { CONNECTOR, MAPPING }

    private static final Pattern KAMELET = Pattern.compile("kamelet:([A-Za-z0-9][A-Za-z0-9_.-]*)");
    private static final Pattern XSLT = Pattern.compile("xslt:(?:file:)?([^?\"'\\s]+\\.xsl)");

    private FileReferences() {
    }

    public static List<Reference> of(String text) {
        List<Reference> references = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().startsWith("#")) {
                continue;
            }
            Matcher kamelet = KAMELET.matcher(line);
            while (kamelet.find()) {
                references.add(new Reference(Kind.CONNECTOR, kamelet.group(1), i + 1));
            }
            Matcher xslt = XSLT.matcher(line);
            while (xslt.find()) {
                references.add(new Reference(Kind.MAPPING, xslt.group(1), i + 1));
            }
        }
        return references;
    }

    /** A mapping path as routes write it (relative to the working directory) made comparable with a listed file.
     * {@code base} in {@link #check}: the folder route files' paths are relative to (the working directory at run time). */
    public static Path normalise(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }

    /**
     * Refuses a route file that uses a connector or a mapping that is broken or missing, naming the line that uses it:
     * the route would fail on start (or on its first request) for a reason that is another file's.
     */
    public static void check(Path file, String text, Path base, Path connectorsFolder, Set<String> connectors,
                             Set<String> brokenConnectors, Set<Path> brokenMappings) {
        for (Reference ref : of(text)) {
            if (ref.kind() == Kind.CONNECTOR) {
                Path connector = connectorsFolder.resolve(ref.target() + CamelFiles.KAMELET_SUFFIX);
                if (brokenConnectors.contains(ref.target())) {
                    throw new BrokenFileException(new FileProblem(file.toString(), ref.line(),
                            "uses the connector kamelet:" + ref.target() + ", which is broken (" + connector + ")"));
                }
                if (!connectors.contains(ref.target())) {
                    throw new BrokenFileException(new FileProblem(file.toString(), ref.line(),
                            "uses the connector kamelet:" + ref.target() + ", but " + connector + " does not exist"));
                }
            } else {
                Path mapping = base.resolve(ref.target()).toAbsolutePath().normalize();
                if (brokenMappings.contains(mapping)) {
                    throw new BrokenFileException(new FileProblem(file.toString(), ref.line(), "uses the mapping " + ref.target() + ", which is broken"));
                }
                if (!Files.isRegularFile(mapping)) {
                    throw new BrokenFileException(new FileProblem(file.toString(), ref.line(), "uses the mapping " + ref.target() + ", which does not exist"));
                }
            }
        }
    }
}
