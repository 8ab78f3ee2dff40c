<?xml version="1.0" encoding="UTF-8"?>
<!--
  The population registry's answer -> what the connector hands on (connectors/population-registry-action.kamelet.yaml):
    {"outcome": "FOUND",     "result": {the gateway's citizen JSON}}
    {"outcome": "NOT_FOUND"}
    {"outcome": "ERROR",     "message": "why"}            (the caller gets 502 UPSTREAM_ERROR)
  The connector branches on "outcome"; the look-up answers "result".

  The default reads the shape public clients of the real service parse (FORMATS.md, "Population database"):
    soapenv:Envelope / soapenv:Body / CongdanCollection / CongDan*   (no CongDan at all: nobody has this ID)
      HoVaTen {Ho, ChuDem, Ten}        often the whole name in Ten, Ho and ChuDem empty, upper case
      NgayThangNamSinh {Nam, NgayThangNam (yyyyMMdd)}   only Nam when the day is unknown
  Elements are read by local name in any namespace (the real answer uses http://www.mic.gov.vn/dancu/1.0),
  and unknown elements are ignored. A SOAP Fault, or an answer without CongdanCollection, is an ERROR.
  A platform that answers differently is adapted here, with its golden cases in
  mappings/golden/population-to-citizen/.

  Parameters (optional; the desk's values, set by the citizen-lookup route):
    fullName   the name the desk typed
    birthDate  the birth date the desk typed, yyyy-MM-dd
  "match" fails closed: true only when every value given was compared with the registry's and agrees;
  false when one disagrees; otherwise null (nothing given, or the registry gave nothing readable to
  compare with: "matchNotes" says so). Names compare without regard to case, spaces, Unicode form
  (NFC/NFD) or the place of the tone mark (hoà = hòa); a name typed without any diacritics (ASCII)
  compares without diacritics (đ = d), and "matchNotes" says so. A year-only birth date compares on the year.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map"
                xmlns:gw="urn:lienthong:gateway:mapping"
                exclude-result-prefixes="#all">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="fullName" as="xs:string?" select="()"/>
  <xsl:param name="birthDate" as="xs:string?" select="()"/>

  <xsl:variable name="NOT_PROVIDED" select="'not provided by the registry'"/>

  <xsl:template match="/">
    <xsl:variable name="collection" select="(//*:CongdanCollection)[1]"/>
    <xsl:variable name="answer" as="map(*)">
      <xsl:choose>
        <xsl:when test="exists(//*:Fault)">
          <xsl:sequence select="map { 'outcome': 'ERROR', 'message': 'SOAP fault: ' || normalize-space((//*:Fault/*:faultstring)[1]) }"/>
        </xsl:when>
        <xsl:when test="empty($collection)">
          <xsl:sequence select="map { 'outcome': 'ERROR', 'message': 'the answer holds no CongdanCollection' }"/>
        </xsl:when>
        <xsl:when test="empty($collection/*:CongDan)">
          <xsl:sequence select="map { 'outcome': 'NOT_FOUND' }"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="map { 'outcome': 'FOUND', 'result': gw:citizen($collection/*:CongDan[1]) }"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:value-of select="serialize($answer, map { 'method': 'json', 'indent': false() })"/>
  </xsl:template>

  <xsl:function name="gw:citizen" as="map(*)">
    <xsl:param name="c" as="element()"/>
    <xsl:variable name="name" select="$c/*:HoVaTen"/>
    <!-- the whole name in Ten (Ho and ChuDem empty) is kept whole: it is not split by guesswork -->
    <xsl:variable name="split" select="normalize-space($name/*:Ho) != ''"/>
    <xsl:variable name="registryName"
                  select="string-join(($name/*:Ho, $name/*:ChuDem, $name/*:Ten)[normalize-space()] ! normalize-space(), ' ')"/>
    <xsl:variable name="born" select="$c/*:NgayThangNamSinh"/>
    <xsl:variable name="registryBirthDate" select="gw:iso-date($born/*:NgayThangNam)"/>
    <xsl:variable name="registryBirthYear" as="xs:string?"
                  select="if (exists($registryBirthDate)) then substring($registryBirthDate, 1, 4)
                          else if (matches(normalize-space($born/*:Nam), '^\d{4}$')) then normalize-space($born/*:Nam) else ()"/>

    <xsl:variable name="givenName" select="normalize-space($fullName)"/>
    <xsl:variable name="givenDate" select="normalize-space($birthDate)"/>
    <xsl:variable name="asciiOnly" select="$givenName != '' and matches($givenName, '^[\p{IsBasicLatin}]*$')"/>

    <!-- each comparison: (true|false|empty for "could not compare", note or empty) -->
    <xsl:variable name="nameMatch" as="xs:boolean?"
                  select="if ($givenName = '' or $registryName = '') then ()
                          else if ($asciiOnly) then gw:bare($givenName) eq gw:bare($registryName)
                          else gw:name-key($givenName) eq gw:name-key($registryName)"/>
    <xsl:variable name="nameNote" as="xs:string?"
                  select="if ($givenName = '') then ()
                          else if ($registryName = '') then $NOT_PROVIDED
                          else if ($asciiOnly) then 'compared without diacritics: the name given has none'
                          else ()"/>
    <xsl:variable name="dateMatch" as="xs:boolean?"
                  select="if ($givenDate = '') then ()
                          else if (exists($registryBirthDate)) then $givenDate eq $registryBirthDate
                          else if (exists($registryBirthYear)) then substring($givenDate, 1, 4) eq $registryBirthYear
                          else ()"/>
    <xsl:variable name="dateNote" as="xs:string?"
                  select="if ($givenDate = '') then ()
                          else if (exists($registryBirthDate)) then ()
                          else if (exists($registryBirthYear)) then 'compared on the year only: the registry holds the year of birth, not the day'
                          else $NOT_PROVIDED"/>
    <xsl:variable name="given" select="($givenName, $givenDate)[. != '']"/>
    <xsl:variable name="compared" select="($nameMatch, $dateMatch)"/>

    <xsl:sequence select="map {
        'id': normalize-space($c/*:SoDinhDanh),
        'oldIdCardNumber': gw:optional($c/*:SoCMND),
        'fullName': $registryName,
        'familyName': if ($split) then normalize-space($name/*:Ho) else (),
        'middleName': if ($split) then normalize-space($name/*:ChuDem) else (),
        'givenName': if ($split) then normalize-space($name/*:Ten) else (),
        'birthDate': $registryBirthDate,
        'birthYear': if (exists($registryBirthYear)) then xs:integer($registryBirthYear) else (),
        'gender': gw:gender($c/*:GioiTinh),
        'ethnicityCode': gw:optional($c/*:DanToc),
        'nationality': gw:optional($c/*:QuocTich),
        'birthRegistrationPlace': gw:address($c/*:NoiDangKyKhaiSinh),
        'permanentResidence': gw:address($c/*:ThuongTru),
        'currentResidence': gw:address($c/*:NoiOHienTai),
        'deceased': exists($c/*:NgayMat[normalize-space()]),
        'dateOfDeath': gw:iso-date($c/*:NgayMat),
        'match': if (empty($given)) then ()
                 else if ($compared = false()) then false()
                 else if (count($compared) eq count($given)) then true()
                 else (),
        'matchDetails': map:merge((
            if ($givenName != '') then map { 'fullName': $nameMatch } else (),
            if ($givenDate != '') then map { 'birthDate': $dateMatch } else ())),
        'matchNotes': map:merge((
            if (exists($nameNote)) then map { 'fullName': $nameNote } else (),
            if (exists($dateNote)) then map { 'birthDate': $dateNote } else ()))
      }"/>
  </xsl:function>

  <!-- yyyyMMdd (a real calendar date) -> yyyy-MM-dd; anything else -> empty -->
  <xsl:function name="gw:iso-date" as="xs:string?">
    <xsl:param name="d" as="xs:string?"/>
    <xsl:variable name="t" select="normalize-space($d)"/>
    <xsl:variable name="iso" select="if (matches($t, '^\d{8}$'))
                                     then concat(substring($t, 1, 4), '-', substring($t, 5, 2), '-', substring($t, 7, 2)) else ''"/>
    <xsl:sequence select="if ($iso castable as xs:date) then $iso else ()"/>
  </xsl:function>

  <!--
    A name as a comparison key: lower case, single spaces, and each word written as its letters
    without the tone mark followed by the tone mark (so "hoà" and "hòa", NFC or NFD, are one key).
    Other diacritics (â ê ô ơ ư ă, đ) stay: "Hùng" and "Hưng" are different names.
  -->
  <xsl:function name="gw:name-key" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="string-join(
        tokenize(lower-case(normalize-space($s)), ' ') ! (
          let $d := normalize-unicode(., 'NFD')
          return normalize-unicode(replace($d, '[&#x300;&#x301;&#x303;&#x309;&#x323;]', ''), 'NFC')
                 || replace($d, '[^&#x300;&#x301;&#x303;&#x309;&#x323;]', '')),
        ' ')"/>
  </xsl:function>

  <!-- A name without any diacritics, lower case, single spaces (đ = d) -->
  <xsl:function name="gw:bare" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="replace(normalize-unicode(translate(lower-case(normalize-space($s)), 'đ', 'd'), 'NFD'), '\p{Mn}', '')"/>
  </xsl:function>

  <!-- The registry's gender code: 1 male, 2 female -->
  <xsl:function name="gw:gender" as="xs:string?">
    <xsl:param name="code" as="element()*"/>
    <xsl:variable name="c" select="normalize-space($code[1])"/>
    <xsl:sequence select="if ($c = '1') then 'MALE' else if ($c = '2') then 'FEMALE' else ()"/>
  </xsl:function>

  <xsl:function name="gw:optional" as="xs:string?">
    <xsl:param name="e" as="element()*"/>
    <xsl:sequence select="if (normalize-space($e[1])) then normalize-space($e[1]) else ()"/>
  </xsl:function>

  <xsl:function name="gw:address" as="map(*)?">
    <xsl:param name="a" as="element()*"/>
    <xsl:sequence select="if (empty($a)) then () else map {
        'provinceCode': string($a[1]/*:MaTinhThanh),
        'provinceName': gw:optional($a[1]/*:TenTinhThanh),
        'communeCode': string($a[1]/*:MaPhuongXa),
        'communeName': gw:optional($a[1]/*:TenPhuongXa),
        'detail': gw:optional($a[1]/*:ChiTiet),
        'country': gw:optional($a[1]/*:QuocGia)
      }"/>
  </xsl:function>
</xsl:stylesheet>
