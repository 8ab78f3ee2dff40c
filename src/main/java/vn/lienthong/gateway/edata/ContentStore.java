package vn.lienthong.gateway.edata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.gateway.crypto.Hashes;

/**
 * Content files named by their SHA-256: {@code <root>/<first 2 hex>/<sha256>}. Identical content
 * is stored once, whoever deposits it. A file appears only whole: it is written to a temporary
 * file in {@code <root>/staging}, forced to disk, then moved into place atomically, and the folder
 * is forced too where the OS allows it, so that a crash leaves either no file or the full file
 * (possibly an orphan nobody's row points at, which is never served and is reused by a retry).
 */
final class ContentStore {

    private static final Logger LOG = LoggerFactory.getLogger(ContentStore.class);

    /** Staged files older than this at start are a crash's leftovers (no deposit takes an hour to write one file). */
    private static final Duration STALE = Duration.ofHours(1);

    private final Path root;
    /** Where files are written before they have a name: inside the root, so that moving them out is an atomic rename. */
    private final Path staging;

    ContentStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.staging = this.root.resolve("staging");
        removeStaleStagedFiles();
    }

    Path root() {
        return root;
    }

    Path pathOf(String sha256) {
        if (!Hashes.isSha256Hex(sha256)) {
            throw new IllegalArgumentException("not a SHA-256 in lower-case hex");
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /**
     * Writes content to a new temporary file in the staging folder and forces it to disk. This is
     * the slow half of a write and needs no hash, so a deposit starts it while the content is still
     * being hashed; {@link #place} then gives the file its name.
     */
    Staged stage(byte[] content) {
        try {
            Files.createDirectories(staging);
            Path temporary = Files.createTempFile(staging, "content.", ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temporary);
                throw e;
            }
            return new Staged(temporary);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a content file under " + staging, e);
        }
    }

    /**
     * Makes sure a file with exactly the staged content is in place under its hash: the staged file
     * is moved there atomically and the folder forced, unless an intact file already has that name.
     * An existing file is reused only after its hash is checked: a half-copied or altered file left
     * by anything is replaced. The staged file is gone afterwards, whatever happens.
     *
     * @return true when a file was put in place, false when an intact one was already there
     */
    boolean place(Staged staged, String sha256) {
        Path target = pathOf(sha256);
        try {
            if (Files.isRegularFile(target)) {
                if (sha256.equals(hashOf(target))) {
                    return false;
                }
                LOG.warn("Content file {} does not match its name; replacing it with the deposited content", target);
            }
            Path folder = target.getParent();
            boolean newFolder = !Files.isDirectory(folder);
            Files.createDirectories(folder);
            if (newFolder) {
                forceDirectory(root);
            }
            try {
                Files.move(staged.file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + root + " cannot rename atomically", e);
            }
            forceDirectory(folder);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write content file " + target, e);
        } finally {
            staged.discard();
        }
    }

    /**
     * Whether a content file can be written now: a small file is really written in the staging
     * folder, forced to disk and deleted, as a deposit would. A folder that exists but belongs to
     * another user (a volume mounted root-owned), a full or read-only file system, a staging path
     * that is not a folder: each gives the reason here, where a deposit would answer 500.
     *
     * @return empty when the write succeeded, else why it did not
     */
    Optional<String> writeProblem() {
        Path probe = null;
        try {
            Files.createDirectories(staging);
            probe = Files.createTempFile(staging, "health.", ".tmp");
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(new byte[] {'o', 'k'}));
                channel.force(true);
            }
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // the reason below is what matters
                }
            }
            return Optional.of("cannot write a content file in " + staging + ": " + e);
        }
    }

    /** The file's bytes, or empty when it is missing. */
    Optional<byte[]> read(String sha256) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(pathOf(sha256)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** A content file written and forced to disk, not yet under its name. */
    static final class Staged {
        private final Path file;

        private Staged(Path file) {
            this.file = file;
        }

        private void discard() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Cannot remove staged content file {}: {}", file, e.toString());
            }
        }
    }

    /**
     * A crash between {@link #stage} and {@link #place} leaves a staged file behind. It has no name
     * any row could point at, so it is never served; the next start removes it. Only old ones: on
     * shared storage another instance may be staging a file right now.
     */
    private void removeStaleStagedFiles() {
        if (!Files.isDirectory(staging)) {
            return;
        }
        Instant cutoff = Instant.now().minus(STALE);
        int[] removedKept = new int[2];
        try (Stream<Path> files = Files.list(staging)) {
            files.filter(f -> f.getFileName().toString().endsWith(".tmp")).forEach(f -> {
                try {
                    if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(f);
                        removedKept[0]++;
                    } else {
                        removedKept[1]++;
                    }
                } catch (IOException e) {
                    LOG.warn("Cannot remove stale staged content file {}: {}", f, e.toString());
                }
            });
            if (removedKept[0] + removedKept[1] > 0) {
                // said where an operator looks: a file left by a kill is removed only once it is an hour old
                LOG.warn("Staged content files in {}: {} older than {} removed (a crash's leftovers), {} younger kept"
                        + " (maybe another instance's; removed at a later start once older)", staging, removedKept[0], STALE, removedKept[1]);
            }
        } catch (IOException e) {
            LOG.warn("Cannot list staged content files in {}: {}", staging, e.toString());
        }
    }

    private static String hashOf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Hashes.sha256Hex(in);
        }
    }

    /** Makes a rename durable. Some systems (Windows) cannot open a folder for this: the rename is then as durable as the OS makes it. */
    private static void forceDirectory(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Cannot force folder {} to disk: {}", folder, e.toString());
        }
    }
}
