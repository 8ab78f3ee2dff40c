package vn.lienthong.gateway.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one hash of the gateway: stored documents, message-log records and seals are all
 * identified by it. Hex output is lower case, 64 characters, so that hashes compare as plain strings.
 */
public final class Hashes {

    private static final HexFormat HEX = HexFormat.of();
    private static final int BUFFER_SIZE = 64 * 1024;

    private Hashes() {
    }

    public static byte[] sha256(byte[] content) {
        return sha256Digest().digest(content);
    }

    public static String sha256Hex(byte[] content) {
        return hex(sha256(content));
    }

    /** A digest as this class writes hashes: lower-case hex. */
    public static String hex(byte[] digest) {
        return HEX.formatHex(digest);
    }

    /** Hashes a stream of any size with a fixed buffer; the stream is read to its end but not closed. */
    public static String sha256Hex(InputStream content) throws IOException {
        MessageDigest digest = sha256Digest();
        byte[] buffer = new byte[BUFFER_SIZE];
        int read;
        while ((read = content.read(buffer)) != -1) {
            digest.update(buffer, 0, read);
        }
        return HEX.formatHex(digest.digest());
    }

    /** True when the value is a hash as this class writes it: 64 lower-case hex digits. */
    public static boolean isSha256Hex(String value) {
        if (value == null || value.length() != 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** A fresh digest: MessageDigest instances are not thread-safe, so none is shared. */
    public static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
