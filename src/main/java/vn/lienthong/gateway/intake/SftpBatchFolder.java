package vn.lienthong.gateway.intake;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.support.DefaultExchange;

/**
 * A batch folder reached through the same camel-ftp SFTP endpoint that found the batch (its
 * connector: host, user, private key, known_hosts, strict host-key checking). One SSH session,
 * opened by {@link #open} and closed by {@link #close}; not thread-safe ({@link #openAnother} for parallel downloads).
 */
final class SftpBatchFolder implements BatchFolder {

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private final SftpEndpoint endpoint;
    private final RemoteFileOperations<SftpRemoteFile> operations;
    private final CamelContext camel;
    private final String parent;
    private final String name;

    private SftpBatchFolder(SftpEndpoint endpoint, String parent, String name) {
        this.endpoint = endpoint;
        this.camel = endpoint.getCamelContext();
        this.operations = endpoint.createRemoteFileOperations();
        this.parent = parent;
        this.name = name;
    }

    /** Connects to the endpoint's server; the folder is {@code parent/name}, both relative to the login directory or absolute. */
    static SftpBatchFolder open(SftpEndpoint endpoint, String parent, String name) {
        SftpBatchFolder folder = new SftpBatchFolder(endpoint, parent, name);
        folder.operations.connect(endpoint.getConfiguration(), new DefaultExchange(folder.camel));
        return folder;
    }

    @Override
    public String name() {
        return name;
    }

    private String path() {
        return parent + "/" + name;
    }

    @Override
    public Map<String, Long> files() {
        Map<String, Long> files = new LinkedHashMap<>();
        for (SftpRemoteFile file : operations.listFiles(path())) {
            if (!file.isDirectory() && !file.getFilename().equals(".") && !file.getFilename().equals("..")) {
                files.put(file.getFilename(), file.getFileLength());
            }
        }
        return files;
    }

    @Override
    public byte[] read(String fileName) {
        Exchange exchange = new DefaultExchange(camel);
        GenericFile<SftpRemoteFile> target = new GenericFile<>();
        exchange.setProperty(Exchange.FILE_EXCHANGE_FILE, target);
        String file = path() + "/" + fileName;
        if (!operations.retrieveFile(file, exchange, -1)) {
            throw new IllegalStateException("Could not read " + file + " from the SFTP server");
        }
        return camel.getTypeConverter().convertTo(byte[].class, exchange, target.getBody());
    }

    @Override
    public void write(String fileName, byte[] content) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(content);
        String file = path() + "/" + fileName;
        if (!operations.storeFile(file, exchange, content.length)) {
            throw new IllegalStateException("Could not write " + file + " to the SFTP server");
        }
    }

    @Override
    public String moveTo(String targetDirectory, String targetName) {
        operations.buildDirectory(targetDirectory, false);
        String target = targetDirectory + "/" + targetName;
        if (operations.existsFile(target)) {
            target = target + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(SUFFIX) + "-" + Long.toHexString(System.nanoTime() & 0xffff);
        }
        if (!operations.renameFile(path(), target)) {
            throw new IllegalStateException("Could not move " + path() + " to " + target);
        }
        return target;
    }

    @Override
    public SftpBatchFolder openAnother() {
        return open(endpoint, parent, name);
    }

    @Override
    public void close() {
        operations.disconnect();
    }

    @Override
    public String toString() {
        return endpoint.getConfiguration().remoteServerInformation() + "/" + path();
    }
}
