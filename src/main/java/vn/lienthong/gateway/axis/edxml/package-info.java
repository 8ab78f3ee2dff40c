/**
 * The edXML model (QCVN 102:2016/BTTTT), hand-written JAXB classes matching
 * {@code src/main/resources/axis/edxml.xsd} type by type (EdXmlSchemaTest proves that what they
 * write validates). Public fields: these are plain data carriers, read and written by EdXmlCodec.
 */
@XmlSchema(namespace = EdXmlNames.NS, elementFormDefault = XmlNsForm.QUALIFIED,
        xmlns = @XmlNs(prefix = "edXML", namespaceURI = EdXmlNames.NS))
@XmlAccessorType(XmlAccessType.FIELD)
package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNs;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
