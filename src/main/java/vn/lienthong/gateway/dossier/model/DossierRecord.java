package vn.lienthong.gateway.dossier.model;

import java.util.List;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlType;

/**
 * The dossier as the portal's DongBoHoSoMC needs it, with the fields public clients of the real portal send
 * (FORMATS.md): where the mapping finds none, it writes the documented default (mappings/dossier-event-to-portal.xsl).
 */
@XmlType(propOrder = {"isNew", "procedureCode", "procedureName", "fieldCode", "fieldName", "channel", "ownerName",
        "ownerType", "ownerId", "summary", "receivedAt", "dueAt", "returnedAt", "handlingUnit", "submittedAt", "submissionPlace",
        "resultDelivery", "ownerVerifiedWithVneid", "onlinePayment", "processingEndedAt", "email", "phone", "connectedDatabases",
        "fees", "documents", "results"})
public class DossierRecord {

    public Boolean isNew;
    public String procedureCode;
    public String procedureName;
    public String fieldCode;
    public String fieldName;
    public Integer channel;
    public String ownerName;
    public Integer ownerType;
    public String ownerId;
    public String summary;
    public String receivedAt;
    public String dueAt;
    public String returnedAt;
    public String handlingUnit;
    /** NgayNopHoSo (default: receivedAt). */
    public String submittedAt;
    /** NoiNopHoSo, the portal's code (default: from the channel). */
    public String submissionPlace;
    /** HinhThuc: how the result is returned, the portal's code (default "0"). */
    public String resultDelivery;
    /** TaiKhoanDuocXacThucVoiVNeID: the applicant's account is verified with VNeID. */
    public Boolean ownerVerifiedWithVneid;
    /** DuocThanhToanTrucTuyen, the portal's code (default "0"). */
    public String onlinePayment;
    /** NgayKetThucXuLy. */
    public String processingEndedAt;
    /** Email of the applicant. */
    public String email;
    /** SoDienThoai of the applicant. */
    public String phone;
    /** DSKetNoiCSDL: the national databases consulted (MaCSDL codes). */
    @XmlElementWrapper(name = "connectedDatabases")
    @XmlElement(name = "database")
    public List<String> connectedDatabases;
    /** DanhSachLePhi. */
    @XmlElementWrapper(name = "fees")
    @XmlElement(name = "fee")
    public List<Fee> fees;
    @XmlElementWrapper(name = "documents")
    @XmlElement(name = "document")
    public List<SubmittedDocument> documents;
    @XmlElementWrapper(name = "results")
    @XmlElement(name = "result")
    public List<ResultDocument> results;
}
