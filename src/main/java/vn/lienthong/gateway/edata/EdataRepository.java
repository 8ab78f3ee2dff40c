package vn.lienthong.gateway.edata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of the e-data store, on a connection the caller owns (and commits). Plain JDBC, the
 * same statements on H2 and PostgreSQL: timestamps as {@link OffsetDateTime} in UTC, ids as UUID.
 */
final class EdataRepository {

    static final String COLUMNS = "id, owner_type, owner_id, type_code, doc_number, title, issuing_agency, issue_date, valid_from, "
            + "valid_until, status, superseded_by, dossier_code, procedure_code, channel, media_type, size_bytes, sha256, signature, "
            + "signer_subject, embedded_verdict, embedded_signer, embedded_reason, deposited_at, depositor";

    /** The owner look-up; the benchmark runs this very text on a bare JdbcTemplate. */
    static final String BY_OWNER = "select " + COLUMNS + " from edata_document where owner_id = ? and owner_type = ?";

    void insert(Connection c, StoredDocument d) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into edata_document (" + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 0;
            s.setObject(++i, d.id());
            s.setString(++i, d.ownerType().name());
            s.setString(++i, d.ownerId());
            s.setString(++i, d.typeCode());
            s.setString(++i, d.number());
            s.setString(++i, d.title());
            s.setString(++i, d.issuingAgency());
            s.setObject(++i, d.issueDate());
            s.setObject(++i, d.validFrom());
            s.setObject(++i, d.validUntil());
            s.setString(++i, d.storedStatus().name());
            s.setObject(++i, d.supersededBy());
            s.setString(++i, d.source().dossierCode());
            s.setString(++i, d.source().procedureCode());
            s.setString(++i, d.source().channel().name());
            s.setString(++i, d.mediaType());
            s.setLong(++i, d.size());
            s.setString(++i, d.sha256());
            s.setBytes(++i, d.signature());
            s.setString(++i, d.signerSubject());
            EmbeddedSignature e = d.embeddedSignature();
            s.setString(++i, e == null ? null : e.verdict().name());
            s.setString(++i, e == null ? null : truncate(e.signerSubject(), 500));
            s.setString(++i, e == null ? null : truncate(e.reason(), 500));
            s.setObject(++i, utc(d.depositedAt()));
            s.setString(++i, d.depositor());
            s.executeUpdate();
        }
    }

    Optional<StoredDocument> find(Connection c, UUID id, boolean forUpdate, LocalDate today) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from edata_document where id = ?" + (forUpdate ? " for update" : ""))) {
            s.setObject(1, id);
            List<StoredDocument> found = list(s, today);
            return found.stream().findFirst();
        }
    }

    Optional<StoredDocument> findSame(Connection c, OwnerType ownerType, String ownerId, String typeCode, String number, String sha256,
                                      LocalDate today) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from edata_document "
                + "where owner_type = ? and owner_id = ? and type_code = ? and doc_number = ? and sha256 = ?")) {
            s.setString(1, ownerType.name());
            s.setString(2, ownerId);
            s.setString(3, typeCode);
            s.setString(4, number);
            s.setString(5, sha256);
            return list(s, today).stream().findFirst();
        }
    }

    /**
     * An owner's documents. {@code validOnly}: only those in force on {@code today} (stored VALID,
     * {@code valid_from <= today <= valid_until}), in {@link StoredDocument#PREFERRED} order; otherwise
     * newest issue first.
     */
    List<StoredDocument> byOwner(Connection c, OwnerType ownerType, String ownerId, String typeCode, boolean validOnly, LocalDate today) throws SQLException {
        StringBuilder sql = new StringBuilder(BY_OWNER);
        if (typeCode != null) {
            sql.append(" and type_code = ?");
        }
        if (validOnly) {
            sql.append(" and status = 'VALID' and valid_from <= ? and (valid_until is null or valid_until >= ?)");
        }
        sql.append(" order by issue_date desc, valid_until desc nulls first, deposited_at desc");
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = 0;
            s.setString(++i, ownerId);
            s.setString(++i, ownerType.name());
            if (typeCode != null) {
                s.setString(++i, typeCode);
            }
            if (validOnly) {
                s.setObject(++i, today);
                s.setObject(++i, today);
            }
            return list(s, today);
        }
    }

    void updateStatus(Connection c, UUID id, DocumentStatus status, UUID supersededBy) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update edata_document set status = ?, superseded_by = ? where id = ?")) {
            s.setString(1, status.name());
            s.setObject(2, supersededBy);
            s.setObject(3, id);
            s.executeUpdate();
        }
    }

    void event(Connection c, UUID documentId, String event, Instant at, String actor, String detail, UUID relatedId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "insert into edata_event (document_id, event, at, actor, detail, related_id) values (?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, documentId);
            s.setString(2, event);
            s.setObject(3, utc(at));
            s.setString(4, truncate(actor, 64));
            s.setString(5, truncate(detail, 1000));
            s.setObject(6, relatedId);
            s.executeUpdate();
        }
    }

    List<HistoryEvent> history(Connection c, UUID documentId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select document_id, event, at, actor, detail, related_id from edata_event where document_id = ? order by id")) {
            s.setObject(1, documentId);
            List<HistoryEvent> events = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    events.add(new HistoryEvent(r.getObject(1, UUID.class), r.getString(2), instant(r, 3), r.getString(4),
                            r.getString(5), r.getObject(6, UUID.class)));
                }
            }
            return events;
        }
    }

    void access(Connection c, UUID documentId, StoredDocument document, ReadContext ctx, Instant at, String outcome) throws SQLException {
        access(c, documentId, document == null ? null : document.ownerType(), document == null ? null : document.ownerId(),
                document == null ? null : document.typeCode(), null, ctx, at, outcome);
    }

    /** One row of the owner's access log: a read attempt, or a use of the owner's papers by a reuse check. */
    void access(Connection c, UUID documentId, OwnerType ownerType, String ownerId, String documentType, String registry, ReadContext ctx,
                Instant at, String outcome) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into edata_access_log (document_id, owner_type, owner_id, requester, purpose, "
                + "dossier_code, explicit_request, read_at, outcome, officer, procedure_code, document_type, registry, request_id) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, documentId);
            s.setString(2, ownerType == null ? null : ownerType.name());
            s.setString(3, ownerId);
            s.setString(4, truncate(ctx.requester(), 64));
            s.setString(5, truncate(ctx.purpose(), 200));
            s.setString(6, truncate(ctx.dossierCode(), 64));
            s.setBoolean(7, ctx.explicitRequest());
            s.setObject(8, utc(at));
            s.setString(9, outcome);
            s.setString(10, truncate(ctx.officer(), 100));
            s.setString(11, truncate(ctx.procedureCode(), 64));
            s.setString(12, truncate(documentType, 32));
            s.setString(13, truncate(registry, 32));
            s.setString(14, truncate(ctx.requestId(), 100));
            s.executeUpdate();
        }
    }

    /** At most {@code limit} entries of an owner's access log after {@code afterSequence}, oldest first. */
    List<AccessRecord> accessLog(Connection c, OwnerType ownerType, String ownerId, long afterSequence, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select id, document_id, owner_type, owner_id, requester, purpose, dossier_code, "
                + "explicit_request, read_at, outcome, officer, procedure_code, document_type, registry, request_id "
                + "from edata_access_log where owner_id = ? and owner_type = ? and id > ? "
                + "order by id fetch first ? rows only")) {
            s.setString(1, ownerId);
            s.setString(2, ownerType.name());
            s.setLong(3, afterSequence);
            s.setInt(4, limit);
            List<AccessRecord> records = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    records.add(new AccessRecord(r.getLong(1), r.getObject(2, UUID.class), OwnerType.valueOf(r.getString(3)), r.getString(4),
                            r.getString(5), r.getString(6), r.getString(7), r.getBoolean(8), instant(r, 9), r.getString(10),
                            r.getString(11), r.getString(12), r.getString(13), r.getString(14), r.getString(15)));
                }
            }
            return records;
        }
    }

    static List<StoredDocument> list(PreparedStatement s, LocalDate today) throws SQLException {
        List<StoredDocument> documents = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                documents.add(map(r, today));
            }
        }
        return documents;
    }

    static StoredDocument map(ResultSet r, LocalDate today) throws SQLException {
        DocumentStatus stored = DocumentStatus.valueOf(r.getString("status"));
        LocalDate validFrom = r.getObject("valid_from", LocalDate.class);
        LocalDate validUntil = r.getObject("valid_until", LocalDate.class);
        DocumentStatus effective = StoredDocument.effective(stored, validFrom, validUntil, today);
        String verdict = r.getString("embedded_verdict");
        EmbeddedSignature embedded = verdict == null ? null
                : new EmbeddedSignature(EmbeddedSignature.Verdict.valueOf(verdict), r.getString("embedded_signer"), r.getString("embedded_reason"));
        return new StoredDocument(
                r.getObject("id", UUID.class),
                OwnerType.valueOf(r.getString("owner_type")),
                r.getString("owner_id"),
                r.getString("type_code"),
                r.getString("doc_number"),
                r.getString("title"),
                r.getString("issuing_agency"),
                r.getObject("issue_date", LocalDate.class),
                validFrom,
                validUntil,
                effective,
                stored,
                r.getObject("superseded_by", UUID.class),
                new Source(r.getString("dossier_code"), r.getString("procedure_code"), Channel.valueOf(r.getString("channel"))),
                r.getString("media_type"),
                r.getLong("size_bytes"),
                r.getString("sha256"),
                r.getBytes("signature"),
                r.getString("signer_subject"),
                embedded,
                instant(r, "deposited_at"),
                r.getString("depositor"));
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
