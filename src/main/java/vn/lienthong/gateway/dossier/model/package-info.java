/**
 * The dossier event as bound by JAXB (XML, described by {@code schemas/dossier-event.xsd}) and by
 * Jackson (JSON, the same names). Plain data: the gateway never trusts it before
 * {@link vn.lienthong.gateway.dossier.DossierEventReader} has validated it against the schema.
 */
@XmlSchema(namespace = DossierEvent.NAMESPACE, elementFormDefault = XmlNsForm.QUALIFIED)
@XmlAccessorType(XmlAccessType.FIELD)
package vn.lienthong.gateway.dossier.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
