package vn.lienthong.gateway.files;

/** Tiny mappings for the reload tests: a stylesheet whose text output is one XPath expression. */
final class TestMappings {

    private TestMappings() {
    }

    static String textOf(String xpath) {
        return """
                <xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
                  <xsl:output method="text"/>
                  <xsl:template match="/"><xsl:value-of select="%s"/></xsl:template>
                </xsl:stylesheet>
                """.formatted(xpath);
    }
}
