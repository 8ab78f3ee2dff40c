package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** edXML: The attachments, after the envelope. */
@XmlType(name = "AttachmentEncoded")
public class AttachmentEncoded {

    @XmlElement(name = "Attachment")
    public List<Attachment> attachment = new ArrayList<>();
}
