package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: A manifest entry pointing at an attachment by ContentId (cid:...). */
@XmlType(name = "Reference")
public class Reference {

    @XmlElement(name = "ContentId")
    public String contentId;

    @XmlElement(name = "ContentType")
    public String contentType;

    @XmlElement(name = "AttachmentName")
    public String attachmentName;

    @XmlElement(name = "Description")
    public String description;
}
