package vn.lienthong.gateway.intake;

import java.util.Map;

/**
 * One batch folder on a partner's server, as the intake sees it. Any failure to reach the server
 * is an unchecked exception: the batch is then left where it is and retried on a later poll.
 */
public interface BatchFolder extends AutoCloseable {

    /** The folder's name (the last path segment), for logs and the receipt. */
    String name();

    /** The regular files directly in the folder, by name, with their sizes in bytes. */
    Map<String, Long> files();

    byte[] read(String fileName);

    /** Writes (or overwrites) a file in the folder. */
    void write(String fileName, byte[] content);

    /**
     * Moves the whole folder into {@code targetDirectory} (created when missing); when a folder of
     * the same name is already there, the moved one gets a suffix. Returns where it now is.
     */
    default String moveTo(String targetDirectory) {
        return moveTo(targetDirectory, name());
    }

    /** As {@link #moveTo(String)}, under another name (a folder whose own name is not safe to keep). */
    String moveTo(String targetDirectory, String targetName);

    /** Another, independent connection to the same folder (for parallel downloads); close it after use. */
    BatchFolder openAnother();

    @Override
    void close();
}
