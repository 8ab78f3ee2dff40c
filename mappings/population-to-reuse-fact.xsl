<?xml version="1.0" encoding="UTF-8"?>
<!--
  Population registry answer -> the reuse check's verdict on a citizen's proof of residence:
  VERIFIED (the permanent residence) when the registry knows the applicant and they are alive.

  The reuse check (mappings/procedures.yaml, registries:) runs this file on the answer of
  connectors/population-registry-action.kamelet.yaml, with parameter
    applicantId   the applicant's identifier, validated and normalised
  and reads its verdict:
    {"outcome": "VERIFIED", "facts": {...}}   the registry vouches for the paper; the facts are shown to the officer
    {"outcome": "NOT_HELD", "detail": "..."}  it has no such record of this applicant
    {"outcome": "REVOKED", "detail": "..."}   it has one, withdrawn
  The connector has already mapped the registry's answer with the look-up's own mapping (population-to-citizen.xsl,
  the connector's answerMapping): this file receives that citizen JSON (an empty object when nobody has the
  identifier), in the XPath 3.1 representation of JSON like the other registries' answers, so the facts are the
  look-up's, field for field. Golden cases: mappings/golden/population-to-reuse-fact/.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map"
                xmlns:gw="urn:lienthong:gateway:mapping"
                exclude-result-prefixes="#all">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="applicantId" as="xs:string" select="''"/>

  <xsl:template match="/">
    <!-- the citizen as the look-up maps it, or nothing -->
    <xsl:variable name="citizen" select="parse-json(xml-to-json(/*))"/>
    <xsl:variable name="answer" select="if ($citizen instance of map(*) and map:size($citizen) gt 0) then $citizen else ()"/>
    <xsl:value-of select="serialize(gw:verdict($answer), map { 'method': 'json', 'indent': false(), 'escape-solidus': false() })"/>
  </xsl:template>

  <xsl:function name="gw:verdict" as="map(*)">
    <xsl:param name="citizen" as="map(*)?"/>
    <xsl:sequence select="
        if (empty($citizen) or string($citizen?id) ne $applicantId or $citizen?deceased)
          then map { 'outcome': 'NOT_HELD', 'detail': 'The population registry has no living citizen with this identifier.' }
        else map { 'outcome': 'VERIFIED',
                   'facts': if (exists($citizen?permanentResidence)) then gw:pick($citizen?permanentResidence, ('provinceCode', 'communeCode', 'detail')) else map {} }"/>
  </xsl:function>

  <!-- The entries of $from named by $keys that have a value (not null, not empty text) -->
  <xsl:function name="gw:pick" as="map(*)">
    <xsl:param name="from" as="map(*)"/>
    <xsl:param name="keys" as="xs:string*"/>
    <xsl:sequence select="map:merge(for $k in $keys return
        if (exists($from($k)) and not($from($k) instance of xs:string and normalize-space($from($k)) = '')) then map { $k: $from($k) } else ())"/>
  </xsl:function>
</xsl:stylesheet>
