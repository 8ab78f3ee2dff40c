package vn.lienthong.gateway.axis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lienthong.gateway.axis.edxml.EdXmlNames;

/**
 * What an edXML package or status message must contain, beyond what the (open) schema says, and every problem
 * worded for the clerk of the sending agency, in Vietnamese: a status 02 lists all of them, not the first.
 * Elements are found by name in any order, among the children of their parent, as the axis's SDKs read them.
 */
public final class EdXmlChecks {

    /** The Vietnamese name of the fields a clerk knows from the paper document. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("OrganId", "mã định danh cơ quan"),
            Map.entry("OrganName", "tên cơ quan"),
            Map.entry("From", "cơ quan gửi"),
            Map.entry("To", "cơ quan nhận"),
            Map.entry("DocumentId", "mã văn bản"),
            Map.entry("Code", "số, ký hiệu văn bản"),
            Map.entry("CodeNumber", "số văn bản"),
            Map.entry("CodeNotation", "ký hiệu văn bản"),
            Map.entry("PromulgationInfo", "thông tin ban hành"),
            Map.entry("PromulgationDate", "ngày ban hành"),
            Map.entry("Place", "địa danh"),
            Map.entry("DocumentType", "loại văn bản"),
            Map.entry("Type", "loại văn bản"),
            Map.entry("TypeDetail", "loại văn bản chi tiết"),
            Map.entry("Subject", "trích yếu"),
            Map.entry("Content", "nội dung"),
            Map.entry("DueDate", "hạn xử lý"),
            Map.entry("Priority", "độ khẩn"),
            Map.entry("PageAmount", "số trang"),
            Map.entry("PromulgationAmount", "số bản phát hành"),
            Map.entry("SteeringType", "loại chỉ đạo"),
            Map.entry("Direction", "chỉ đạo"),
            Map.entry("Timestamp", "thời điểm"),
            Map.entry("StatusCode", "mã trạng thái"),
            Map.entry("ResponseFor", "văn bản được phản hồi"),
            Map.entry("BussinessDocType", "loại nghiệp vụ"),
            Map.entry("Paper", "văn bản giấy"),
            Map.entry("ContentTransferEncoded", "nội dung tệp đính kèm"),
            Map.entry("Email", "thư điện tử"),
            Map.entry("Description", "mô tả"));

    private EdXmlChecks() {
    }

    /** The problems of a document package whose root is {edXML}edXML. */
    public static List<String> documentProblems(Element root) {
        List<String> problems = new ArrayList<>();
        if (!children(root, "edXMLBody").isEmpty()) {
            problems.add("edXMLBody nằm ngoài edXMLEnvelope: theo chuẩn edXML, edXMLBody (chứa edXMLManifest) phải nằm trong "
                    + "edXMLEnvelope, sau edXMLHeader.");
        }
        Element header = header(root, problems);
        if (header == null) {
            return problems;
        }
        Element message = one(header, "MessageHeader", "edXMLHeader", problems);
        if (message == null) {
            return problems;
        }
        if (!children(message, "StatusCode").isEmpty()) {
            problems.add("Gói tin là thông báo trạng thái (có StatusCode), không phải văn bản.");
        }
        organization(message, "From", true, problems);
        List<Element> to = children(message, "To");
        if (to.isEmpty()) {
            problems.add("Thiếu cơ quan nhận (To).");
        }
        for (Element t : to) {
            if (text(t, "OrganId").isEmpty()) {
                problems.add("Một cơ quan nhận (To) không có mã định danh cơ quan (OrganId).");
            }
        }
        requiredText(message, "DocumentId", problems);
        Element code = one(message, "Code", "MessageHeader", problems);
        if (code != null) {
            requiredText(code, "CodeNumber", problems);
            requiredText(code, "CodeNotation", problems);
        }
        Element promulgation = one(message, "PromulgationInfo", "MessageHeader", problems);
        if (promulgation != null) {
            requiredText(promulgation, "PromulgationDate", problems);
        }
        requiredText(message, "Subject", problems);
        Element envelope = children(root, "edXMLEnvelope").isEmpty() ? null : children(root, "edXMLEnvelope").get(0);
        List<Element> bodies = envelope == null ? List.of() : children(envelope, "edXMLBody");
        if (bodies.size() > 1) {
            problems.add("edXMLEnvelope có " + bodies.size() + " edXMLBody; chỉ được có một.");
        }
        if (bodies.size() == 1 && children(bodies.get(0), "edXMLManifest").size() > 1) {
            problems.add("edXMLBody có nhiều hơn một edXMLManifest.");
        }
        if (children(root, "AttachmentEncoded").size() > 1) {
            problems.add("Gói tin có nhiều hơn một AttachmentEncoded.");
        }
        return problems;
    }

    /** The problems of a status message: an edXML package whose MessageHeader carries StatusCode. */
    public static List<String> statusProblems(Element root) {
        List<String> problems = new ArrayList<>();
        Element header = header(root, problems);
        if (header == null) {
            return problems;
        }
        Element message = one(header, "MessageHeader", "edXMLHeader", problems);
        if (message == null) {
            return problems;
        }
        organization(message, "From", true, problems);
        Element responseFor = one(message, "ResponseFor", "MessageHeader", problems);
        if (responseFor != null && text(responseFor, "DocumentId").isEmpty()
                && (text(responseFor, "Code").isEmpty() || text(responseFor, "OrganId").isEmpty())) {
            problems.add("Văn bản được phản hồi (ResponseFor) không có mã văn bản (DocumentId), cũng không có số, ký hiệu (Code) "
                    + "và mã cơ quan gửi (OrganId): không biết thông báo này về văn bản nào.");
        }
        requiredText(message, "StatusCode", problems);
        if (children(message, "StatusCode").size() > 1) {
            problems.add("Thông báo có nhiều hơn một mã trạng thái (StatusCode).");
        }
        requiredText(message, "Timestamp", problems);
        return problems;
    }

    /** Whether the package's MessageHeader carries a StatusCode, i.e. it is a status message. */
    public static boolean isStatus(Element root) {
        Element message = messageHeader(root);
        return message != null && !children(message, "StatusCode").isEmpty();
    }

    /** The MessageHeader of a package, found by name, or null. */
    public static Element messageHeader(Element root) {
        for (Element envelope : children(root, "edXMLEnvelope")) {
            for (Element header : children(envelope, "edXMLHeader")) {
                for (Element message : children(header, "MessageHeader")) {
                    return message;
                }
            }
        }
        return null;
    }

    /** The path of an element below the header (or the root), for a clerk: "MessageHeader/PromulgationInfo/PromulgationDate". */
    public static String path(Node node) {
        if (!(node instanceof Element)) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (Node n = node; n instanceof Element e && e.getParentNode() instanceof Element; n = n.getParentNode()) {
            String name = e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
            if (name.equals("edXMLHeader") || name.equals("edXMLEnvelope")) {
                break;
            }
            names.add(0, name);
        }
        return String.join("/", names);
    }

    /** A schema violation about {@code node}, in words a clerk understands. */
    public static String schemaProblem(Node node, String path, String validatorMessage) {
        if (!(node instanceof Element element)) {
            return "Gói tin không đúng lược đồ edXML (" + validatorMessage + ").";
        }
        String name = element.getLocalName() != null ? element.getLocalName() : element.getNodeName();
        String value = clip(element.getTextContent().strip());
        String where = "Trường " + path + label(name);
        String expected = switch (name) {
            case "PromulgationDate", "DueDate" -> "phải là ngày theo dạng năm/tháng/ngày (yyyy/MM/dd), ví dụ 2026/11/23";
            case "Timestamp" -> "phải là thời điểm theo dạng yyyy/MM/dd HH:mm:ss, ví dụ 2026/11/23 09:15:00";
            case "OrganId" -> "không phải mã định danh cơ quan hợp lệ (chữ, số, dấu chấm, gạch)";
            case "StatusCode" -> "phải là mã trạng thái hai chữ số, từ 01 đến 16";
            case "Type", "TypeDetail", "Priority", "PageAmount", "PromulgationAmount", "SteeringType", "BussinessDocType", "Paper" ->
                    "phải là một số nguyên";
            case "Direction" -> "phải là true hoặc false";
            case "ContentTransferEncoded" -> "không phải dữ liệu base64 hợp lệ";
            default -> validatorMessage != null && validatorMessage.contains("maxLength")
                    ? "dài quá độ dài cho phép"
                    : "có giá trị không hợp lệ";
        };
        return where + ": giá trị '" + value + "' " + expected + ".";
    }

    private static Element header(Element root, List<String> problems) {
        Element envelope = one(root, "edXMLEnvelope", "edXML", problems);
        return envelope == null ? null : one(envelope, "edXMLHeader", "edXMLEnvelope", problems);
    }

    private static void organization(Element message, String name, boolean required, List<String> problems) {
        Element organization = one(message, name, "MessageHeader", problems);
        if (organization != null && text(organization, "OrganId").isEmpty()) {
            problems.add("Thiếu mã định danh cơ quan (OrganId) của " + LABELS.get(name) + " (" + name + ").");
        }
    }

    private static Element one(Element parent, String name, String parentName, List<String> problems) {
        List<Element> found = children(parent, name);
        if (found.isEmpty()) {
            problems.add("Thiếu " + name + label(name) + " trong " + parentName + ".");
            return null;
        }
        if (found.size() > 1) {
            problems.add(parentName + " có " + found.size() + " " + name + "; chỉ được có một.");
        }
        return found.get(0);
    }

    private static void requiredText(Element parent, String name, List<String> problems) {
        if (text(parent, name).isEmpty()) {
            problems.add("Thiếu " + name + label(name) + " trong " + path(parent) + ".");
        }
    }

    private static String label(String name) {
        String label = LABELS.get(name);
        return label == null ? "" : " (" + label + ")";
    }

    /** The stripped text of the first child element with this name, or "". */
    static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().strip();
    }

    /** The child elements with this local name in the edXML namespace, in document order. */
    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && EdXmlNames.NS.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static String clip(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }
}
