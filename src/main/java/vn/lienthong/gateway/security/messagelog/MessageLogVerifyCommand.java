package vn.lienthong.gateway.security.messagelog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

import vn.lienthong.gateway.crypto.CmsVerifier;
import vn.lienthong.gateway.crypto.KeyFiles;
import vn.lienthong.gateway.crypto.KeyMaterialException;
import vn.lienthong.gateway.crypto.TrustedCas;

/**
 * The offline verifier: checks a message log straight from its database, with plain JDBC and no
 * gateway running, trusting only the CA files it is given. Exit status: 0 intact, 1 not intact,
 * 2 when it could not run (bad arguments, unreachable database, unreadable CA files).
 * <pre>
 * java -Dloader.main=vn.lienthong.gateway.security.messagelog.MessageLogVerifyCommand \
 *      -cp target/lienthong-gateway-*.jar org.springframework.boot.loader.launch.PropertiesLauncher \
 *      --jdbc-url jdbc:h2:file:/path/to/data/db/gateway --user gateway \
 *      --trusted-ca /path/to/data/keys/dev-ca.pem --anchor /path/to/data/message-log.anchor
 * </pre>
 * Give every instance's anchor file ({@code --anchor}, repeatable): without one, records cut off together with
 * their seals and a rewritten head row cannot be seen.
 * Passwords may come from the environment instead of the command line:
 * {@code MESSAGE_LOG_DB_PASSWORD}, {@code MESSAGE_LOG_KEYSTORE_PASSWORD}.
 */
public final class MessageLogVerifyCommand {

    static final int INTACT = 0;
    static final int NOT_INTACT = 1;
    static final int COULD_NOT_RUN = 2;

    private static final String USAGE = """
            Usage: MessageLogVerifyCommand --jdbc-url URL [--user USER] [--password PASSWORD]
                                           (--trusted-ca CA.pem ... | --keystore gateway.p12 [--keystore-password PASSWORD])
                                           [--anchor message-log.anchor ...]
              --jdbc-url           the gateway's database, e.g. jdbc:postgresql://db:5432/gateway or jdbc:h2:file:/srv/gateway/data/db/gateway
              --user, --password   database credentials (password also from MESSAGE_LOG_DB_PASSWORD)
              --trusted-ca         a PEM file of a CA whose signatures on seals are accepted; repeatable
              --keystore           a PKCS#12 keystore whose CA certificates are accepted (password also from MESSAGE_LOG_KEYSTORE_PASSWORD)
              --anchor             an instance's anchor file (data/message-log.anchor): the chain must reach it; repeatable
            Exit status: 0 intact, 1 not intact, 2 could not run.
            """;

    private MessageLogVerifyCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String url = null;
        String user = "";
        String password = System.getenv("MESSAGE_LOG_DB_PASSWORD");
        String keystore = null;
        String keystorePassword = System.getenv("MESSAGE_LOG_KEYSTORE_PASSWORD");
        List<String> caFiles = new ArrayList<>();
        List<Path> anchors = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                out.print(USAGE);
                return INTACT;
            }
            if (i + 1 >= args.length) {
                err.println("Missing value after " + option);
                err.print(USAGE);
                return COULD_NOT_RUN;
            }
            String value = args[++i];
            switch (option) {
                case "--jdbc-url" -> url = value;
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--trusted-ca" -> caFiles.add(value);
                case "--keystore" -> keystore = value;
                case "--keystore-password" -> keystorePassword = value;
                case "--anchor" -> anchors.add(Path.of(value));
                default -> {
                    err.println("Unknown option " + option);
                    err.print(USAGE);
                    return COULD_NOT_RUN;
                }
            }
        }
        if (url == null || (caFiles.isEmpty() && keystore == null)) {
            err.println("--jdbc-url and at least one --trusted-ca or a --keystore are required.");
            err.print(USAGE);
            return COULD_NOT_RUN;
        }

        List<X509Certificate> cas = new ArrayList<>();
        try {
            for (String file : caFiles) {
                cas.addAll(KeyFiles.readPemCertificates(Path.of(file)));
            }
            if (keystore != null) {
                cas.addAll(KeyFiles.caCertificatesIn(Path.of(keystore), keystorePassword == null ? new char[0] : keystorePassword.toCharArray()));
            }
        } catch (KeyMaterialException e) {
            err.println("Cannot read the trusted CAs: " + e.getMessage());
            return COULD_NOT_RUN;
        }
        if (cas.isEmpty()) {
            err.println("No CA certificate found in the given files: no seal could be trusted.");
            return COULD_NOT_RUN;
        }

        String jdbcUrl = url;
        String dbUser = user;
        String dbPassword = password == null ? "" : password;
        for (Path anchor : anchors) {
            if (!java.nio.file.Files.isRegularFile(anchor)) {
                err.println("No anchor file at " + anchor + ".");
                return COULD_NOT_RUN;
            }
        }
        MessageLogVerifier verifier = new MessageLogVerifier(() -> DriverManager.getConnection(jdbcUrl, dbUser, dbPassword),
                new CmsVerifier(new TrustedCas(cas)), anchors);
        VerificationResult result;
        try {
            result = verifier.verify();
        } catch (MessageLogException e) {
            err.println(e.getMessage());
            return COULD_NOT_RUN;
        }
        out.println(result.ok() ? "INTACT" : "NOT INTACT: " + result.problem() + " at record " + result.problemSequence());
        out.println(result.message());
        out.println("records checked: " + result.recordsChecked() + ", seals checked: " + result.sealsChecked()
                + ", last sealed record: " + result.lastSealedSequence() + ", " + result.durationMillis() + " ms");
        return result.ok() ? INTACT : NOT_INTACT;
    }
}
