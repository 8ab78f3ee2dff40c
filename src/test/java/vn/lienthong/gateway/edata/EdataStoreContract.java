package vn.lienthong.gateway.edata;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Status;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.crypto.CmsSigner;
import vn.lienthong.gateway.crypto.CmsVerifier;
import vn.lienthong.gateway.crypto.TestCa;
import vn.lienthong.gateway.security.messagelog.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.gateway.edata.EdataFixtures.*;

/**
 * The e-data store's behaviour, run against each database by a subclass (H2, PostgreSQL): the
 * store is built by hand on a plain pooled DataSource with the Flyway migrations applied.
 */
abstract class EdataStoreContract {

    private static final long MAX_BYTES = 64 * 1024;
    private static final DocumentTypeCatalog TYPES = catalog();

    @TempDir
    Path folder;
    TestDatabase db;
    Path contentRoot;
    EdataStore store;

    /** A fresh, migrated database. */
    abstract TestDatabase database(Path folder) throws Exception;

    @BeforeEach
    void freshStore() throws Exception {
        db = database(folder);
        contentRoot = folder.resolve("edata");
        store = newStore();
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    EdataStore newStore() {
        return new EdataStore(db.dataSource(), new CmsSigner(GATEWAY), CA.verifier(), TYPES, new EdataSettings(contentRoot, MAX_BYTES));
    }

    @Test
    void depositThenReadGivesTheSameBytesVerified() {
        byte[] content = pdf("birth certificate 1");
        DepositResult result = store.deposit(birthCertificate("12/2025/KS", content));

        assertThat(result.created()).isTrue();
        StoredDocument d = result.document();
        assertThat(d.status()).isEqualTo(DocumentStatus.VALID);
        assertThat(d.size()).isEqualTo(content.length);
        assertThat(d.sha256()).hasSize(64);
        assertThat(d.signerSubject()).contains("Lien Thong Gateway e-data");
        assertThat(d.validFrom()).isEqualTo(d.issueDate());
        assertThat(d.validUntil()).isNull();
        assertThat(d.embeddedSignature()).isNull();
        assertThat(Files.exists(contentRoot.resolve(d.sha256().substring(0, 2)).resolve(d.sha256()))).isTrue();

        VerifiedContent read = store.read(d.id(), reader("bhxh"));
        assertThat(read.content()).isEqualTo(content);
        assertThat(read.check().valid()).isTrue();
        assertThat(store.find(d.id())).get().extracting(StoredDocument::number).isEqualTo("12/2025/KS");
        assertThat(store.search(OwnerType.CITIZEN, CITIZEN, null, true)).extracting(StoredDocument::id).containsExactly(d.id());
        assertThat(store.history(d.id())).extracting(HistoryEvent::event).containsExactly("DEPOSITED");
    }

    @Test
    void catalogueValidityIsAppliedWhenNoneIsGiven() {
        StoredDocument licence = store.deposit(request(CITIZEN, DRIVING_LICENCE, "790123456789", pdf("licence"))).document();
        assertThat(licence.validUntil()).isEqualTo(licence.validFrom().plusYears(10));
    }

    @Test
    void theSameDepositTwiceIsOneDocument() throws Exception {
        DepositRequest request = birthCertificate("12/2025/KS", pdf("once"));
        DepositResult first = store.deposit(request);
        DepositResult again = store.deposit(request);

        assertThat(again.created()).isFalse();
        assertThat(again.document().id()).isEqualTo(first.document().id());
        assertThat(db.count("select count(*) from edata_document")).isEqualTo(1);
        assertThat(countFiles(contentRoot)).isEqualTo(1);
    }

    @Test
    void identicalContentForTwoOwnersIsStoredOnce() throws Exception {
        byte[] content = pdf("shared scan");
        StoredDocument a = store.deposit(request(CITIZEN, "KQ.G05.000001", "CS 01234", content)).document();
        StoredDocument b = store.deposit(request(ENTERPRISE, "KQ.G05.000001", "CS 01234", content)).document();

        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(a.sha256()).isEqualTo(b.sha256());
        assertThat(db.count("select count(*) from edata_document")).isEqualTo(2);
        assertThat(countFiles(contentRoot)).isEqualTo(1);
        assertThat(store.read(b.id(), reader("igate")).content()).isEqualTo(content);
    }

    @Test
    void badInputIsRefusedWithItsCodeAndNothingIsWritten() throws Exception {
        byte[] good = pdf("good");
        DepositRequest ok = birthCertificate("1/KS", good);
        record Case(ErrorCode code, String says, DepositRequest request) {
        }
        List<Case> cases = List.of(
                new Case(ErrorCode.EDATA_NOT_PDF, "%PDF-", with(ok, r -> copy(r, "content", "GIF89a not a pdf".getBytes(StandardCharsets.US_ASCII)))),
                new Case(ErrorCode.EDATA_NOT_PDF, "text/plain", with(ok, r -> copy(r, "mediaType", "text/plain"))),
                new Case(ErrorCode.EDATA_TOO_LARGE, "limit", with(ok, r -> copy(r, "content", pdf("big", (int) MAX_BYTES + 100)))),
                new Case(ErrorCode.EDATA_TYPE_UNKNOWN, "KQ.X99.999999", with(ok, r -> copy(r, "typeCode", "KQ.X99.999999"))),
                new Case(ErrorCode.EDATA_TYPE_NOT_FOR_OWNER, "ENTERPRISE", request(ENTERPRISE, BIRTH_CERTIFICATE, "1/KS", good)),
                new Case(ErrorCode.OWNER_ID_INVALID, "12", with(ok, r -> copy(r, "ownerId", "12345"))),
                new Case(ErrorCode.OWNER_ID_INVALID, "old identity card", with(ok, r -> copy(r, "ownerId", "123456789"))),
                new Case(ErrorCode.OWNER_ID_INVALID, "province", with(ok, r -> copy(r, "ownerId", "999099012345"))),
                new Case(ErrorCode.OWNER_ID_INVALID, "enterprise code", request(ENTERPRISE, BUSINESS_REGISTRATION, "1", good).ownerId() == null ? null
                        : new DepositRequest(OwnerType.ENTERPRISE, "01001091", BUSINESS_REGISTRATION, "1", "t", "a", LocalDate.now(), null, null,
                        ok.source(), "application/pdf", good, "igate")),
                new Case(ErrorCode.EDATA_FIELD_MISSING, "'number'", with(ok, r -> copy(r, "number", " "))),
                new Case(ErrorCode.EDATA_FIELD_MISSING, "'title'", with(ok, r -> copy(r, "title", null))),
                new Case(ErrorCode.EDATA_FIELD_MISSING, "'issuingAgency'", with(ok, r -> copy(r, "issuingAgency", ""))),
                new Case(ErrorCode.EDATA_FIELD_MISSING, "'depositor'", with(ok, r -> copy(r, "depositor", null))),
                new Case(ErrorCode.EDATA_FIELD_MISSING, "'content'", with(ok, r -> copy(r, "content", new byte[0]))),
                new Case(ErrorCode.EDATA_FIELD_MISSING, "'issueDate'", with(ok, r -> copy(r, "issueDate", null))),
                new Case(ErrorCode.EDATA_FIELD_MISSING, "'source.channel'", with(ok, r -> copy(r, "source", new Source(null, null, null)))),
                new Case(ErrorCode.EDATA_DATES_INVALID, "future", with(ok, r -> copy(r, "issueDate", LocalDate.now(EdataStore.VIETNAM).plusDays(1)))),
                new Case(ErrorCode.EDATA_DATES_INVALID, "before its start", with(ok, r -> copy(r, "validUntil", LocalDate.now().minusYears(1)))),
                new Case(ErrorCode.EDATA_FIELD_INVALID, "longer than 100", with(ok, r -> copy(r, "number", "9".repeat(101)))));

        for (Case c : cases) {
            assertThatThrownBy(() -> store.deposit(c.request())).as(c.code() + " " + c.says())
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(c.code());
                        assertThat(e.code().httpStatus()).isBetween(400, 413);
                        assertThat(e.getMessage()).contains(c.says());
                    });
        }
        assertThat(db.count("select count(*) from edata_document")).isZero();
        assertThat(db.count("select count(*) from edata_event")).isZero();
        assertThat(countFiles(contentRoot)).isZero();
    }

    @Test
    void aFlippedByteIsRefusedRaisesTheAlarmAndTurnsHealthDown() throws Exception {
        StoredDocument d = store.deposit(birthCertificate("7/KS", pdf("to be tampered"))).document();
        Path file = contentRoot.resolve(d.sha256().substring(0, 2)).resolve(d.sha256());
        Files.write(file, flip(Files.readAllBytes(file), 100));
        EdataHealthIndicator health = new EdataHealthIndicator(store);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        assertThatThrownBy(() -> store.read(d.id(), reader("bhxh")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EDATA_TAMPERED);
                    assertThat(e.code().httpStatus()).isEqualTo(409);
                });
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails().get("tamperedDocuments").toString()).contains(d.id().toString());
        assertThat(store.history(d.id())).extracting(HistoryEvent::event).containsExactly("DEPOSITED", "TAMPERED");
        assertThatThrownBy(() -> store.exportPackage(d.id(), reader("bhxh"))).isInstanceOf(ApiException.class);
    }

    @Test
    void healthIsDownWithAReasonWhileContentCannotBeWritten() throws Exception {
        EdataHealthIndicator health = new EdataHealthIndicator(store);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        // tests run as root, whom no file mode stops: a file where the staging folder must be stops everyone
        Path staging = contentRoot.resolve("staging");
        if (Files.isDirectory(staging)) {
            try (var files = Files.list(staging)) {
                assertThat(files).as("the probe leaves nothing behind").isEmpty();
            }
            Files.delete(staging);
        }
        Files.createDirectories(contentRoot);
        Files.writeString(staging, "not a folder");

        assertThatThrownBy(() -> store.deposit(birthCertificate("9/KS", pdf("cannot be written"))))
                .as("a deposit indeed fails").isNotInstanceOf(ApiException.class);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails().get("reason").toString())
                .contains("cannot write a content file").contains(staging.toString());

        Files.delete(staging);
        assertThat(health.health().getStatus()).as("UP again once the folder is writable").isEqualTo(Status.UP);
    }

    @Test
    void aMissingFileIsRefusedTheSameWay() throws Exception {
        StoredDocument d = store.deposit(birthCertificate("8/KS", pdf("to be lost"))).document();
        Files.delete(contentRoot.resolve(d.sha256().substring(0, 2)).resolve(d.sha256()));

        assertThatThrownBy(() -> store.read(d.id(), reader("bhxh")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EDATA_TAMPERED));
        assertThat(store.tamperedDocuments()).containsExactly(d.id());

        // restored from a backup: served again, and the alarm clears
        store.deposit(birthCertificate("8/KS", pdf("to be lost")));
        assertThat(store.read(d.id(), reader("bhxh")).check().valid()).isTrue();
        assertThat(store.tamperedDocuments()).isEmpty();
    }

    @Test
    void aCrashBetweenFileWriteAndCommitLeavesNothingServedAndARetrySucceeds() throws Exception {
        EdataStore crashing = new EdataStore(db.dataSource(), new CmsSigner(GATEWAY), CA.verifier(), TYPES, new EdataSettings(contentRoot, MAX_BYTES)) {
            @Override
            protected void beforeCommit(StoredDocument document) {
                throw new IllegalStateException("power cut");
            }
        };
        DepositRequest request = birthCertificate("9/KS", pdf("crash"));
        assertThatThrownBy(() -> crashing.deposit(request)).hasMessage("power cut");

        assertThat(db.count("select count(*) from edata_document")).isZero();
        assertThat(db.count("select count(*) from edata_event")).isZero();
        assertThat(countFiles(contentRoot)).isEqualTo(1); // the orphan: present, but no row leads to it
        assertThat(store.search(OwnerType.CITIZEN, CITIZEN, null, false)).isEmpty();

        // the orphan was damaged meanwhile: the retry notices and writes it again
        Path orphan;
        try (var files = Files.walk(contentRoot)) {
            orphan = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Files.write(orphan, new byte[] {'%', 'P'});

        DepositResult retry = store.deposit(request);
        assertThat(retry.created()).isTrue();
        assertThat(store.deposit(request).document().id()).isEqualTo(retry.document().id());
        assertThat(db.count("select count(*) from edata_document")).isEqualTo(1);
        assertThat(countFiles(contentRoot)).isEqualTo(1);
        assertThat(store.read(retry.document().id(), reader("igate")).content()).isEqualTo(request.content());
    }

    @Test
    void aFileStagedByADepositThatDiedIsNeverServedAndAnOldOneIsRemovedAtStart() throws Exception {
        // what a crash between writing the staged file and naming it leaves behind
        Path staging = Files.createDirectories(contentRoot.resolve("staging"));
        Path old = Files.write(staging.resolve("content.1.tmp"), pdf("died two hours ago"));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path recent = Files.write(staging.resolve("content.2.tmp"), pdf("another instance is writing this one"));

        EdataStore restarted = newStore();

        assertThat(old).doesNotExist();
        assertThat(recent).exists();
        assertThat(restarted.search(OwnerType.CITIZEN, CITIZEN, null, false)).isEmpty();
        // and a deposit leaves nothing in the staging folder but what it found there
        restarted.deposit(birthCertificate("10/KS", pdf("after the restart")));
        try (var files = Files.list(staging)) {
            assertThat(files.toList()).containsExactly(recent);
        }
    }

    @Test
    void revokeAndSupersedeKeepEverythingAndValidOnlyLeavesThemOut() {
        StoredDocument revoked = store.deposit(birthCertificate("1/KS", pdf("one"))).document();
        StoredDocument old = store.deposit(birthCertificate("2/KS", pdf("two"))).document();
        DepositRequest expiredRequest = request(CITIZEN, DRIVING_LICENCE, "111", pdf("expired licence"));
        StoredDocument expired = store.deposit(copy(copy(expiredRequest, "issueDate", LocalDate.now().minusYears(11)), "validUntil",
                LocalDate.now().minusDays(1))).document();
        assertThat(expired.status()).isEqualTo(DocumentStatus.EXPIRED);
        assertThat(expired.storedStatus()).isEqualTo(DocumentStatus.VALID);

        StoredDocument afterRevoke = store.revoke(revoked.id(), "issued in error", "so-tu-phap");
        assertThat(afterRevoke.status()).isEqualTo(DocumentStatus.REVOKED);
        assertThatThrownBy(() -> store.revoke(revoked.id(), "again", "so-tu-phap"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EDATA_NOT_REVOCABLE));

        DepositResult replacement = store.supersede(old.id(), birthCertificate("2/KS-CC", pdf("two corrected")));
        StoredDocument oldNow = store.find(old.id()).orElseThrow();
        assertThat(oldNow.status()).isEqualTo(DocumentStatus.SUPERSEDED);
        assertThat(oldNow.supersededBy()).isEqualTo(replacement.document().id());
        assertThat(store.supersede(old.id(), birthCertificate("2/KS-CC", pdf("two corrected"))).created()).isFalse();
        assertThatThrownBy(() -> store.supersede(old.id(), birthCertificate("2/KS-X", pdf("other"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EDATA_NOT_REVOCABLE));

        assertThat(store.search(OwnerType.CITIZEN, CITIZEN, null, true)).extracting(StoredDocument::id)
                .containsExactly(replacement.document().id());
        assertThat(store.search(OwnerType.CITIZEN, CITIZEN, null, false)).hasSize(4);
        assertThat(store.search(OwnerType.CITIZEN, CITIZEN, DRIVING_LICENCE, false)).extracting(StoredDocument::id).containsExactly(expired.id());
        assertThat(store.history(revoked.id())).extracting(HistoryEvent::event).containsExactly("DEPOSITED", "REVOKED");
        assertThat(store.history(old.id())).extracting(HistoryEvent::event).containsExactly("DEPOSITED", "SUPERSEDED");
        assertThat(store.history(replacement.document().id())).extracting(HistoryEvent::event).containsExactly("DEPOSITED", "SUPERSEDES");
        // nothing deleted: the revoked and superseded documents are still served, with their status
        assertThat(store.read(revoked.id(), reader("igate")).document().status()).isEqualTo(DocumentStatus.REVOKED);
    }

    /** 00:30 on 11 March 2026 in Vietnam, still 10 March in UTC. */
    private static final Clock VIETNAM_JUST_AFTER_MIDNIGHT = Clock.fixed(Instant.parse("2026-03-10T17:30:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 11);

    private DepositRequest dated(String number, LocalDate issued, LocalDate from, LocalDate until) {
        DepositRequest r = request(CITIZEN, DRIVING_LICENCE, number, pdf("licence " + number));
        return copy(copy(copy(r, "issueDate", issued), "validFrom", from), "validUntil", until);
    }

    @Test
    void inForceMeansFromValidFromToValidUntilBothDaysIncludedInVietnamTime() {
        EdataStore store = new EdataStore(db.dataSource(), new CmsSigner(GATEWAY), CA.verifier(), TYPES, new EdataSettings(contentRoot, MAX_BYTES),
                VIETNAM_JUST_AFTER_MIDNIGHT);
        assertThat(store.today()).isEqualTo(TODAY);
        StoredDocument future = store.deposit(dated("future", TODAY.minusDays(3), TODAY.plusDays(1), TODAY.plusYears(10))).document();
        StoredDocument startsToday = store.deposit(dated("starts-today", TODAY.minusDays(3), TODAY, TODAY.plusYears(10))).document();
        StoredDocument endsToday = store.deposit(dated("ends-today", TODAY.minusYears(10), null, TODAY)).document();
        StoredDocument endedYesterday = store.deposit(dated("ended-yesterday", TODAY.minusYears(10), null, TODAY.minusDays(1))).document();

        assertThat(future.status()).isEqualTo(DocumentStatus.NOT_YET_VALID);
        assertThat(future.storedStatus()).isEqualTo(DocumentStatus.VALID);
        assertThat(store.find(future.id()).orElseThrow().status()).isEqualTo(DocumentStatus.NOT_YET_VALID);
        assertThat(store.find(startsToday.id()).orElseThrow().status()).isEqualTo(DocumentStatus.VALID);
        assertThat(store.find(endsToday.id()).orElseThrow().status()).isEqualTo(DocumentStatus.VALID);
        // it is still 10 March in UTC: the day is Vietnam's
        assertThat(store.find(endedYesterday.id()).orElseThrow().status()).isEqualTo(DocumentStatus.EXPIRED);

        assertThat(store.search(OwnerType.CITIZEN, CITIZEN, DRIVING_LICENCE, true)).extracting(StoredDocument::id)
                .containsExactly(startsToday.id(), endsToday.id());
        assertThat(store.search(OwnerType.CITIZEN, CITIZEN, DRIVING_LICENCE, false)).hasSize(4);
        // the day after, the one that started today is still in force; the one that ended today is not, the future one is
        EdataStore tomorrow = new EdataStore(db.dataSource(), new CmsSigner(GATEWAY), CA.verifier(), TYPES, new EdataSettings(contentRoot, MAX_BYTES),
                Clock.offset(VIETNAM_JUST_AFTER_MIDNIGHT, Duration.ofDays(1)));
        assertThat(tomorrow.search(OwnerType.CITIZEN, CITIZEN, DRIVING_LICENCE, true)).extracting(StoredDocument::id)
                .containsExactlyInAnyOrder(startsToday.id(), future.id());
    }

    @Test
    void validOnlyAnswersTheDocumentToPreferFirstMostRecentIssueThenLongestValidity() {
        // deposited in the opposite order, so that the latest deposit is not what decides
        StoredDocument newerNoEnd = store.deposit(dated("newer-no-end", LocalDate.now().minusDays(30), null, null)).document();
        StoredDocument newerLong = store.deposit(dated("newer-long", LocalDate.now().minusDays(30), null, LocalDate.now().plusYears(9))).document();
        StoredDocument newerShort = store.deposit(dated("newer-short", LocalDate.now().minusDays(30), null, LocalDate.now().plusYears(1))).document();
        StoredDocument older = store.deposit(dated("older", LocalDate.now().minusYears(2), null, null)).document();

        List<StoredDocument> found = store.search(OwnerType.CITIZEN, CITIZEN, DRIVING_LICENCE, true);
        assertThat(found).extracting(StoredDocument::id).containsExactly(newerNoEnd.id(), newerLong.id(), newerShort.id(), older.id());
        assertThat(found.stream().sorted(StoredDocument.PREFERRED).map(StoredDocument::id).toList())
                .isEqualTo(found.stream().map(StoredDocument::id).toList());
    }

    @Test
    void aReuseChecksUsesAreInTheOwnersAccessLogBesideTheReads() {
        StoredDocument a = store.deposit(birthCertificate("1/KS", pdf("a"))).document();
        ReadContext check = new ReadContext("igate", "tiep-nhan-ho-so", "H29.01-7", true, "canbo.motcua.07", "1.000656.000.00.00.H41", "req-77");
        store.recordUses(OwnerType.CITIZEN, CITIZEN, check, List.of(PaperUse.offered(BIRTH_CERTIFICATE, a.id()),
                PaperUse.registryFacts("KQ.G03.000001", "POPULATION")));
        store.recordUses(OwnerType.CITIZEN, CITIZEN, check, List.of());
        store.read(a.id(), new ReadContext("bhxh", "Cấp thẻ BHYT", null, false));

        List<AccessRecord> log = store.accessLog(OwnerType.CITIZEN, CITIZEN);
        assertThat(log).extracting(AccessRecord::outcome).containsExactly("OFFERED", "REGISTRY_FACTS", "SERVED");
        AccessRecord offered = log.get(0);
        assertThat(offered.documentId()).isEqualTo(a.id());
        assertThat(offered.requester()).isEqualTo("igate");
        assertThat(offered.officer()).isEqualTo("canbo.motcua.07");
        assertThat(offered.procedureCode()).isEqualTo("1.000656.000.00.00.H41");
        assertThat(offered.dossierCode()).isEqualTo("H29.01-7");
        assertThat(offered.purpose()).isEqualTo("tiep-nhan-ho-so");
        assertThat(offered.explicitRequest()).isTrue();
        assertThat(offered.documentType()).isEqualTo(BIRTH_CERTIFICATE);
        assertThat(offered.requestId()).isEqualTo("req-77");
        assertThat(offered.readAt()).isNotNull();
        AccessRecord facts = log.get(1);
        assertThat(facts.documentId()).isNull();
        assertThat(facts.registry()).isEqualTo("POPULATION");
        assertThat(facts.documentType()).isEqualTo("KQ.G03.000001");
        assertThat(log.get(2).officer()).isNull();
        assertThat(log.get(2).procedureCode()).isNull();
        // paging is unchanged: after the first entry, one at a time
        assertThat(store.accessLog(OwnerType.CITIZEN, CITIZEN, offered.sequence(), 1)).extracting(AccessRecord::outcome).containsExactly("REGISTRY_FACTS");
        assertThat(store.accessLog(OwnerType.CITIZEN, OTHER_CITIZEN)).isEmpty();
        assertThatThrownBy(() -> store.recordUses(OwnerType.CITIZEN, CITIZEN, new ReadContext("igate", " ", null, true), List.of()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EDATA_FIELD_MISSING));
    }

    @Test
    void theAccessLogListsEveryReadIncludingRefusedOnes() throws Exception {
        StoredDocument a = store.deposit(birthCertificate("1/KS", pdf("a"))).document();
        StoredDocument b = store.deposit(birthCertificate("2/KS", pdf("b"))).document();
        store.deposit(request(OTHER_CITIZEN, BIRTH_CERTIFICATE, "3/KS", pdf("c")));
        store.read(a.id(), new ReadContext("bhxh", "Cấp thẻ BHYT", "H29.01-1", true));
        store.read(a.id(), new ReadContext("igate", "Đăng ký kết hôn", null, false));
        Files.delete(contentRoot.resolve(b.sha256().substring(0, 2)).resolve(b.sha256()));
        assertThatThrownBy(() -> store.read(b.id(), reader("so-y-te"))).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> store.read(UUID.randomUUID(), reader("so-y-te")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EDATA_NOT_FOUND));

        List<AccessRecord> log = store.accessLog(OwnerType.CITIZEN, CITIZEN);
        assertThat(log).extracting(AccessRecord::requester, AccessRecord::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bhxh", "SERVED"), org.assertj.core.groups.Tuple.tuple("igate", "SERVED"),
                        org.assertj.core.groups.Tuple.tuple("so-y-te", "TAMPERED"));
        assertThat(log.get(0).explicitRequest()).isTrue();
        assertThat(log.get(0).purpose()).isEqualTo("Cấp thẻ BHYT");
        assertThat(log.get(0).dossierCode()).isEqualTo("H29.01-1");
        assertThat(log.get(1).explicitRequest()).isFalse();
        assertThat(store.accessLog(OwnerType.CITIZEN, OTHER_CITIZEN)).isEmpty();
        assertThat(db.count("select count(*) from edata_access_log where outcome = 'NOT_FOUND'")).isEqualTo(1);
    }

    @Test
    void anExportedPackageVerifiesOfflineAndAnyChangeIsNamed() throws Exception {
        StoredDocument d = store.deposit(birthCertificate("5/KS", pdf("exported"))).document();
        byte[] zip = store.exportPackage(d.id(), reader("citizen-portal"));
        EdataPackageVerifier verifier = new EdataPackageVerifier(CA.verifier(), MAX_BYTES);

        PackageVerification ok = verifier.verify(zip);
        assertThat(ok.ok()).as(ok.message()).isTrue();
        assertThat(ok.documentId()).isEqualTo(d.id().toString());

        PackageVerification content = verifier.verify(replace(zip, EdataPackage.CONTENT, b -> flip(b, 50)));
        assertThat(content.problem()).isEqualTo(PackageVerification.Problem.HASH_MISMATCH);
        assertThat(content.file()).isEqualTo(EdataPackage.CONTENT);

        PackageVerification metadata = verifier.verify(replace(zip, EdataPackage.METADATA,
                b -> new String(b, StandardCharsets.UTF_8).replace("5/KS", "6/KS").getBytes(StandardCharsets.UTF_8)));
        assertThat(metadata.problem()).isEqualTo(PackageVerification.Problem.HASH_MISMATCH);
        assertThat(metadata.file()).isEqualTo(EdataPackage.METADATA);

        byte[] otherSignature = new CmsSigner(GATEWAY).sign(pdf("something else"));
        PackageVerification swapped = verifier.verify(replace(zip, EdataPackage.SIGNATURE, b -> otherSignature));
        assertThat(swapped.problem()).isEqualTo(PackageVerification.Problem.HASH_MISMATCH);
        assertThat(swapped.file()).isEqualTo(EdataPackage.SIGNATURE);

        PackageVerification resigned = verifier.verify(replace(zip, EdataPackage.MANIFEST_SIGNATURE,
                b -> new CmsSigner(TestCa.create("Rogue CA").signer("Rogue")).sign(entry(zip, EdataPackage.MANIFEST))));
        assertThat(resigned.problem()).isEqualTo(PackageVerification.Problem.MANIFEST_SIGNATURE_INVALID);

        PackageVerification untrusted = new EdataPackageVerifier(new CmsVerifier(TestCa.create("Other").trust()), MAX_BYTES).verify(zip);
        assertThat(untrusted.ok()).isFalse();

        assertThat(verifier.verify(withExtraEntry(zip, "../../etc/passwd")).problem()).isEqualTo(PackageVerification.Problem.PACKAGE_MALFORMED);
        assertThat(verifier.verify(replace(zip, EdataPackage.CONTENT, b -> new byte[(int) MAX_BYTES + 1])).problem())
                .isEqualTo(PackageVerification.Problem.PACKAGE_MALFORMED);
        assertThat(verifier.verify("not a zip".getBytes(StandardCharsets.US_ASCII)).ok()).isFalse();
    }

    @Test
    void aPdfCarryingItsIssuersSignatureIsRecognised() {
        byte[] signed = signedPdf("judicial record", ISSUER);
        StoredDocument d = store.deposit(request(CITIZEN, "KQ.G11.000005", "LLTP 1", signed)).document();
        assertThat(d.embeddedSignature().verdict()).as(String.valueOf(d.embeddedSignature().reason())).isEqualTo(EmbeddedSignature.Verdict.VALID);
        assertThat(d.embeddedSignature().signerSubject()).contains("So Tu phap tinh");

        int inSignedRange = new String(signed, StandardCharsets.ISO_8859_1).indexOf("judicial record");
        StoredDocument altered = store.deposit(request(CITIZEN, "KQ.G11.000005", "LLTP 2", flip(signed, inSignedRange))).document();
        assertThat(altered.embeddedSignature().verdict()).isEqualTo(EmbeddedSignature.Verdict.INVALID);

        StoredDocument foreign = store.deposit(request(CITIZEN, "KQ.G11.000005", "LLTP 3",
                signedPdf("judicial record", TestCa.create("Foreign CA").signer("Foreign issuer")))).document();
        assertThat(foreign.embeddedSignature().verdict()).isEqualTo(EmbeddedSignature.Verdict.UNVERIFIABLE);
        assertThat(foreign.embeddedSignature().signerSubject()).contains("Foreign issuer");
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static DepositRequest with(DepositRequest r, UnaryOperator<DepositRequest> change) {
        return change.apply(r);
    }

    static DepositRequest copy(DepositRequest r, String field, Object value) {
        return new DepositRequest(
                field.equals("ownerType") ? (OwnerType) value : r.ownerType(),
                field.equals("ownerId") ? (String) value : r.ownerId(),
                field.equals("typeCode") ? (String) value : r.typeCode(),
                field.equals("number") ? (String) value : r.number(),
                field.equals("title") ? (String) value : r.title(),
                field.equals("issuingAgency") ? (String) value : r.issuingAgency(),
                field.equals("issueDate") ? (LocalDate) value : r.issueDate(),
                field.equals("validFrom") ? (LocalDate) value : r.validFrom(),
                field.equals("validUntil") ? (LocalDate) value : r.validUntil(),
                field.equals("source") ? (Source) value : r.source(),
                field.equals("mediaType") ? (String) value : r.mediaType(),
                field.equals("content") ? (byte[]) value : r.content(),
                field.equals("depositor") ? (String) value : r.depositor());
    }

    private static byte[] entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IOException("no " + name);
    }

    private interface Change {
        byte[] apply(byte[] bytes) throws IOException;
    }

    private static byte[] replace(byte[] zip, String name, Change change) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip)); ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] bytes = in.readAllBytes();
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(e.getName().equals(name) ? change.apply(bytes) : bytes);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] withExtraEntry(byte[] zip, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip)); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(1);
            z.closeEntry();
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(in.readAllBytes());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
