package workbook.harness;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes one flat JSON object on one line (values: numbers, text, booleans, null, lists of them). */
public final class Json {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public Json put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        fields.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(quote(key)).append(':').append(literal(value));
        });
        return out.append('}').toString();
    }

    private static String literal(Object value) {
        return switch (value) {
            case null -> "null";
            case Double d when d.isNaN() || d.isInfinite() -> "null";
            case Float f when f.isNaN() || f.isInfinite() -> "null";
            case Number number -> number.toString();
            case Boolean bool -> bool.toString();
            case java.util.Collection<?> values ->
                "[" + String.join(",", values.stream().map(Json::literal).toList()) + "]";
            default -> quote(value.toString());
        };
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
