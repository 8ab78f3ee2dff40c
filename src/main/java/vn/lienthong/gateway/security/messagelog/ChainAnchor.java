package vn.lienthong.gateway.security.messagelog;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

import vn.lienthong.gateway.crypto.Hashes;

/**
 * The chain's head as this gateway last sealed it, kept in a file outside the database (beside the data
 * directory), so that someone who can write to the database alone cannot cut off the newest records
 * unseen: deleting them together with their seals and rewriting the head row leaves a chain that ends
 * before the anchor, which the {@link MessageLogVerifier} reports as {@link ChainProblem#TRUNCATED}.
 * <p>
 * The file is rewritten after each seal this instance commits (written to a temporary file, forced to disk,
 * renamed over the old one), so it is never ahead of the database: a chain ahead of the anchor is normal
 * (another instance sealed since, or this one died between commit and rewrite); an anchor ahead of the
 * chain is not.
 *
 * @param sealNo         the seal's number
 * @param firstSeq       the first record it covers
 * @param lastSeq        the last record it covers
 * @param lastRecordHash the hash of record {@code lastSeq}, which vouches for every record before it
 * @param sealedAt       when it was made
 * @param file           where it was read from (null for one not yet written)
 */
public record ChainAnchor(long sealNo, long firstSeq, long lastSeq, String lastRecordHash, Instant sealedAt, Path file) {

    private static final String HEADER = "Lien Thong Gateway message log anchor: the last seal this instance made."
            + " If the database's chain ends before it, records were cut off. Delete only together with the database.";

    public ChainAnchor {
        if (sealNo < 1 || firstSeq < 1 || lastSeq < firstSeq || !Hashes.isSha256Hex(lastRecordHash) || sealedAt == null) {
            throw new IllegalArgumentException("Not a seal: " + sealNo + ", records " + firstSeq + " to " + lastSeq);
        }
    }

    static ChainAnchor of(Seal seal) {
        return new ChainAnchor(seal.sealNo(), seal.firstSeq(), seal.lastSeq(), seal.lastRecordHash(), seal.sealedAt(), null);
    }

    /** The anchor in {@code file}; empty when there is no such file. */
    public static Optional<ChainAnchor> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new MessageLogException("Cannot read the message log's anchor " + file + ": " + e.getMessage(), e);
        }
        Properties values = new Properties();
        try {
            values.load(new StringReader(text));
            return Optional.of(new ChainAnchor(Long.parseLong(values.getProperty("seal_no", "")),
                    Long.parseLong(values.getProperty("first_seq", "")), Long.parseLong(values.getProperty("last_seq", "")),
                    values.getProperty("last_record_hash"), Instant.parse(values.getProperty("sealed_at", "")), file));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            throw new MessageLogException("The message log's anchor " + file + " is not readable (" + e.getMessage()
                    + "); it was edited or damaged.", e);
        }
    }

    /** Replaces {@code file} with this anchor, atomically and durably (temporary file, fsync, rename, fsync of the folder). */
    void write(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = folder.resolve(file.getFileName() + ".tmp");
        String text = "# " + HEADER + "\n"
                + "seal_no=" + sealNo + "\n"
                + "first_seq=" + firstSeq + "\n"
                + "last_seq=" + lastSeq + "\n"
                + "last_record_hash=" + lastRecordHash + "\n"
                + "sealed_at=" + sealedAt + "\n";
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true); // the rename itself survives a crash
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a folder; the file's content is on disk all the same
        }
    }

    /** "seal 3 over records 21 to 30 (last record hash 1a2b3c4d…, sealed at …)". */
    String describe() {
        return "seal " + sealNo + " over records " + firstSeq + " to " + lastSeq + " (last record hash "
                + lastRecordHash.substring(0, 16) + "…, sealed at " + sealedAt + ")" + (file == null ? "" : " anchored in " + file);
    }
}
