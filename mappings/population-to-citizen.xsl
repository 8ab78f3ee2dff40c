<?xml version="1.0" encoding="UTF-8"?>
<!--
  Population registry answer (SOAP, TraCuuThongTinCongDanResponse / CongDan) -> the gateway's citizen JSON.

  Parameters (optional; set by the citizen-lookup route from the caller's query):
    fullName   the name the caller gave; compared case-insensitively, spaces collapsed, Unicode NFC
    birthDate  the birth date the caller gave, yyyy-MM-dd
  "match" is true when every given value agrees with the registry, false when one does not,
  null when the caller gave neither. "matchDetails" says which one.

  A province whose platform names fields differently edits this file; the golden tests in
  src/test/resources/mappings/population-to-citizen/ show what must come out.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map"
                xmlns:dc="urn:vn:gov:csdlqgdc:congdan:1.0"
                xmlns:gw="urn:lienthong:gateway:mapping"
                exclude-result-prefixes="#all">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="fullName" as="xs:string?" select="()"/>
  <xsl:param name="birthDate" as="xs:string?" select="()"/>

  <xsl:template match="/">
    <xsl:variable name="c" select="(//dc:CongDan)[1]"/>
    <xsl:variable name="registryName"
                  select="string-join(($c/dc:HoVaTen/dc:Ho, $c/dc:HoVaTen/dc:ChuDem, $c/dc:HoVaTen/dc:Ten)[normalize-space()], ' ')"/>
    <xsl:variable name="registryBirthDate" select="gw:iso-date($c/dc:NgayThangNamSinh)"/>
    <xsl:variable name="nameMatches" as="xs:boolean?"
                  select="if (normalize-space($fullName)) then gw:same-name($fullName, $registryName) else ()"/>
    <xsl:variable name="birthDateMatches" as="xs:boolean?"
                  select="if (normalize-space($birthDate)) then $birthDate eq $registryBirthDate else ()"/>
    <xsl:variable name="citizen" select="map {
        'id': string($c/dc:SoDinhDanh),
        'oldIdCardNumber': gw:optional($c/dc:SoCMND),
        'fullName': $registryName,
        'familyName': string($c/dc:HoVaTen/dc:Ho),
        'middleName': string($c/dc:HoVaTen/dc:ChuDem),
        'givenName': string($c/dc:HoVaTen/dc:Ten),
        'birthDate': $registryBirthDate,
        'gender': gw:gender($c/dc:GioiTinh),
        'ethnicityCode': gw:optional($c/dc:DanToc),
        'nationality': gw:optional($c/dc:QuocTich),
        'birthRegistrationPlace': gw:address($c/dc:NoiDangKyKhaiSinh),
        'permanentResidence': gw:address($c/dc:ThuongTru),
        'currentResidence': gw:address($c/dc:NoiOHienTai),
        'deceased': exists($c/dc:NgayMat),
        'dateOfDeath': if ($c/dc:NgayMat) then gw:iso-date($c/dc:NgayMat) else (),
        'match': if (empty(($nameMatches, $birthDateMatches))) then () else not(($nameMatches, $birthDateMatches) = false()),
        'matchDetails': map:merge((
            if (exists($nameMatches)) then map { 'fullName': $nameMatches } else (),
            if (exists($birthDateMatches)) then map { 'birthDate': $birthDateMatches } else ()))
      }"/>
    <xsl:value-of select="serialize($citizen, map { 'method': 'json', 'indent': false() })"/>
  </xsl:template>

  <!-- yyyyMMdd -> yyyy-MM-dd -->
  <xsl:function name="gw:iso-date" as="xs:string?">
    <xsl:param name="d" as="xs:string?"/>
    <xsl:sequence select="if (matches($d, '^\d{8}$'))
                          then concat(substring($d, 1, 4), '-', substring($d, 5, 2), '-', substring($d, 7, 2))
                          else ()"/>
  </xsl:function>

  <xsl:function name="gw:same-name" as="xs:boolean">
    <xsl:param name="a" as="xs:string"/>
    <xsl:param name="b" as="xs:string"/>
    <xsl:sequence select="normalize-unicode(lower-case(normalize-space($a)), 'NFC') eq normalize-unicode(lower-case(normalize-space($b)), 'NFC')"/>
  </xsl:function>

  <!-- The registry's gender code: 1 male, 2 female -->
  <xsl:function name="gw:gender" as="xs:string?">
    <xsl:param name="code" as="xs:string?"/>
    <xsl:sequence select="if ($code = '1') then 'MALE' else if ($code = '2') then 'FEMALE' else ()"/>
  </xsl:function>

  <xsl:function name="gw:optional" as="xs:string?">
    <xsl:param name="e" as="element()?"/>
    <xsl:sequence select="if (normalize-space($e)) then string($e) else ()"/>
  </xsl:function>

  <xsl:function name="gw:address" as="map(*)?">
    <xsl:param name="a" as="element()?"/>
    <xsl:sequence select="if (empty($a)) then () else map {
        'provinceCode': string($a/dc:MaTinhThanh),
        'provinceName': gw:optional($a/dc:TenTinhThanh),
        'communeCode': string($a/dc:MaPhuongXa),
        'communeName': gw:optional($a/dc:TenPhuongXa),
        'detail': gw:optional($a/dc:ChiTiet),
        'country': gw:optional($a/dc:QuocGia)
      }"/>
  </xsl:function>
</xsl:stylesheet>
