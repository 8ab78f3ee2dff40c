package vn.lienthong.gateway.files;

import javax.management.JMException;
import javax.management.ObjectName;

import jakarta.annotation.PreDestroy;
import vn.lienthong.gateway.PlatformMBeans;

/**
 * The broken and loaded files as a JMX bean ({@code vn.lienthong.gateway:type=Files,name=loaded}) the console shows:
 * registered on the platform MBean server, as the intake's bean is.
 */
public class FilesConsole implements FilesConsoleMBean {

    public static final String OBJECT_NAME = "vn.lienthong.gateway:type=Files,name=loaded";

    private final RouteFiles files;
    private final ObjectName objectName;

    FilesConsole(RouteFiles files) {
        this.files = files;
        this.objectName = PlatformMBeans.register(this, OBJECT_NAME);
    }

    @PreDestroy
    void unregister() throws JMException {
        PlatformMBeans.unregister(objectName);
    }

    @Override
    public String[] getBrokenFiles() {
        return files.problems().values().stream().map(FileProblem::toString).toArray(String[]::new);
    }

    @Override
    public int getBrokenFileCount() {
        return files.problems().size();
    }

    @Override
    public String[] getLoadedRouteFiles() {
        return files.loadedFiles().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toArray(String[]::new);
    }
}
