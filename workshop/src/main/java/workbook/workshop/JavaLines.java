package workbook.workshop;

import java.util.List;

/**
 * Tells the lines of a Java source apart: blank, comment (a line that holds nothing but comment),
 * code, and the rest of a block comment that a code line opened ({@code foo(); /* starts here}),
 * which belongs to that code. String literals and text blocks are skipped, so a {@code "//"} in a
 * string is code.
 */
final class JavaLines {

    enum Kind {
        BLANK,
        COMMENT,
        CODE,
        /** A comment line that continues a block comment opened on a code line: it goes with that code. */
        CODE_COMMENT
    }

    private JavaLines() {}

    static Kind[] kinds(List<String> lines) {
        Kind[] kinds = new Kind[lines.size()];
        boolean inBlock = false;
        boolean blockOpenedByCode = false;
        boolean inTextBlock = false;
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            boolean startedInBlock = inBlock;
            boolean startedInCodeBlock = inBlock && blockOpenedByCode;
            boolean code = inTextBlock;
            boolean comment = inBlock;
            int at = 0;
            while (at < line.length()) {
                if (inTextBlock) {
                    int close = closingTextBlock(line, at);
                    code = true;
                    if (close < 0) {
                        at = line.length();
                    } else {
                        at = close + 3;
                        inTextBlock = false;
                    }
                    continue;
                }
                if (inBlock) {
                    int close = line.indexOf("*/", at);
                    if (close < 0) {
                        at = line.length();
                    } else {
                        at = close + 2;
                        inBlock = false;
                    }
                    continue;
                }
                char c = line.charAt(at);
                if (Character.isWhitespace(c)) {
                    at++;
                } else if (line.startsWith("//", at)) {
                    comment = true;
                    break;
                } else if (line.startsWith("/*", at)) {
                    comment = true;
                    inBlock = true;
                    blockOpenedByCode = code;
                    at += 2;
                } else if (line.startsWith("\"\"\"", at)) {
                    code = true;
                    inTextBlock = true;
                    at += 3;
                } else if (c == '"' || c == '\'') {
                    code = true;
                    at = endOfLiteral(line, at);
                } else {
                    code = true;
                    at++;
                }
            }
            if (code) {
                kinds[index] = Kind.CODE;
            } else if (startedInCodeBlock) {
                kinds[index] = Kind.CODE_COMMENT;
            } else if (comment || startedInBlock) {
                kinds[index] = Kind.COMMENT;
            } else {
                kinds[index] = Kind.BLANK;
            }
        }
        return kinds;
    }

    /** Where the text block's closing quotes start, from {@code from} on, or -1. */
    private static int closingTextBlock(String line, int from) {
        for (int at = from; at < line.length(); at++) {
            if (line.charAt(at) == '\\') {
                at++;
            } else if (line.startsWith("\"\"\"", at)) {
                return at;
            }
        }
        return -1;
    }

    /** The index just past the string or char literal that starts at {@code start}. */
    private static int endOfLiteral(String line, int start) {
        char quote = line.charAt(start);
        for (int at = start + 1; at < line.length(); at++) {
            char c = line.charAt(at);
            if (c == '\\') {
                at++;
            } else if (c == quote) {
                return at + 1;
            }
        }
        return line.length();
    }
}
