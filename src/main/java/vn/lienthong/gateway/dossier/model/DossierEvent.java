package vn.lienthong.gateway.dossier.model;

import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** One lifecycle event of a dossier: either a dossier record or a progress step. */
@XmlRootElement(name = "dossierEvent")
@XmlType(propOrder = {"eventId", "dossierCode", "agencyCode", "occurredAt", "localStatus", "nationalStatus", "dossier", "progress"})
public class DossierEvent {

    public static final String NAMESPACE = "urn:lienthong:gateway:dossier:1.0";

    public String eventId;
    public String dossierCode;
    public String agencyCode;
    public String occurredAt;
    public String localStatus;
    public Integer nationalStatus;
    public DossierRecord dossier;
    public Progress progress;

    /** The portal service this event becomes. */
    public String portalService() {
        return dossier != null ? "DongBoHoSoMC" : "CapNhatTienDoHoSoMC";
    }
}
