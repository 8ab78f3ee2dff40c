package vn.lienthong.gateway.api;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one rule for text the gateway forwards: a character that cannot travel is refused at the door with 400
 * {@code TEXT_NOT_ALLOWED} naming the field, instead of being accepted and then failing every delivery.
 * <p>
 * Refused: control characters (C0 except TAB, LF and CR; DEL; C1 U+0080–U+009F), non-characters (U+FDD0–U+FDEF
 * and the last two code points of every plane, U+FFFE and U+FFFF among them) and lone surrogates. Everything else
 * passes, Vietnamese and the rest of Unicode alike. XML 1.0, the portal's SOAP and edXML cannot carry C0 controls,
 * U+FFFE/U+FFFF or surrogates; DEL, C1 and the other non-characters it carries, but no national system expects them
 * and they are what a copy from a word processor leaves behind (Word writes U+000B for a line break).
 */
public final class TextRule {

    private TextRule() {
    }

    /** The index of the first character that cannot travel, or -1. */
    public static int firstForbidden(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
                if (isNonCharacter(codePoint)) {
                    return i;
                }
                i++;
                continue;
            }
            if (Character.isSurrogate(c) || isForbiddenControl(c) || isNonCharacter(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isForbiddenControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    }

    private static boolean isNonCharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    /** Refuses {@code value} if it holds a character that cannot travel; {@code field} names it in the sentence. */
    public static void check(String field, String value) {
        if (value == null) {
            return;
        }
        int at = firstForbidden(value);
        if (at >= 0) {
            char c = value.charAt(at);
            String what = Character.isSurrogate(c) ? "a lone surrogate"
                    : isForbiddenControl(c) ? "a control character" : "a Unicode non-character";
            int codePoint = Character.isHighSurrogate(c) && at + 1 < value.length() ? value.codePointAt(at) : c;
            throw new ApiException(ErrorCode.TEXT_NOT_ALLOWED, "Field '" + field + "' holds " + String.format("U+%04X", codePoint)
                    + " (" + what + ") at position " + (at + 1) + ", which cannot be delivered; remove it and send again.");
        }
    }

    /** Every string value (and member name) of a JSON tree; {@code path} is the tree's own name ("" for a body). */
    public static void check(String path, JsonNode node) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            check(path.isEmpty() ? "(body)" : path, node.textValue());
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                check(name, field.getKey());
                check(name, field.getValue());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(path + "[" + i + "]", node.get(i));
            }
        }
    }

    /**
     * Every string of a plain data model (public fields, nested models and lists of them, as the JAXB/Jackson models
     * of {@code dossier.model} are), named by its path: {@code progress.handler}, {@code dossier.documents[0].fileName}.
     */
    public static void checkFields(String path, Object model) {
        if (model == null) {
            return;
        }
        if (model instanceof String text) {
            check(path, text);
            return;
        }
        if (model instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                checkFields(path + "[" + i++ + "]", item);
            }
            return;
        }
        if (model instanceof Number || model instanceof Boolean || model instanceof byte[] || model instanceof Enum<?>
                || !model.getClass().getName().startsWith("vn.lienthong.gateway.")) {
            return;
        }
        for (Field field : model.getClass().getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            try {
                checkFields(path.isEmpty() ? field.getName() : path + "." + field.getName(), field.get(model));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("A public field is readable", e);
            }
        }
    }
}
