package vn.lienthong.gateway.reuse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.gateway.crypto.CmsSigner;
import vn.lienthong.gateway.edata.AccessRecord;
import vn.lienthong.gateway.edata.Channel;
import vn.lienthong.gateway.edata.DepositRequest;
import vn.lienthong.gateway.edata.DocumentTypeCatalog;
import vn.lienthong.gateway.edata.EdataSettings;
import vn.lienthong.gateway.edata.EdataStore;
import vn.lienthong.gateway.edata.OwnerType;
import vn.lienthong.gateway.edata.Source;
import vn.lienthong.gateway.reuse.ReuseResult.Decision;
import vn.lienthong.gateway.reuse.ReuseResult.Item;
import vn.lienthong.gateway.reuse.ReuseResult.Reason;
import vn.lienthong.gateway.security.messagelog.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.gateway.edata.EdataFixtures.CA;
import static vn.lienthong.gateway.edata.EdataFixtures.GATEWAY;
import static vn.lienthong.gateway.edata.EdataFixtures.pdf;

/**
 * The reuse check's e-data half on a store whose day is fixed (00:30 in Vietnam, still the day before
 * in UTC): which documents are in force on the boundary days, which one of several is offered, what
 * the owner's access log shows, and a type that replaces another for one procedure. No registry is
 * involved: the procedures of this catalogue name none.
 */
class ReuseCheckInForceTest {

    /** 00:30 on 11 March 2026 in Vietnam, still 10 March in UTC. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T17:30:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 11);
    private static final String LICENCE = "KQ.LX.1";
    private static final String NEW_LICENCE = "KQ.LX.2";
    private static final String RENEWAL = "1.002755.000.00.00.H41";
    private static final String OTHER = "1.002756.000.00.00.H41";
    private static final String APPLICANT = "001099012345";
    private static final String TYPES = """
            documentTypes:
              - code: KQ.LX.1
                name: Giấy phép lái xe
                ownerTypes: [CITIZEN]
                defaultValidityYears: 10
              - code: KQ.LX.2
                name: Giấy phép lái xe (mẫu mới)
                ownerTypes: [CITIZEN]
                defaultValidityYears: 10
                replaces:
                  - type: KQ.LX.1
                    procedures: [1.002755.000.00.00.H41]
            """;
    private static final String PROCEDURES = """
            procedures:
              - code: 1.002755.000.00.00.H41
                name: Đổi giấy phép lái xe
                applicantTypes: [CITIZEN]
                documents:
                  - type: KQ.LX.1
              - code: 1.002756.000.00.00.H41
                name: Cấp lại giấy phép lái xe
                applicantTypes: [CITIZEN]
                documents:
                  - type: KQ.LX.1
            """;

    @TempDir
    Path folder;
    TestDatabase db;
    EdataStore store;
    ReuseCheck check;
    int numbers;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.h2(folder);
        Files.writeString(folder.resolve("types.yaml"), TYPES);
        Files.writeString(folder.resolve("procedures.yaml"), PROCEDURES);
        DocumentTypeCatalog types = DocumentTypeCatalog.load(folder.resolve("types.yaml"));
        store = new EdataStore(db.dataSource(), new CmsSigner(GATEWAY), CA.verifier(), types,
                new EdataSettings(folder.resolve("edata"), 64 * 1024), CLOCK);
        check = new ReuseCheck(ProcedureCatalogue.load(folder.resolve("procedures.yaml"), types), store, null, Duration.ofSeconds(1));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private UUID deposit(String type, LocalDate issued, LocalDate from, LocalDate until) {
        String number = "GPLX-" + (++numbers);
        return store.deposit(new DepositRequest(OwnerType.CITIZEN, APPLICANT, type, number, "Giấy phép " + number, "000.00.12.H41",
                issued, from, until, new Source(null, null, Channel.DESK), "application/pdf", pdf(number), "test")).document().id();
    }

    private Item licence(String procedure, String requestId) {
        ReuseResult result = check.check(new ReuseRequest(procedure, OwnerType.CITIZEN, APPLICANT, "canbo.motcua.07", "tiep-nhan-ho-so",
                true, requestId, "igate-demo", "H41.22-260311-0001"));
        assertThat(result.items()).hasSize(1);
        return result.items().get(0);
    }

    private static void offered(Item item, UUID document) {
        assertThat(item.decision()).as(item.toString()).isEqualTo(Decision.REUSABLE_FROM_EDATA);
        assertThat(item.document().documentId()).isEqualTo(document);
    }

    private static void notOffered(Item item, Reason reason) {
        assertThat(item.decision()).as(item.toString()).isEqualTo(Decision.MUST_COLLECT);
        assertThat(item.reason()).isEqualTo(reason);
        assertThat(item.document()).isNull();
    }

    @Test
    void aDocumentValidOnlyFromTomorrowIsNotOffered() {
        deposit(LICENCE, TODAY.minusDays(2), TODAY.plusDays(1), TODAY.plusYears(10));
        Item item = licence(RENEWAL, "r-future");
        notOffered(item, Reason.NOT_YET_VALID);
        assertThat(item.detail()).contains(TODAY.plusDays(1).toString());
    }

    @Test
    void aFutureDatedDocumentIsNeverChosenOverTheOneInForce() {
        UUID current = deposit(LICENCE, TODAY.minusYears(5), null, TODAY.plusMonths(2));
        deposit(LICENCE, TODAY.minusDays(2), TODAY.plusMonths(2).plusDays(1), TODAY.plusYears(10)); // the renewal, issued more recently
        offered(licence(RENEWAL, "r-future-sibling"), current);
    }

    @Test
    void aDocumentStartingTodayIsOffered() {
        UUID starting = deposit(LICENCE, TODAY.minusDays(2), TODAY, TODAY.plusYears(10));
        deposit(LICENCE, TODAY.minusYears(10), null, TODAY.minusDays(1));
        offered(licence(RENEWAL, "r-starts"), starting);
    }

    @Test
    void aDocumentExpiringTodayIsOfferedAllDayAndNotTheDayAfter() {
        UUID ending = deposit(LICENCE, TODAY.minusYears(10), null, TODAY);
        deposit(LICENCE, TODAY.minusDays(1), TODAY.plusDays(1), TODAY.plusYears(10)); // its renewal, in force from tomorrow
        offered(licence(RENEWAL, "r-ends"), ending);
    }

    @Test
    void aDocumentExpiredYesterdayIsNotOfferedEvenWhileItIsStillYesterdayInUtc() {
        deposit(LICENCE, TODAY.minusYears(10), null, TODAY.minusDays(1));
        notOffered(licence(RENEWAL, "r-expired"), Reason.EXPIRED);
        UUID sibling = deposit(LICENCE, TODAY.minusYears(3), null, TODAY.plusYears(7));
        offered(licence(RENEWAL, "r-expired-sibling"), sibling);
    }

    @Test
    void ofSeveralInForceTheMostRecentIssueIsOfferedThenTheLongestValidity() {
        deposit(LICENCE, TODAY.minusYears(3), null, null);
        UUID longOne = deposit(LICENCE, TODAY.minusDays(10), null, TODAY.plusYears(5));
        offered(licence(RENEWAL, "r-newest"), longOne);
        // issued the same day, deposited later, valid for less long: not the one
        deposit(LICENCE, TODAY.minusDays(10), null, TODAY.plusYears(1));
        offered(licence(RENEWAL, "r-longest"), longOne);
    }

    @Test
    void aTypeThatReplacesThePaperForThisProcedureIsOfferedAndOnlyForIt() {
        UUID newForm = deposit(NEW_LICENCE, TODAY.minusDays(10), null, null);
        Item item = licence(RENEWAL, "r-replaces");
        offered(item, newForm);
        assertThat(item.documentType()).isEqualTo(LICENCE);
        assertThat(item.document().documentType()).isEqualTo(NEW_LICENCE);
        // the catalogue says it replaces the old form for the renewal only
        notOffered(licence(OTHER, "r-not-replaced"), Reason.NONE_HELD);
        // an old-form licence issued more recently is preferred: the same rule over both types
        UUID oldForm = deposit(LICENCE, TODAY.minusDays(1), null, null);
        offered(licence(RENEWAL, "r-replaces-2"), oldForm);
    }

    @Test
    void aCheckThatOffersADocumentIsOneEntryOfTheOwnersAccessLogAndOneThatOffersNothingIsNone() {
        deposit(LICENCE, TODAY.minusDays(2), TODAY.plusDays(1), null);
        licence(RENEWAL, "r-nothing");
        assertThat(store.accessLog(OwnerType.CITIZEN, APPLICANT)).isEmpty();

        UUID current = deposit(LICENCE, TODAY.minusYears(1), null, null);
        licence(RENEWAL, "r-log");
        List<AccessRecord> log = store.accessLog(OwnerType.CITIZEN, APPLICANT);
        assertThat(log).hasSize(1);
        AccessRecord entry = log.get(0);
        assertThat(entry.outcome()).isEqualTo("OFFERED");
        assertThat(entry.documentId()).isEqualTo(current);
        assertThat(entry.requester()).isEqualTo("igate-demo");
        assertThat(entry.officer()).isEqualTo("canbo.motcua.07");
        assertThat(entry.procedureCode()).isEqualTo(RENEWAL);
        assertThat(entry.dossierCode()).isEqualTo("H41.22-260311-0001");
        assertThat(entry.purpose()).isEqualTo("tiep-nhan-ho-so");
        assertThat(entry.explicitRequest()).isTrue();
        assertThat(entry.documentType()).isEqualTo(LICENCE);
        assertThat(entry.requestId()).isEqualTo("r-log");
    }
}
