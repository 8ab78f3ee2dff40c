package vn.lienthong.gateway.dossier.model;

import jakarta.xml.bind.annotation.XmlType;

/** A result paper of the dossier (DanhSachGiayToKetQua). */
@XmlType(propOrder = {"name", "resultCode", "url"})
public class ResultDocument {
    public String name;
    public String resultCode;
    public String url;
}
