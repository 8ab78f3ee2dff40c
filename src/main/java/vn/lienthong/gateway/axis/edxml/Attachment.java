package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: One attachment, its content base64 in ContentTransferEncoded. */
@XmlType(name = "Attachment")
public class Attachment {

    @XmlElement(name = "ContentId")
    public String contentId;

    @XmlElement(name = "AttachmentName")
    public String attachmentName;

    @XmlElement(name = "Description")
    public String description;

    @XmlElement(name = "ContentType")
    public String contentType;

    @XmlElement(name = "ContentTransferEncoded")
    public byte[] contentTransferEncoded;
}
