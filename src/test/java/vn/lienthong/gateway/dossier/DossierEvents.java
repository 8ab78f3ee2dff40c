package vn.lienthong.gateway.dossier;

/** Dossier events for the tests, in the JSON form iGate posts. */
public final class DossierEvents {

    private DossierEvents() {
    }

    /** A dossier code of the sandbox province for dossier number n. */
    public static String dossierCode(int n) {
        return String.format("000.00.00.H41-261123-%04d", n);
    }

    /** A progress event (CapNhatTienDoHoSoMC) whose content says which step it is. */
    public static String progress(String eventId, String dossierCode, String localStatus, String content) {
        return """
                {"eventId": "%s", "dossierCode": "%s", "agencyCode": "000.00.00.H41",
                 "occurredAt": "2026-11-24T08:30:05+07:00", "localStatus": "%s",
                 "progress": {"handler": "Trần Thị Bích", "handlerTitle": "Công chức", "department": "Bộ phận tư pháp",
                   "content": "%s", "startedAt": "2026-11-24T08:30:05+07:00", "dueAt": "2026-11-25T17:00:00+07:00"}}
                """.formatted(eventId, dossierCode, localStatus, content);
    }

    /** A dossier record event (DongBoHoSoMC); dueAt before receivedAt makes the portal refuse it (a poison event). */
    public static String dossier(String eventId, String dossierCode, String localStatus, String receivedAt, String dueAt) {
        return """
                {"eventId": "%s", "dossierCode": "%s", "agencyCode": "000.00.00.H41",
                 "occurredAt": "2026-11-23T09:15:00+07:00", "localStatus": "%s",
                 "dossier": {"isNew": true, "procedureCode": "1.003560.000.00.00.H56", "procedureName": "Đăng ký khai sinh",
                   "fieldCode": "HT", "fieldName": "Hộ tịch", "channel": 1, "ownerName": "Nguyễn Văn An", "ownerType": 1,
                   "ownerId": "001203012345", "summary": "Đăng ký khai sinh cho con", "receivedAt": "%s", "dueAt": "%s",
                   "handlingUnit": "UBND phường Ba Đình",
                   "documents": [{"fileName": "to-khai.pdf", "componentCode": "TP01", "digitized": true, "reused": false,
                                  "fromNationalCatalogue": false}]}}
                """.formatted(eventId, dossierCode, localStatus, receivedAt, dueAt);
    }

    public static String dossier(String eventId, String dossierCode) {
        return dossier(eventId, dossierCode, "DA_TIEP_NHAN", "2026-11-23T09:15:00+07:00", "2026-11-26T17:00:00+07:00");
    }
}
