package vn.lienthong.gateway.dossier.model;

import jakarta.xml.bind.annotation.XmlType;

/** A paper of the dossier (TaiLieuNop). */
@XmlType(propOrder = {"fileName", "componentCode", "digitized", "reused", "fromNationalCatalogue", "replacedByResultCode", "url"})
public class SubmittedDocument {
    public String fileName;
    public String componentCode;
    public Boolean digitized;
    public Boolean reused;
    public Boolean fromNationalCatalogue;
    public String replacedByResultCode;
    /** DuongDanTaiTepTin: where the portal fetches the file. */
    public String url;
}
