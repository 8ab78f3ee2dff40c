package vn.lienthong.gateway.dossier.model;

import java.util.List;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlType;

/** The dossier as the portal's DongBoHoSoMC needs it. */
@XmlType(propOrder = {"isNew", "procedureCode", "procedureName", "fieldCode", "fieldName", "channel", "ownerName",
        "ownerType", "ownerId", "summary", "receivedAt", "dueAt", "returnedAt", "handlingUnit", "documents", "results"})
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
    @XmlElementWrapper(name = "documents")
    @XmlElement(name = "document")
    public List<SubmittedDocument> documents;
    @XmlElementWrapper(name = "results")
    @XmlElement(name = "result")
    public List<ResultDocument> results;
}
