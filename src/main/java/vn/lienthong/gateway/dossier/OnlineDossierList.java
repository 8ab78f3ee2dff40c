package vn.lienthong.gateway.dossier;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the portal's answer to {@code LayDanhSachHoSoTrucTuyen} (FORMATS.md: {@code {error_code, message,
 * data: [dossier]}}, each dossier with its sequence number {@code SoThuTu}) as something that came from
 * outside and may be hostile.
 * <ul>
 *   <li>The whole answer is refused — nothing of it is kept — when it is not exactly one JSON object
 *       (XML, HTML, trailing content), is larger than {@link #MAX_ANSWER_CHARS}, nests deeper than
 *       {@link #MAX_DEPTH}, has no {@code data} array of objects, or carries a markup declaration
 *       ({@code <!DOCTYPE}, {@code <!ENTITY}, ...) anywhere: an upstream that sends those is broken or spoofed.</li>
 *   <li>One dossier is refused (the others are kept) when its code, sequence number or a required field is
 *       missing or malformed, or a text holds control characters or exceeds {@link #MAX_TEXT_CHARS}.</li>
 * </ul>
 */
public final class OnlineDossierList {

    public static final int MAX_ANSWER_CHARS = 8 * 1024 * 1024;
    public static final int MAX_DEPTH = 8;
    public static final int MAX_TEXT_CHARS = 4000;
    /** Circular 01/2018/TT-VPCP: {@code <agency code>-YYMMDD-XXXX}. */
    public static final Pattern DOSSIER_CODE = Pattern.compile("[0-9A-Z]{2,3}(\\.[0-9A-Z]{2,3}){3}-[0-9]{6}-[0-9]{4,6}");
    private static final List<String> REQUIRED = List.of("MaTTHC", "ChuHoSo");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 2).build());
    }

    /** A dossier the portal listed, as it will be kept and forwarded. */
    public record Entry(long seq, String code, String json) {
    }

    /** A listed dossier that is not kept, and why. */
    public record Refusal(String seq, String reason) {
    }

    /** What an acceptable answer yields. */
    public record Result(List<Entry> entries, List<Refusal> refused) {
    }

    /** The whole answer is refused: nothing of it may be kept. */
    public static class RefusedAnswer extends RuntimeException {
        public RefusedAnswer(String message) {
            super(message);
        }
    }

    private OnlineDossierList() {
    }

    public static Result read(String answer) {
        if (answer == null || answer.isBlank()) {
            throw new RefusedAnswer("empty answer");
        }
        if (answer.length() > MAX_ANSWER_CHARS) {
            throw new RefusedAnswer("answer larger than " + MAX_ANSWER_CHARS + " characters");
        }
        JsonNode root;
        try {
            root = JSON.readTree(answer);
        } catch (IOException | RuntimeException e) {
            throw new RefusedAnswer("not one JSON object (" + (answer.stripLeading().startsWith("<") ? "markup" : "malformed JSON") + ")");
        }
        if (root == null || !root.isObject()) {
            throw new RefusedAnswer("not a JSON object");
        }
        String markup = markupDeclaration(root, 0);
        if (markup != null) {
            throw new RefusedAnswer(markup);
        }
        // read as a number, as the portal's clients do: 0, "0" and "00" are all success
        if (!root.path("error_code").asText("").strip().matches("[+-]?0{1,9}")) {
            throw new RefusedAnswer("error_code is not 0");
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw new RefusedAnswer("no data array");
        }
        List<Entry> entries = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        for (JsonNode d : data) {
            if (!d.isObject()) {
                throw new RefusedAnswer("an item of data is not an object");
            }
            String problem = problem(d);
            if (problem != null) {
                refused.add(new Refusal(d.path("SoThuTu").asText("?"), problem));
            } else {
                entries.add(new Entry(d.get("SoThuTu").asLong(), d.get("MaHoSo").asText(), d.toString()));
            }
        }
        return new Result(entries, refused);
    }

    private static String problem(JsonNode d) {
        JsonNode seq = d.get("SoThuTu");
        if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong() || seq.asLong() <= 0) {
            return "SoThuTu missing or not a positive integer";
        }
        JsonNode code = d.get("MaHoSo");
        if (code == null || !code.isTextual() || !DOSSIER_CODE.matcher(code.asText()).matches()) {
            return "MaHoSo missing or not a dossier code";
        }
        for (String field : REQUIRED) {
            JsonNode value = d.get(field);
            if (value == null || !value.isValueNode() || value.asText().isBlank()) {
                return field + " missing";
            }
        }
        String loai = d.path("LoaiDoiTuong").asText("1");
        if (!loai.matches("[1-4]")) {
            return "LoaiDoiTuong not 1-4";
        }
        return textProblem(d);
    }

    private static String textProblem(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            if (text.length() > MAX_TEXT_CHARS) {
                return "a text longer than " + MAX_TEXT_CHARS + " characters";
            }
            return CONTROL.matcher(text).find() ? "a text with control characters" : null;
        }
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String problem = field.getKey().length() > 100 ? "a field name longer than 100 characters" : textProblem(field.getValue());
                if (problem != null) {
                    return problem;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                String problem = textProblem(item);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String markupDeclaration(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            return "nested deeper than " + MAX_DEPTH;
        }
        if (node.isTextual()) {
            return node.asText().contains("<!") ? "a markup declaration (<!DOCTYPE, <!ENTITY, ...) in a value" : null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String problem = field.getKey().contains("<!") ? "a markup declaration in a field name" : markupDeclaration(field.getValue(), depth + 1);
            if (problem != null) {
                return problem;
            }
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                String problem = markupDeclaration(item, depth + 1);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }
}
