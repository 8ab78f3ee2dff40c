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
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.gateway.crypto.Hashes;

/**
 * Content files named by their SHA-256: {@code <root>/<first 2 hex>/<sha256>}. Identical content
 * is stored once, whoever deposits it. A file appears only whole: it is written to a temporary
 * file in the same folder, forced to disk, then moved into place atomically, and the folder is
 * forced too where the OS allows it, so that a crash leaves either no file or the full file
 * (possibly an orphan nobody's row points at, which is never served and is reused by a retry).
 */
final class ContentStore {

    private static final Logger LOG = LoggerFactory.getLogger(ContentStore.class);

    private final Path root;

    ContentStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
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
     * Makes sure a file with exactly this content is in place. An existing file is reused only
     * after its hash is checked: a half-copied or altered file left by anything is replaced.
     *
     * @return true when a file was written, false when an intact one was already there
     */
    boolean put(String sha256, byte[] content) {
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
            Path temporary = Files.createTempFile(folder, sha256.substring(0, 8) + ".", ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(content);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the file system of " + folder + " cannot rename atomically", e);
                }
                forceDirectory(folder);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write content file " + target, e);
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
