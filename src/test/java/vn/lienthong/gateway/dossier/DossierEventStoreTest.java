package vn.lienthong.gateway.dossier;

import java.nio.file.Path;
import java.sql.Connection;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.lienthong.gateway.dossier.model.DossierEvent;
import vn.lienthong.gateway.security.messagelog.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The intake's RECEIVED -> QUEUED step on a real H2 database: it never undoes what the delivery did meanwhile. */
class DossierEventStoreTest {

    @TempDir
    Path folder;
    TestDatabase db;
    DossierEventStore store;

    @BeforeEach
    void database() {
        db = TestDatabase.h2(folder);
        store = new DossierEventStore(new JdbcTemplate(db.dataSource()));
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** The delivery's DELIVERED mark, committed on its own. */
    private void delivered(String eventId) throws Exception {
        try (Connection connection = db.dataSource().getConnection()) {
            store.delivered(connection, eventId);
        }
    }

    @Test
    void queuedMovesAReceivedEventAlsoInsideTheCallersTransaction() throws Exception {
        store.receive(event("e-1"), "<e/>", "a".repeat(64), "HTTP");
        store.receive(event("e-2"), "<e/>", "b".repeat(64), "HTTP");

        store.queued("e-1");
        try (Connection connection = db.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            store.queued(connection, "e-2");
            assertThat(store.find("e-2").orElseThrow().state()).as("not before the commit").isEqualTo(EventState.RECEIVED);
            connection.commit();
        }

        assertThat(store.find("e-1").orElseThrow().state()).isEqualTo(EventState.QUEUED);
        assertThat(store.find("e-2").orElseThrow().state()).isEqualTo(EventState.QUEUED);
    }

    @Test
    void anEventTheDeliveryAlreadyHeldOrDeliveredIsNotPutBackToQueued() throws Exception {
        store.receive(event("e-held"), "<e/>", "c".repeat(64), "HTTP");
        store.receive(event("e-done"), "<e/>", "d".repeat(64), "HTTP");
        // the consumer can take an event between the intake's send and its QUEUED mark
        store.hold("e-held", "Waiting for event e-0 of the same dossier to be delivered first.");
        delivered("e-done");

        store.queued("e-held");
        store.queued("e-done");

        assertThat(store.find("e-held").orElseThrow().state()).isEqualTo(EventState.HELD);
        assertThat(store.find("e-done").orElseThrow().state()).isEqualTo(EventState.DELIVERED);
    }

    @Test
    void anIntakeInsideTheCallersTransactionTellsARepeatWithoutFailingIt() throws Exception {
        try (Connection connection = db.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            assertThat(store.receive(connection, event("e-new"), "<e/>", "1".repeat(64), "HTTP")).isEqualTo(DossierEventStore.Intake.NEW);
            // the same id again in the same transaction (two posts in one batch): seen, not a key violation
            assertThat(store.receive(connection, event("e-new"), "<e/>", "1".repeat(64), "HTTP"))
                    .isEqualTo(DossierEventStore.Intake.NOT_YET_QUEUED);
            assertThat(store.receive(connection, event("e-new"), "<f/>", "2".repeat(64), "HTTP")).isEqualTo(DossierEventStore.Intake.CONFLICT);
            assertThat(store.find("e-new")).as("not before the commit").isEmpty();
            connection.commit();
        }
        store.queued("e-new");
        try (Connection connection = db.dataSource().getConnection()) {
            assertThat(store.receive(connection, event("e-new"), "<e/>", "1".repeat(64), "HTTP")).isEqualTo(DossierEventStore.Intake.DUPLICATE);
        }
        assertThat(store.find("e-new").orElseThrow().payload()).isEqualTo("<e/>");
    }

    @Test
    void theDeliveryFindsAnEventWithTheFirstEarlierUndeliveredEventOfItsDossier() throws Exception {
        store.receive(event("e-a"), "<e/>", "e".repeat(64), "HTTP");
        store.receive(event("e-b"), "<e/>", "f".repeat(64), "HTTP");
        store.receive(event("e-c"), "<e/>", "0".repeat(64), "HTTP");
        store.queued("e-a");
        store.queued("e-b");
        store.queued("e-c");

        assertThat(store.findToDeliver("e-a").orElseThrow().earlierUndelivered()).isEmpty();
        assertThat(store.findToDeliver("e-c").orElseThrow().earlierUndelivered()).contains("e-a");
        delivered("e-a");
        DossierEventStore.ToDeliver c = store.findToDeliver("e-c").orElseThrow();
        assertThat(c.event().eventId()).isEqualTo("e-c");
        assertThat(c.event().payload()).isEqualTo("<e/>");
        assertThat(c.earlierUndelivered()).contains("e-b");
        delivered("e-b");
        assertThat(store.findToDeliver("e-c").orElseThrow().earlierUndelivered()).isEmpty();
        assertThat(store.findToDeliver("e-unknown")).isEmpty();
    }

    private static DossierEvent event(String id) {
        DossierEvent event = new DossierEvent();
        event.eventId = id;
        event.dossierCode = "000.00.00.H41-261123-0001";
        event.agencyCode = "000.00.00.H41";
        event.occurredAt = "2026-11-24T08:30:05+07:00";
        event.localStatus = "DANG_XU_LY";
        event.nationalStatus = 2;
        return event;
    }
}
