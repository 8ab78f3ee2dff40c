package vn.lienthong.gateway.dossier.model;

import jakarta.xml.bind.annotation.XmlType;

/** A fee or charge of the dossier (DanhSachLePhi: TenPhiLePhi, MaPhiLePhi, HinhThucThu, Gia, LoaiPhiLePhi). */
@XmlType(propOrder = {"name", "code", "collectionMethod", "amount", "kind"})
public class Fee {
    public String name;
    public String code;
    public String collectionMethod;
    /** In dong, a decimal number written as text (as the portal's Gia). */
    public String amount;
    public String kind;
}
