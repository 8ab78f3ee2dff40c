package vn.lienthong.gateway.dossier.model;

import jakarta.xml.bind.annotation.XmlType;

/**
 * A result paper of the dossier (DanhSachGiayToKetQua). With {@code content} (the PDF), the gateway
 * deposits it into the e-data store at intake and keeps only the stored {@code documentId}.
 */
@XmlType(propOrder = {"name", "resultCode", "url", "number", "issueDate", "issuingAgency", "content", "documentId", "paperId"})
public class ResultDocument {
    public String name;
    public String resultCode;
    public String url;
    public String number;
    public String issueDate;
    public String issuingAgency;
    public byte[] content;
    public String documentId;
    /** GiayToId: the paper's id in the issuing system, when it has one. */
    public String paperId;
}
