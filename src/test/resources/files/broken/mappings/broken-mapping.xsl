<?xml version="1.0" encoding="UTF-8"?>
<!-- A mapping that does not compile: line 6 calls a function that does not exist. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:value-of select="no-such-function(.)"/>
  </xsl:template>
</xsl:stylesheet>
