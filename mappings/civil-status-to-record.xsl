<?xml version="1.0" encoding="UTF-8"?>
<!--
  Civil-status database answer (KetQuaTraCuuHoTich / DanhSachHoTich / HoTich*) -> the gateway's civil-status JSON.

  Parameter (set by routes/civil-status-lookup.camel.yaml):
    shape   'record': the first registration as one object (look-up by registration number);
            'list' (default): {"records": [...]}, every registration, oldest first as the registry gave them
            (look-up by personal ID; an empty list is an answer, not an error).

  One registration:
    registrationNumber, type (BIRTH | MARRIAGE | DEATH), book (quyển số), registeredOn (yyyy-MM-dd),
    registeredBy {provinceCode, communeCode, name},
    BIRTH:    child {fullName, personalId, birthDate, gender}, birthPlace, fatherName, motherName
    MARRIAGE: husband {...}, wife {...}, marriageDate
    DEATH:    deceased {...}, deathDate, deathPlace
  Absent values are null.

  Elements are read by local name in any namespace and any order; unknown ones are ignored. A province whose
  platform names the fields differently edits this file and its golden cases in mappings/golden/civil-status-to-record/.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:gw="urn:lienthong:gateway:mapping"
                exclude-result-prefixes="#all">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="shape" as="xs:string?" select="'list'"/>

  <xsl:template match="/">
    <xsl:variable name="records" select="array { for $r in //*:DanhSachHoTich/*:HoTich return gw:record($r) }"/>
    <xsl:variable name="result" select="if ($shape eq 'record')
                                        then (if (array:size($records) gt 0) then $records(1) else map {})
                                        else map { 'records': $records }"
                  xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>
    <xsl:value-of select="serialize($result, map { 'method': 'json', 'indent': false() })"/>
  </xsl:template>

  <xsl:function name="gw:record" as="map(*)">
    <xsl:param name="r" as="element()"/>
    <xsl:variable name="kind" select="normalize-space($r/*:LoaiViec)"/>
    <xsl:variable name="common" select="map {
        'registrationNumber': gw:optional($r/*:SoDangKy),
        'type': gw:type($kind),
        'book': gw:optional($r/*:QuyenSo),
        'registeredOn': gw:iso-date($r/*:NgayDangKy),
        'registeredBy': map {
            'provinceCode': gw:optional($r/*:CoQuanDangKy/*:MaTinh),
            'communeCode': gw:optional($r/*:CoQuanDangKy/*:MaPhuongXa),
            'name': gw:optional($r/*:CoQuanDangKy/*:TenCoQuan)
        }
      }"/>
    <xsl:sequence select="map:merge(($common,
        if ($kind eq 'KS') then map {
            'child': gw:person($r/*:NguoiDuocKhaiSinh),
            'birthPlace': gw:optional($r/*:NoiSinh),
            'fatherName': gw:optional($r/*:HoTenCha),
            'motherName': gw:optional($r/*:HoTenMe) }
        else if ($kind eq 'KH') then map {
            'husband': gw:person($r/*:Chong),
            'wife': gw:person($r/*:Vo),
            'marriageDate': gw:iso-date($r/*:NgayKetHon) }
        else if ($kind eq 'KT') then map {
            'deceased': gw:person($r/*:NguoiDaMat),
            'deathDate': gw:iso-date($r/*:NgayMat),
            'deathPlace': gw:optional($r/*:NoiMat) }
        else ()))"
        xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <!-- The registry's kind of registration: KS khai sinh, KH kết hôn, KT khai tử -->
  <xsl:function name="gw:type" as="xs:string?">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="if ($kind eq 'KS') then 'BIRTH' else if ($kind eq 'KH') then 'MARRIAGE'
                          else if ($kind eq 'KT') then 'DEATH' else ()"/>
  </xsl:function>

  <xsl:function name="gw:person" as="map(*)?">
    <xsl:param name="p" as="element()?"/>
    <xsl:sequence select="if (empty($p)) then () else map {
        'fullName': gw:optional($p/*:HoTen),
        'personalId': gw:optional($p/*:SoDinhDanh),
        'birthDate': gw:iso-date($p/*:NgaySinh),
        'gender': gw:gender($p/*:GioiTinh)
      }"/>
  </xsl:function>

  <!-- yyyyMMdd (the registry's form) or yyyy-MM-dd -> yyyy-MM-dd; anything else null -->
  <xsl:function name="gw:iso-date" as="xs:string?">
    <xsl:param name="d" as="element()?"/>
    <xsl:variable name="s" select="normalize-space($d)"/>
    <xsl:sequence select="if (matches($s, '^\d{8}$'))
                          then concat(substring($s, 1, 4), '-', substring($s, 5, 2), '-', substring($s, 7, 2))
                          else if (matches($s, '^\d{4}-\d{2}-\d{2}$')) then $s
                          else ()"/>
  </xsl:function>

  <!-- The registry's gender code: 1 male, 2 female -->
  <xsl:function name="gw:gender" as="xs:string?">
    <xsl:param name="code" as="element()?"/>
    <xsl:sequence select="if (normalize-space($code) = '1') then 'MALE' else if (normalize-space($code) = '2') then 'FEMALE' else ()"/>
  </xsl:function>

  <xsl:function name="gw:optional" as="xs:string?">
    <xsl:param name="e" as="element()?"/>
    <xsl:sequence select="if (normalize-space($e)) then normalize-space($e) else ()"/>
  </xsl:function>
</xsl:stylesheet>
