<?xml version="1.0" encoding="UTF-8"?>
<!--
  Business registry answer (REST JSON, chiTietDoanhNghiep: MainInformation, HOAdress, BusinessActivity[],
  Member[]; FORMATS.md) -> the gateway's enterprise JSON (GET /api/v1/enterprises/{code}).

  The connector (connectors/business-registry-action.kamelet.yaml) hands the answer over as XML in the
  standard XPath 3.1 representation of JSON (what fn:json-to-xml gives: j:map, j:array, j:string,
  j:number, j:boolean, j:null, members named by @key), so fields are read by name, in any order; a
  field that is missing, null, or not a plain value comes out null.
  No output at all means "no such enterprise" (the route answers 404 ENTERPRISE_NOT_FOUND).

  A province whose platform names fields differently edits this file; the golden cases in
  mappings/golden/business-to-enterprise/ show what must come out.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:j="http://www.w3.org/2005/xpath-functions"
                xmlns:gw="urn:lienthong:gateway:mapping"
                exclude-result-prefixes="#all">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:variable name="main" select="j:map/j:map[@key = 'MainInformation']"/>
    <xsl:variable name="address" select="j:map/j:map[@key = 'HOAdress']"/>
    <xsl:if test="exists($main)">
      <xsl:variable name="enterprise" select="map {
          'code': gw:text($main, 'ENTERPRISE_GDT_CODE'),
          'parentCode': gw:text($main, 'PARENT_ENTERPRISE_CODE'),
          'name': gw:text($main, 'NAME'),
          'shortName': gw:text($main, 'SHORT_NAME'),
          'foreignName': gw:text($main, 'NAME_F'),
          'type': gw:text($main, 'ENTERPRISE_TYPE_NAME'),
          'foundingDate': gw:iso-date(gw:text($main, 'FOUNDING_DATE')),
          'lastAmendDate': gw:iso-date(gw:text($main, 'LAST_AMEND_DATE')),
          'status': gw:text($main, 'ENTERPRISE_STATUS'),
          'active': lower-case(string(gw:text($main, 'ENTERPRISE_STATUS'))) eq 'đang hoạt động',
          'capital': gw:whole-number($main/j:number[@key = 'CAPITAL_AMOUNT']),
          'headOffice': map {
            'provinceCode': gw:text($address, 'CityID'),
            'communeCode': gw:text($address, 'WardID'),
            'fullText': gw:text($address, 'AddressFullText')
          },
          'activities': array {
            for $a in j:map/j:array[@key = 'BusinessActivity']/j:map
            return map {
              'code': string(gw:text($a, 'CODE')),
              'name': string(gw:text($a, 'NAME')),
              'main': gw:truthy($a/*[@key = 'IS_MAIN'])
            }
          },
          'representatives': array {
            for $m in j:map/j:array[@key = 'Member']/j:map
            return map {
              'fullName': gw:text($m, 'FULL_NAME'),
              'personalId': gw:text($m, 'ID_NUMBER'),
              'position': gw:text($m, 'POSITION')
            }
          }
        }"/>
      <xsl:value-of select="serialize($enterprise, map { 'method': 'json', 'indent': false(), 'escape-solidus': false() })"/>
    </xsl:if>
  </xsl:template>

  <!-- A member's plain value (string, number or boolean) as text; () when missing, null, an object or a list -->
  <xsl:function name="gw:text" as="xs:string?">
    <xsl:param name="object" as="element()?"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="$object/(j:string | j:number | j:boolean)[@key = $key][1] ! string(.)"/>
  </xsl:function>

  <!-- dd/MM/yyyy -> yyyy-MM-dd; anything else (or an impossible date) unchanged -->
  <xsl:function name="gw:iso-date" as="xs:string?">
    <xsl:param name="d" as="xs:string?"/>
    <xsl:variable name="iso" select="replace($d, '^(\d{2})/(\d{2})/(\d{4})$', '$3-$2-$1')"/>
    <xsl:sequence select="if ($iso castable as xs:date) then $iso else $d"/>
  </xsl:function>

  <!-- A JSON number as a whole number (a fraction is cut off); () when it is not a number -->
  <xsl:function name="gw:whole-number" as="xs:integer?">
    <xsl:param name="n" as="element()?"/>
    <xsl:sequence select="if ($n castable as xs:integer) then xs:integer($n)
                          else if ($n castable as xs:double) then xs:integer(xs:double($n)) else ()"/>
  </xsl:function>

  <!-- true, or the text "true" in any case; anything else false -->
  <xsl:function name="gw:truthy" as="xs:boolean">
    <xsl:param name="v" as="element()?"/>
    <xsl:sequence select="lower-case(normalize-space($v)) eq 'true'"/>
  </xsl:function>
</xsl:stylesheet>
