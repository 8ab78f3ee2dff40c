package vn.lienthong.gateway.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Reads and writes the files keys live in: PKCS#12 keystores and PEM certificates.
 * Files this class writes are owner-only (rw-------) where the file system has POSIX permissions,
 * and appear whole or not at all (written beside, then moved into place).
 */
public final class KeyFiles {

    private KeyFiles() {
    }

    /** The key entry {@code alias} of a PKCS#12 keystore, with its certificate chain. */
    public static SigningIdentity readPkcs12(Path path, char[] password, String alias) {
        KeyStore keystore = loadPkcs12(path, password);
        try {
            if (!keystore.isKeyEntry(alias)) {
                throw new KeyMaterialException("The keystore " + path + " has no key entry named '" + alias
                        + "' (gateway.crypto.keystore.alias); it holds: " + Collections.list(keystore.aliases()));
            }
            Key key = keystore.getKey(alias, password);
            Certificate[] chain = keystore.getCertificateChain(alias);
            if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
                throw new KeyMaterialException("The keystore entry '" + alias + "' in " + path
                        + " is not a private key with a certificate chain");
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : chain) {
                certificates.add((X509Certificate) certificate);
            }
            return new SigningIdentity(privateKey, certificates);
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException("Cannot read the key '" + alias + "' from " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The CAs a keystore vouches for: its trusted-certificate entries and the self-signed root
     * at the end of each key entry's chain. Used by the offline verifier when it is given the
     * gateway's keystore instead of CA files.
     */
    public static List<X509Certificate> caCertificatesIn(Path path, char[] password) {
        KeyStore keystore = loadPkcs12(path, password);
        List<X509Certificate> cas = new ArrayList<>();
        try {
            for (String alias : Collections.list(keystore.aliases())) {
                if (keystore.isCertificateEntry(alias)) {
                    cas.add((X509Certificate) keystore.getCertificate(alias));
                } else if (keystore.getCertificateChain(alias) != null) {
                    Certificate[] chain = keystore.getCertificateChain(alias);
                    X509Certificate top = (X509Certificate) chain[chain.length - 1];
                    if (chain.length > 1 && top.getSubjectX500Principal().equals(top.getIssuerX500Principal())) {
                        cas.add(top);
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException("Cannot read the certificates of " + path + ": " + e.getMessage(), e);
        }
        return cas;
    }

    /** Writes a PKCS#12 keystore holding one key entry. */
    public static void writePkcs12(Path path, char[] password, String alias, SigningIdentity identity) throws IOException {
        try {
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            keystore.load(null, null);
            keystore.setKeyEntry(alias, identity.privateKey(), password, identity.chain().toArray(new Certificate[0]));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            keystore.store(bytes, password);
            writeOwnerOnly(path, bytes.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot write the keystore " + path, e);
        }
    }

    /** Every certificate in a PEM file (one or several {@code BEGIN CERTIFICATE} blocks). */
    public static List<X509Certificate> readPemCertificates(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new KeyMaterialException("The file " + path + " holds no PEM certificate");
            }
            return certificates;
        } catch (IOException | CertificateException e) {
            throw new KeyMaterialException("Cannot read the certificate file " + path + ": " + e.getMessage(), e);
        }
    }

    public static void writePemCertificate(Path path, X509Certificate certificate) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer text = new OutputStreamWriter(bytes, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(certificate);
        }
        writeOwnerOnly(path, bytes.toByteArray());
    }

    /**
     * Writes the file through a temporary file created owner-only, then moves it into place, so
     * the secret is never readable by others, not even for an instant, and a crash leaves no half file.
     */
    public static void writeOwnerOnly(Path path, byte[] content) throws IOException {
        Path folder = path.toAbsolutePath().getParent();
        Path temporary = posix()
                ? Files.createTempFile(folder, path.getFileName().toString(), ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(folder, path.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, content);
            try {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Creates the folder (rwx------ where POSIX permissions exist) if it is missing. */
    public static void createOwnerOnlyFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(folder);
        }
    }

    private static KeyStore loadPkcs12(Path path, char[] password) {
        if (!Files.isReadable(path)) {
            throw new KeyMaterialException("The keystore file " + path + " (gateway.crypto.keystore.path) does not exist or is not readable");
        }
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            keystore.load(in, password);
            return keystore;
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyMaterialException("Cannot open the keystore " + path + ": not a PKCS#12 file, or the password"
                    + " (gateway.crypto.keystore.password) is wrong (" + e.getMessage() + ")", e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
