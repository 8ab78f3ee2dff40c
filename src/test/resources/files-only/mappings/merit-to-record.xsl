<?xml version="1.0" encoding="UTF-8"?>
<!-- Merit registry answer (<banGhi>) -> the gateway's JSON for a merit record. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" exclude-result-prefixes="#all">
  <xsl:output method="json" encoding="UTF-8"/>
  <xsl:template match="/">
    <xsl:variable name="r" select="(//banGhi)[1]"/>
    <xsl:sequence select="map {
        'certificateNumber': string($r/soGiayChungNhan),
        'fullName': string($r/hoTen),
        'category': string($r/loaiDoiTuong)
      }"/>
  </xsl:template>
</xsl:stylesheet>
