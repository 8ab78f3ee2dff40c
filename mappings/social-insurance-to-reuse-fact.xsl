<?xml version="1.0" encoding="UTF-8"?>
<!--
  Social-insurance answer to a search by personal ID -> the reuse check's verdict on a citizen's
  social-insurance book: VERIFIED (number and status) when a participant with the applicant's personal ID is listed.

  The reuse check (mappings/procedures.yaml, registries:) runs this file on the answer of
  connectors/social-insurance-action.kamelet.yaml, with parameter
    applicantId   the applicant's identifier, validated and normalised
  and reads its verdict:
    {"outcome": "VERIFIED", "facts": {...}}   the registry vouches for the paper; the facts are shown to the officer
    {"outcome": "NOT_HELD", "detail": "..."}  it has no such record of this applicant
    {"outcome": "REVOKED", "detail": "..."}   it has one, withdrawn
  It imports the look-up's own mapping (social-insurance-to-participant.xsl) and judges from what that one says, so the facts are
  the look-up's, field for field. Golden cases: mappings/golden/social-insurance-to-reuse-fact/.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map"
                xmlns:gw="urn:lienthong:gateway:mapping"
                exclude-result-prefixes="#all">

  <xsl:import href="social-insurance-to-participant.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="applicantId" as="xs:string" select="''"/>

  <xsl:template match="/">
    <!-- what the look-up's mapping says of this answer: its JSON, or nothing -->
    <xsl:variable name="mapped"><xsl:apply-imports/></xsl:variable>
    <xsl:variable name="answer" select="if (normalize-space($mapped)) then parse-json(string($mapped)) else ()"/>
    <xsl:value-of select="serialize(gw:verdict($answer), map { 'method': 'json', 'indent': false(), 'escape-solidus': false() })"/>
  </xsl:template>

  <xsl:function name="gw:verdict" as="map(*)">
    <xsl:param name="found" as="map(*)?"/>
    <xsl:variable name="participant" select="head(array:flatten(($found?participants, [])[1])[?personalId = $applicantId])"
                  xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>
    <xsl:sequence select="
        if (empty($participant))
          then map { 'outcome': 'NOT_HELD', 'detail': 'The social-insurance database has no participant with this personal ID.' }
        else map { 'outcome': 'VERIFIED', 'facts': gw:pick($participant, ('number', 'status')) }"/>
  </xsl:function>

  <!-- The entries of $from named by $keys that have a value (not null, not empty text) -->
  <xsl:function name="gw:pick" as="map(*)">
    <xsl:param name="from" as="map(*)"/>
    <xsl:param name="keys" as="xs:string*"/>
    <xsl:sequence select="map:merge(for $k in $keys return
        if (exists($from($k)) and not($from($k) instance of xs:string and normalize-space($from($k)) = '')) then map { $k: $from($k) } else ())"/>
  </xsl:function>
</xsl:stylesheet>
