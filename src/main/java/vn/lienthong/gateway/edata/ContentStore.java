package vn.lienthong.gateway.edata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.gateway.crypto.Hashes;

/**
 * Content files named by their SHA-256: {@code <root>/<first 2 hex>/<sha256>}. Identical content
 * is stored once, whoever deposits it. A file and its folder entry are forced to disk before
 * {@link #put} returns, so before any row points at it; a crash before that can leave a partial
 * file nobody's row points at, which is never served (reads check the hash) and is replaced by a
 * retry (see {@link #put}).
 */
final class ContentStore {

    private static final Logger LOG = LoggerFactory.getLogger(ContentStore.class);

    private final Path root;
    /** Where a folder is forced while the calling thread forces the file. */
    private final Executor syncs;

    ContentStore(Path root, Executor syncs) {
        this.root = root.toAbsolutePath().normalize();
        this.syncs = syncs;
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
     * Makes sure a file with exactly this content is in place, and on disk, before returning. An
     * existing file is reused only after its hash is checked: a half-copied or altered file left by
     * anything is replaced.
     * <p>
     * A new file is written at its final name, then its data and its folder entry are forced to disk
     * at the same time (two fsyncs side by side, not one after the other: each takes milliseconds, and
     * the deposit's row waits for them). The caller commits a row pointing at the file only after this
     * returns. A crash before that can leave a partial file that no row points at; it is never served
     * (reads check the hash) and the next deposit of the same content replaces it (this method checks
     * the hash). A file that is being replaced (it did not match its name) is written to a temporary
     * file and moved into place atomically, so an intact file is never exposed half-written.
     *
     * @return true when a file was written, false when an intact one was already there
     */
    boolean put(String sha256, byte[] content) {
        Path target = pathOf(sha256);
        try {
            Path folder = target.getParent();
            if (Files.isRegularFile(target)) {
                if (sha256.equals(hashOf(target))) {
                    // possibly still being forced by the deposit that wrote it: on disk before anyone relies on it
                    force(target, folder);
                    return false;
                }
                LOG.warn("Content file {} does not match its name; replacing it with the deposited content", target);
                replace(sha256, target, content);
                return true;
            }
            boolean newFolder = !Files.isDirectory(folder);
            Files.createDirectories(folder);
            if (newFolder) {
                forceDirectory(root);
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                // the same content is being deposited at this moment by another caller: write a whole copy over it
                replace(sha256, target, content);
                return true;
            }
            try (channel) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                CompletableFuture<Void> entry = CompletableFuture.runAsync(() -> forceDirectory(folder), syncs);
                channel.force(true);
                entry.join();
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(target);
                throw e;
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write content file " + target, e);
        }
    }

    /** Writes a temporary file, forces it, moves it over {@code target} atomically and forces the folder. */
    private static void replace(String sha256, Path target, byte[] content) throws IOException {
        Path folder = target.getParent();
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
    }

    /** Forces an existing file's data and its folder entry to disk, side by side (cheap when already there). */
    private void force(Path file, Path folder) throws IOException {
        CompletableFuture<Void> entry = CompletableFuture.runAsync(() -> forceDirectory(folder), syncs);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
        entry.join();
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
