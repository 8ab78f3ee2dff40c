package vn.lienthong.gateway.sandbox;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.gateway.crypto.Hashes;

/**
 * The digitization partner's SFTP server, simulated (Apache MINA SSHD) on loopback, so that the
 * run command shows the batch intake working on a fresh machine. It accepts one login: user
 * {@code lienthong} with the key the gateway's vnpost connector uses (generated into the data
 * directory when absent), and writes the {@code known_hosts} line of its own host key into its own
 * folder ({@code <data>/sandbox-sftp/known_hosts}, the connector's default with the sandbox) — the
 * connector's strict host-key checking then passes for this server and no other. It never writes
 * the known_hosts file configured for a real partner's server (INTAKE_VNPOST_KNOWN_HOSTS). Batches go under
 * {@code <data>/sandbox-sftp/home/inbox/}; {@link #deliverDemoBatch()} writes one as a partner would.
 *
 * <p>When its port is taken (another gateway on this machine), it stays off and says so.
 */
public final class SandboxSftpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxSftpServer.class);
    public static final String USER = "lienthong";
    /** The partner id the intake expects in manifests delivered through the vnpost connector. */
    static final String PARTNER = "vnpost";
    private static final String MANIFEST_NAMESPACE = "urn:lienthong:intake:manifest:1";

    private final SshServer server;
    private final Path home;
    /** The known_hosts line of this server's own host key: its own file, never one the configuration points at for a real partner. */
    private final Path knownHosts;
    private final boolean running;

    SandboxSftpServer(int port, Path folder, Path clientKeyFile) {
        this.home = folder.resolve("home");
        this.knownHosts = folder.resolve("known_hosts");
        Path knownHostsFile = knownHosts;
        SshServer ssh = null;
        boolean started = false;
        try {
            for (String dir : List.of("inbox", "done", "error")) {
                Files.createDirectories(home.resolve(dir));
            }
            PublicKey client = clientKey(clientKeyFile);
            SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(folder.resolve("host-key.ser"));
            hostKeys.setAlgorithm(KeyUtils.RSA_ALGORITHM);
            ssh = SshServer.setUpDefaultServer();
            ssh.setHost("localhost");
            ssh.setPort(port);
            CoreModuleProperties.TCP_NODELAY.set(ssh, true);
            ssh.setKeyPairProvider(hostKeys);
            ssh.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, client));
            ssh.setPasswordAuthenticator(null);
            ssh.setKeyboardInteractiveAuthenticator(null);
            ssh.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            ssh.setFileSystemFactory(new VirtualFileSystemFactory(home));
            ssh.start();
            PublicKey hostKey = hostKeys.loadKeys(null).iterator().next().getPublic();
            Files.createDirectories(knownHostsFile.toAbsolutePath().getParent());
            Files.writeString(knownHostsFile, "[localhost]:" + port + " " + PublicKeyEntry.toString(hostKey) + "\n");
            started = true;
            LOG.info("Sandbox SFTP server of the digitization partner on localhost:{}; drop batches in {} (or POST /sandbox/sftp/demo-batch)",
                    port, home.resolve("inbox"));
        } catch (BindException e) {
            LOG.warn("Sandbox SFTP server not started: port {} is taken ({}); start with SANDBOX_SFTP_PORT=<a free port> (gateway.sandbox.sftp.port) to have it", port, e.getMessage());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot start the sandbox SFTP server: " + e.getMessage(), e);
        }
        this.server = ssh;
        this.running = started;
    }

    public boolean running() {
        return running;
    }

    /** {@code <folder>/known_hosts}: the line for this server's host key (the vnpost connector's default known_hosts with the sandbox). */
    public Path knownHosts() {
        return knownHosts;
    }

    public Path inbox() {
        return home.resolve("inbox");
    }

    /**
     * Writes a batch into the inbox as the partner would — the PDFs, then {@code manifest.xml} by an
     * atomic rename: four good birth-certificate scans and two that the intake must refuse (a file
     * whose hash does not match the manifest, an owner ID that is not one).
     *
     * @return the batch id
     */
    public String deliverDemoBatch() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        String batchId = "VNPOST-DEMO-" + stamp;
        String[][] owners = {
            {"001203012345", "Nguyễn Văn An"}, {"001165004321", "Trần Thị Bình"},
            {"031190001111", "Lê Thị Hoa"}, {"079190002222", "Lê Thị Hoa"},
            {"001203012345", "Nguyễn Văn An"}, {"12345", "(số định danh sai)"}};
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < owners.length; i++) {
            String id = String.valueOf(i + 1);
            String file = "giay-khai-sinh-" + id + ".pdf";
            byte[] pdf = scan("Giấy khai sinh — " + owners[i][1] + " — " + batchId + "/" + id);
            String sha256 = i == 4 ? Hashes.sha256Hex(scan("another page")) : Hashes.sha256Hex(pdf);
            files.put(file, pdf);
            items.add("""
                      <item id="%s">
                        <file>%s</file>
                        <sha256>%s</sha256>
                        <ownerType>CITIZEN</ownerType>
                        <ownerId>%s</ownerId>
                        <typeCode>KQ.G11.000001</typeCode>
                        <number>%s/%s</number>
                        <issuer>000.00.11.H29</issuer>
                        <issueDate>%s</issueDate>
                      </item>
                    """.formatted(id, file, sha256, owners[i][0], id, LocalDate.now().getYear() - 10, LocalDate.now().minusYears(10)));
        }
        String manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest xmlns=\"" + MANIFEST_NAMESPACE + "\" batchId=\"" + batchId
                + "\" partner=\"" + PARTNER + "\">\n" + String.join("", items) + "</manifest>\n";
        try {
            Path dir = Files.createDirectories(inbox().resolve(batchId));
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(dir.resolve(f.getKey()), f.getValue());
            }
            Path part = dir.resolve("manifest.xml.part");
            Files.writeString(part, manifest, StandardCharsets.UTF_8);
            Files.move(part, dir.resolve("manifest.xml"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return batchId;
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.stop(true);
        }
    }

    /** A small, well-formed one-page PDF carrying {@code text} (ASCII only in the content stream). */
    static byte[] scan(String text) {
        String ascii = text.replaceAll("[^\\x20-\\x7E]", "?").replace("(", "[").replace(")", "]");
        String stream = "BT /F1 12 Tf 72 720 Td (" + ascii + ") Tj ET";
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        StringBuilder pdf = new StringBuilder("%PDF-1.7\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.length; i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The connector's login key: reused from {@code file}, or generated into it (PEM, owner-readable only). */
    private static PublicKey clientKey(Path file) throws IOException, GeneralSecurityException {
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file); PEMParser pem = new PEMParser(reader)) {
                Object read = pem.readObject();
                if (read instanceof PEMKeyPair pair) {
                    return new JcaPEMKeyConverter().getKeyPair(pair).getPublic();
                }
                throw new IOException(file + " is not a PEM key pair");
            }
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(key.getPrivate());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out.toString());
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data directory's own permissions apply
        }
        return key.getPublic();
    }
}
