package vn.lienthong.gateway.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.xml.transform.stream.StreamSource;

import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XmlProcessingError;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;

/**
 * The mappings ({@code mappings/*.xsl}): each one compiled by Saxon, the processor the routes' {@code xslt:} steps use,
 * so that a mistake is found at start (or by {@code validate}) with its line, not on the first request that needs it.
 */
public final class MappingFiles {

    private MappingFiles() {
    }

    /** The mapping files of a folder, in name order (none when the folder does not exist). */
    public static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".xsl")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list the mappings in " + folder, e);
        }
    }

    /** Compiles the mapping; the first error Saxon reports, with its line, when it does not compile. */
    public static Optional<FileProblem> check(Path xsl) {
        try {
            compile(xsl);
            return Optional.empty();
        } catch (BrokenFileException e) {
            return Optional.of(e.problem());
        }
    }

    /** The compiled mapping, or a {@link BrokenFileException} naming the file, the line and Saxon's reason. */
    public static XsltExecutable compile(Path xsl) {
        String name = xsl.toString();
        if (!Files.isRegularFile(xsl)) {
            throw new BrokenFileException(new FileProblem(name, 0, "the mapping file does not exist"));
        }
        List<XmlProcessingError> errors = new ArrayList<>();
        XsltCompiler compiler = new Processor(false).newXsltCompiler();
        compiler.setErrorReporter(error -> {
            if (!error.isWarning()) {
                errors.add(error);
            }
        });
        try {
            return compiler.compile(new StreamSource(xsl.toFile()));
        } catch (SaxonApiException e) {
            if (!errors.isEmpty()) {
                XmlProcessingError first = errors.get(0);
                int line = first.getLocation() == null ? 0 : Math.max(0, first.getLocation().getLineNumber());
                String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more error(s))" : "";
                throw new BrokenFileException(new FileProblem(name, line, first.getMessage() + more));
            }
            throw new BrokenFileException(FileProblem.of(name, e));
        }
    }
}
