package vn.lienthong.gateway.axis.edxml;

import java.util.ArrayList;
import java.util.List;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: The attachments, after the envelope. */
@XmlType(name = "AttachmentEncoded")
public class AttachmentEncoded {

    @XmlElement(name = "Attachment")
    public List<Attachment> attachment = new ArrayList<>();
}
