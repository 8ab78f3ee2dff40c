package vn.lienthong.gateway.connector;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchRevokedHostKeyException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;

/**
 * A digitization partner's SFTP server, probed as its connector reaches it
 * (connectors/*-digitization-source.kamelet.yaml): connect, strict host-key check against the
 * connector's own known_hosts, public-key login, list the inbox. {@link Failure#of} names why a
 * connection failed — for the health check and for the intake's poll alike.
 */
public final class SftpProbe {

    /** The connector's settings, as configured. */
    public record Settings(String host, int port, String username, String privateKeyFile, String knownHostsFile, String directory,
                           int timeoutMillis) {

        public String server() {
            return host + ":" + port;
        }
    }

    /** Why an SFTP server could not be used; {@link #sentence} says it for an operator. */
    public enum Failure {
        HOST_KEY_CHANGED("the server's host key has CHANGED from the one in known_hosts: possibly a man in the middle. Nothing is read from it;"
                + " check the new key's fingerprint with the partner by another channel before changing known_hosts"),
        HOST_KEY_UNKNOWN("the server's host key is not in the connector's known_hosts (or there is no entry for this host and port)."
                + " Nothing is read from it; add the key after checking its fingerprint with the partner"),
        AUTH_REFUSED("the server refused the gateway's public-key login (key not installed for this user, wrong user or wrong key file)"),
        UNREACHABLE("the server cannot be reached (refused, timed out, unknown host)"),
        INBOX_UNREADABLE("logged in, but the inbox directory cannot be listed"),
        SFTP_ERROR("the SFTP session failed");

        private final String sentence;

        Failure(String sentence) {
            this.sentence = sentence;
        }

        public String sentence() {
            return sentence;
        }

        /** The reason of a failed connection or listing, from the exception and its causes. */
        public static Failure of(Throwable error) {
            for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
                String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
                if (t instanceof JSchChangedHostKeyException || t instanceof JSchRevokedHostKeyException || message.contains("hostkey has been changed")) {
                    return HOST_KEY_CHANGED;
                }
                if (t instanceof JSchUnknownHostKeyException || message.contains("unknownhostkey") || message.contains("reject hostkey")) {
                    return HOST_KEY_UNKNOWN;
                }
                if (t.getClass().getSimpleName().contains("Auth") || message.startsWith("auth fail")
                        || message.startsWith("auth cancel")) {
                    return AUTH_REFUSED;
                }
                if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                        || t instanceof SocketTimeoutException || message.contains("connection refused") || message.contains("socket is not established")) {
                    return UNREACHABLE;
                }
                if (t instanceof SftpException) {
                    return INBOX_UNREADABLE;
                }
            }
            return SFTP_ERROR;
        }
    }

    /** What a probe found: ok, or the failure with the exception's own words. */
    public record Result(boolean ok, Failure failure, String detail, int entries, long millis) {
    }

    /**
     * The key exchanges JSch tries out before each session, without the sntrup761 ones. JSch checks each algorithm of
     * {@code CheckKexes} by running it once (a key pair generated), to drop those the JVM cannot run; sntrup761 comes with
     * BouncyCastle, which the gateway always has, and its key generation in pure Java costs about a second of CPU: the
     * probe paid that every {@code gateway.operations.probe-interval}, for a check that cannot fail here. The algorithms
     * offered to the server are unchanged (JSch's {@code kex} list, post-quantum first).
     */
    static final String CHECKED_KEXES = java.util.Arrays.stream(JSch.getConfig("CheckKexes").split(","))
            .filter(kex -> !kex.startsWith("sntrup761"))
            .collect(java.util.stream.Collectors.joining(","));

    private SftpProbe() {
    }

    public static Result probe(Settings settings) {
        long started = System.nanoTime();
        Session session = null;
        ChannelSftp sftp = null;
        try {
            JSch jsch = new JSch();
            jsch.setKnownHosts(settings.knownHostsFile());
            jsch.addIdentity(settings.privateKeyFile());
            session = jsch.getSession(settings.username(), settings.host(), settings.port());
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
            session.setConfig("CheckKexes", CHECKED_KEXES);
            session.connect(settings.timeoutMillis());
            sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(settings.timeoutMillis());
            int entries = sftp.ls(settings.directory()).size();
            return new Result(true, null, null, entries, (System.nanoTime() - started) / 1_000_000);
        } catch (JSchException | SftpException | RuntimeException e) {
            return new Result(false, Failure.of(e), e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), -1,
                    (System.nanoTime() - started) / 1_000_000);
        } finally {
            if (sftp != null) {
                sftp.disconnect();
            }
            if (session != null) {
                session.disconnect();
            }
        }
    }
}
