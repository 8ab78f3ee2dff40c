/**
 * The edXML model (QCVN 102:2016/BTTTT), hand-written JAXB classes matching
 * {@code src/main/resources/axis/edxml.xsd} type by type (EdXmlGoldenTest proves that what they
 * write validates and round-trips). Read tolerant in form: by element name, in any order; what they do not
 * know is skipped. Written with the {@code edXML:} prefix, as the axis's SDKs write packages.
 * Public fields: these are plain data carriers, read and written by EdXmlCodec.
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
