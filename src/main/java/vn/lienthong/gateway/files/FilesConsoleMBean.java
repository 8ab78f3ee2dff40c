package vn.lienthong.gateway.files;

/** What the console shows of the integrator's files (the standard MBean interface of {@link FilesConsole}). */
public interface FilesConsoleMBean {

    /** Each broken file as {@code file:line: reason}. */
    String[] getBrokenFiles();

    int getBrokenFileCount();

    /** Each route file that runs, with the routes it declares. */
    String[] getLoadedRouteFiles();
}
