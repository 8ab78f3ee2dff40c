package vn.lienthong.gateway.dossier.model;

import jakarta.xml.bind.annotation.XmlType;

/** A processing step as the portal's CapNhatTienDoHoSoMC needs it. */
@XmlType(propOrder = {"handler", "handlerTitle", "department", "content", "startedAt", "dueAt"})
public class Progress {
    public String handler;
    public String handlerTitle;
    public String department;
    public String content;
    public String startedAt;
    public String dueAt;
}
