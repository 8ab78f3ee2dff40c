package vn.lienthong.gateway.edata;

import java.nio.file.Path;

import vn.lienthong.gateway.security.messagelog.TestDatabase;

/** The e-data store on H2, the embedded default. */
class EdataStoreH2Test extends EdataStoreContract {

    @Override
    TestDatabase database(Path folder) {
        return TestDatabase.h2(folder);
    }
}
