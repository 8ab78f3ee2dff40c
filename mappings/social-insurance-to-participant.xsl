<?xml version="1.0" encoding="UTF-8"?>
<!--
  Social-insurance answer (REST JSON; FORMATS.md) -> the gateway's participant JSON.
    look-up by number (GET /api/v1/social-insurance/{number}): the answer is one participant
      {maSoBhxh, soDinhDanh, hoTen, ngaySinh (yyyyMMdd), gioiTinh (1 male, 2 female), maTinhKs, maXaKs,
       trangThai (1 participating, 2 stopped, 3 closed)} -> one participant object;
    search (GET /api/v1/social-insurance?fullName=&birthDate=, and the reuse check by personal ID):
      the answer is {danhSach: [participant, ...]} -> {"participants": [...]}, every match, in order.

  The connector (connectors/social-insurance-action.kamelet.yaml) hands the answer over as XML in the
  standard XPath 3.1 representation of JSON (fn:json-to-xml: j:map, j:array, j:string, ... members named
  by @key). A field that is missing, null, or not a plain value comes out null.
  No output at all means "no such participant" (the route answers 404 SOCIAL_INSURANCE_NOT_FOUND):
  an empty answer, or a search that matched nobody.

  A province whose platform names fields differently edits this file; the golden cases in
  mappings/golden/social-insurance-to-participant/ show what must come out.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:j="http://www.w3.org/2005/xpath-functions"
                xmlns:gw="urn:lienthong:gateway:mapping"
                exclude-result-prefixes="#all">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:variable name="answer" select="j:map"/>
    <xsl:variable name="result" as="map(*)?">
      <xsl:choose>
        <xsl:when test="$answer/j:array[@key = 'danhSach']">
          <xsl:variable name="found" select="$answer/j:array[@key = 'danhSach']/j:map"/>
          <xsl:sequence select="if (empty($found)) then () else map { 'participants': array { $found ! gw:participant(.) } }"/>
        </xsl:when>
        <xsl:when test="exists($answer/*)">
          <xsl:sequence select="gw:participant($answer)"/>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="exists($result)">
      <xsl:value-of select="serialize($result, map { 'method': 'json', 'indent': false(), 'escape-solidus': false() })"/>
    </xsl:if>
  </xsl:template>

  <xsl:function name="gw:participant" as="map(*)">
    <xsl:param name="p" as="element(j:map)"/>
    <xsl:variable name="gender" select="gw:text($p, 'gioiTinh')"/>
    <xsl:variable name="status" select="gw:text($p, 'trangThai')"/>
    <xsl:sequence select="map {
        'number': gw:text($p, 'maSoBhxh'),
        'personalId': gw:text($p, 'soDinhDanh'),
        'fullName': gw:text($p, 'hoTen'),
        'birthDate': gw:iso-date(gw:text($p, 'ngaySinh')),
        'gender': if ($gender = '2') then 'FEMALE' else if ($gender = '1') then 'MALE' else (),
        'birthProvinceCode': gw:text($p, 'maTinhKs'),
        'birthCommuneCode': gw:text($p, 'maXaKs'),
        'status': if ($status = '1') then 'PARTICIPATING'
                  else if ($status = '2') then 'STOPPED'
                  else if ($status = '3') then 'CLOSED'
                  else 'UNKNOWN'
      }"/>
  </xsl:function>

  <!-- A member's plain value (string, number or boolean) as text; () when missing, null, an object or a list -->
  <xsl:function name="gw:text" as="xs:string?">
    <xsl:param name="object" as="element()?"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="$object/(j:string | j:number | j:boolean)[@key = $key][1] ! string(.)"/>
  </xsl:function>

  <!-- yyyyMMdd -> yyyy-MM-dd; anything else (or an impossible date) unchanged -->
  <xsl:function name="gw:iso-date" as="xs:string?">
    <xsl:param name="d" as="xs:string?"/>
    <xsl:variable name="iso" select="replace($d, '^(\d{4})(\d{2})(\d{2})$', '$1-$2-$3')"/>
    <xsl:sequence select="if ($iso castable as xs:date) then $iso else $d"/>
  </xsl:function>
</xsl:stylesheet>
