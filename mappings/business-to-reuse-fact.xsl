<?xml version="1.0" encoding="UTF-8"?>
<!--
  Business registry answer -> the reuse check's verdict on an enterprise applicant's business
  registration papers: VERIFIED while the enterprise (or branch) with the applicant's code stands,
  REVOKED when its status says it was dissolved, withdrawn, bankrupt or terminated.

  The reuse check (mappings/procedures.yaml, registries:) runs this file on the answer of
  connectors/business-registry-action.kamelet.yaml, with parameter
    applicantId   the applicant's identifier, validated and normalised
  and reads its verdict:
    {"outcome": "VERIFIED", "facts": {...}}   the registry vouches for the paper; the facts are shown to the officer
    {"outcome": "NOT_HELD", "detail": "..."}  it has no such record of this applicant
    {"outcome": "REVOKED", "detail": "..."}   it has one, withdrawn
  It imports the look-up's own mapping (business-to-enterprise.xsl) and judges from what that one says, so the facts are
  the look-up's, field for field. Golden cases: mappings/golden/business-to-reuse-fact/.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map"
                xmlns:gw="urn:lienthong:gateway:mapping"
                exclude-result-prefixes="#all">

  <xsl:import href="business-to-enterprise.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="applicantId" as="xs:string" select="''"/>

  <xsl:template match="/">
    <!-- what the look-up's mapping says of this answer: its JSON, or nothing -->
    <xsl:variable name="mapped"><xsl:apply-imports/></xsl:variable>
    <xsl:variable name="answer" select="if (normalize-space($mapped)) then parse-json(string($mapped)) else ()"/>
    <xsl:value-of select="serialize(gw:verdict($answer), map { 'method': 'json', 'indent': false(), 'escape-solidus': false() })"/>
  </xsl:template>

  <xsl:function name="gw:verdict" as="map(*)">
    <xsl:param name="enterprise" as="map(*)?"/>
    <xsl:variable name="status" select="string($enterprise?status)"/>
    <xsl:sequence select="
        if (empty($enterprise) or string($enterprise?code) ne $applicantId)
          then map { 'outcome': 'NOT_HELD', 'detail': 'The business registry has no enterprise with this code.' }
        else if (gw:withdrawn($status))
          then map { 'outcome': 'REVOKED', 'detail': 'The business registry says: ' || $status || '.' }
        else map { 'outcome': 'VERIFIED',
                   'facts': gw:pick($enterprise, ('code', 'name', 'type', 'status', 'foundingDate', 'lastAmendDate', 'headOffice')) }"/>
  </xsl:function>

  <!-- Statuses under which the registration no longer stands: dissolved, withdrawn, bankrupt, terminated -->
  <xsl:function name="gw:withdrawn" as="xs:boolean">
    <xsl:param name="status" as="xs:string"/>
    <xsl:variable name="s" select="lower-case($status)"/>
    <xsl:sequence select="some $word in ('giải thể', 'thu hồi', 'phá sản', 'chấm dứt') satisfies contains($s, $word)"/>
  </xsl:function>

  <!-- The entries of $from named by $keys that have a value (not null, not empty text) -->
  <xsl:function name="gw:pick" as="map(*)">
    <xsl:param name="from" as="map(*)"/>
    <xsl:param name="keys" as="xs:string*"/>
    <xsl:sequence select="map:merge(for $k in $keys return
        if (exists($from($k)) and not($from($k) instance of xs:string and normalize-space($from($k)) = '')) then map { $k: $from($k) } else ())"/>
  </xsl:function>
</xsl:stylesheet>
