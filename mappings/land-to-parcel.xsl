<?xml version="1.0" encoding="UTF-8"?>
<!--
  Land database answer (REST JSON, the sandbox's shape: danhSachThuaDat[] of SoGiayChungNhan, MaXa,
  SoHieuBanDo, SoThuTuThua, DienTich, DiaChi, MucDichSuDung, NgayCap, TrangThai, ChuSuDung[] of
  HoTen, SoDinhDanh; FORMATS.md) -> the gateway's parcel JSON.

  Parameter (optional):
    all   'true': every parcel of the answer, {"parcels": [...]} (the reuse check, which asks for the
          parcels a person holds); otherwise the first parcel alone (GET /api/v1/land-parcels/...,
          which asks by certificate or by commune + map sheet + parcel: one parcel).
  "valid" is true when the certificate's status (TrangThai) is "Còn hiệu lực" (still in force).
  A map sheet, parcel number or area that is missing or not a number comes out 0.

  The connector (connectors/land-registry-action.kamelet.yaml) hands the answer over as XML in the
  standard XPath 3.1 representation of JSON (fn:json-to-xml: j:map, j:array, j:string, ... members named
  by @key). No output at all means "no such parcel" (the route answers 404 LAND_PARCEL_NOT_FOUND).

  A province whose land system answers differently edits this file; the golden cases in
  mappings/golden/land-to-parcel/ show what must come out.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:j="http://www.w3.org/2005/xpath-functions"
                xmlns:gw="urn:lienthong:gateway:mapping"
                exclude-result-prefixes="#all">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="all" as="xs:string?" select="()"/>

  <xsl:template match="/">
    <xsl:variable name="parcels" select="j:map/j:array[@key = 'danhSachThuaDat']/j:map ! gw:parcel(.)"/>
    <xsl:variable name="result" select="if ($all = 'true') then map { 'parcels': array { $parcels } } else $parcels[1]"/>
    <xsl:if test="exists($result)">
      <xsl:value-of select="serialize($result, map { 'method': 'json', 'indent': false(), 'escape-solidus': false() })"/>
    </xsl:if>
  </xsl:template>

  <xsl:function name="gw:parcel" as="map(*)">
    <xsl:param name="p" as="element(j:map)"/>
    <xsl:sequence select="map {
        'certificateNumber': gw:text($p, 'SoGiayChungNhan'),
        'communeCode': gw:text($p, 'MaXa'),
        'mapSheet': gw:whole($p, 'SoHieuBanDo'),
        'parcelNumber': gw:whole($p, 'SoThuTuThua'),
        'area': gw:double($p, 'DienTich'),
        'address': gw:text($p, 'DiaChi'),
        'landUse': gw:text($p, 'MucDichSuDung'),
        'issueDate': gw:text($p, 'NgayCap'),
        'valid': lower-case(string(gw:text($p, 'TrangThai'))) eq 'còn hiệu lực',
        'status': gw:text($p, 'TrangThai'),
        'holders': array {
          for $h in $p/j:array[@key = 'ChuSuDung']/j:map
          return map { 'fullName': string(gw:text($h, 'HoTen')), 'personalId': string(gw:text($h, 'SoDinhDanh')) }
        }
      }"/>
  </xsl:function>

  <!-- A member's plain value (string, number or boolean) as text; () when missing, null, an object or a list -->
  <xsl:function name="gw:text" as="xs:string?">
    <xsl:param name="object" as="element()?"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="$object/(j:string | j:number | j:boolean)[@key = $key][1] ! string(.)"/>
  </xsl:function>

  <!-- A member as a whole number (a fraction is cut off); 0 when missing or not a number -->
  <xsl:function name="gw:whole" as="xs:integer">
    <xsl:param name="object" as="element()"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:variable name="d" select="gw:double($object, $key)"/>
    <xsl:sequence select="xs:integer(if ($d ge 0) then floor($d) else ceiling($d))"/>
  </xsl:function>

  <!-- A member as a number; 0 when missing or not a number -->
  <xsl:function name="gw:double" as="xs:double">
    <xsl:param name="object" as="element()"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:variable name="text" select="normalize-space(gw:text($object, $key))"/>
    <xsl:sequence select="if ($text castable as xs:double and not($text = ('NaN', 'INF', '-INF'))) then xs:double($text) else 0"/>
  </xsl:function>
</xsl:stylesheet>
