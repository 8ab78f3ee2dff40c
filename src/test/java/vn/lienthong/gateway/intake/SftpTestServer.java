package vn.lienthong.gateway.intake;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * A real SFTP server in the test JVM (Apache MINA SSHD) on loopback: its own RSA host key, public-key
 * login for one client key only, a home folder on disk. {@link #shared()} is the partner server the
 * shared test gateway's vnpost connector polls; {@link #rogue()} a second server with another host key.
 */
public final class SftpTestServer implements AutoCloseable {

    public static final String USER = "lienthong";

    private static SftpTestServer shared;

    private final SshServer server;
    private final Path home;
    private final Path keys;
    private final KeyPair hostKey;
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    /** File names the server refuses to open for reading (a permission problem on the partner's side). */
    private final java.util.Set<String> unreadable = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private SftpTestServer(Path base, KeyPair clientKey) throws IOException, GeneralSecurityException {
        home = Files.createDirectories(base.resolve("home"));
        keys = Files.createDirectories(base.resolve("keys"));
        Files.createDirectories(home.resolve("inbox"));
        hostKey = rsa();
        KeyPair client = clientKey == null ? rsa() : clientKey;
        server = SshServer.setUpDefaultServer();
        server.setHost("localhost");
        server.setPort(0);
        // as OpenSSH's sshd does: no Nagle delay (with it, every SFTP read waits on delayed ACKs)
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> {
            boolean ok = USER.equals(user) && KeyUtils.compareKeys(key, client.getPublic());
            if (ok) {
                logins.incrementAndGet();
            }
            return ok;
        });
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.setFileSystemAccessor(new org.apache.sshd.sftp.server.SftpFileSystemAccessor() {
            @Override
            public java.nio.channels.SeekableByteChannel openFile(org.apache.sshd.sftp.server.SftpSubsystemProxy subsystem,
                    org.apache.sshd.sftp.server.FileHandle fileHandle, Path file, String handle, java.util.Set<? extends java.nio.file.OpenOption> options,
                    java.nio.file.attribute.FileAttribute<?>... attrs) throws IOException {
                if (file.getFileName() != null && unreadable.contains(file.getFileName().toString())) {
                    throw new java.nio.file.AccessDeniedException(file.toString());
                }
                return org.apache.sshd.sftp.server.SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle, options, attrs);
            }
        });
        server.setSubsystemFactories(List.of(sftp));
        server.setFileSystemFactory(new VirtualFileSystemFactory(home));
        server.addSessionListener(new org.apache.sshd.common.session.SessionListener() {
            @Override
            public void sessionCreated(org.apache.sshd.common.session.Session session) {
                sessions.incrementAndGet();
            }
        });
        server.start();
        writePem(keys.resolve("client_key.pem"), client);
    }

    /** The partner server of the shared test gateway (started once per JVM). */
    public static synchronized SftpTestServer shared() {
        if (shared == null) {
            shared = start(Path.of("target", "test-data", "sftp-" + ProcessHandle.current().pid()), null);
            shared.trustSelf();
        }
        return shared;
    }

    /** Another server, with its own host key (not in the shared known_hosts), that lets any key log in (and counts it). */
    public static SftpTestServer rogue(Path base) {
        SftpTestServer rogue = start(base, null);
        rogue.server.setPublickeyAuthenticator((user, key, session) -> {
            rogue.logins.incrementAndGet();
            return true;
        });
        return rogue;
    }

    private static SftpTestServer start(Path base, KeyPair client) {
        try {
            return new SftpTestServer(base.toAbsolutePath(), client);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot start the test SFTP server", e);
        }
    }

    /** known_hosts holding this server's own host key. */
    private void trustSelf() {
        try {
            Files.writeString(knownHosts(), "[localhost]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on the server refuses to open files of this name (as OpenSSH does for a file of mode 000). */
    public void denyReading(String fileName) {
        unreadable.add(fileName);
    }

    public int port() {
        return server.getPort();
    }

    public Path home() {
        return home;
    }

    public Path inbox() {
        return home.resolve("inbox");
    }

    public Path knownHosts() {
        return keys.resolve("known_hosts");
    }

    public Path privateKey() {
        return keys.resolve("client_key.pem");
    }

    public PublicKey hostKey() {
        return hostKey.getPublic();
    }

    /** Successful logins since start. */
    public int logins() {
        return logins.get();
    }

    /** SSH connections opened since start (before any key exchange). */
    public int sessions() {
        return sessions.get();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static void writePem(Path file, KeyPair key) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(key.getPrivate());
        }
        Files.writeString(file, out.toString());
    }
}
