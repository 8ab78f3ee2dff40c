<?xml version="1.0" encoding="UTF-8"?>
<!--
  The request to the population registry (connectors/population-registry-action.kamelet.yaml, step
  "build the request"): a SOAP envelope as the public clients of the real service send it
  (FORMATS.md, "Population database"): operation TraCuuThongTinCongDan in namespace
  http://dancuquocgia.bca, the ID (SoDinhDanh, or SoCMND for an old 9-digit card), the name
  (HoVaTen) and the birth date (NgayThangNamSinh { NgayThangNam yyyyMMdd | Nam yyyy }) the desk
  typed, MaCanBo = the officer who asks.

  The input document is empty; everything comes as parameters (set by the connector, never
  built from text, so a caller's value is always escaped):
    requestId        MaYeuCau: the gateway's correlation id of the request
    serviceCode      MaDVC: the public-service code (connector setting serviceCode)
    integrationCode  MaTichHop: the integration code the platform assigned (connector setting integrationCode)
    officer          MaCanBo: the officer named by the caller (onBehalfOf), else the connector's officerCode
    id               the validated identifier: 12 digits (personal ID) or 9 digits (old identity card)
    fullName         the name the desk typed, or empty
    birthDate        the birth date the desk typed (yyyy-MM-dd or yyyy), or empty

  A platform that names or orders things differently is adapted here (namespace, element names,
  which values are sent); the golden cases in mappings/golden/population-request/ show the output.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
                xmlns:dan="http://dancuquocgia.bca"
                exclude-result-prefixes="xs">

  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes" indent="no"/>

  <xsl:param name="requestId" as="xs:string?" select="()"/>
  <xsl:param name="serviceCode" as="xs:string?" select="()"/>
  <xsl:param name="integrationCode" as="xs:string?" select="()"/>
  <xsl:param name="officer" as="xs:string?" select="()"/>
  <xsl:param name="id" as="xs:string" select="''"/>
  <xsl:param name="fullName" as="xs:string?" select="()"/>
  <xsl:param name="birthDate" as="xs:string?" select="()"/>

  <xsl:template match="/">
    <soapenv:Envelope>
      <soapenv:Header/>
      <soapenv:Body>
        <dan:TraCuuThongTinCongDan>
          <dan:MaYeuCau><xsl:value-of select="$requestId"/></dan:MaYeuCau>
          <dan:MaDVC><xsl:value-of select="$serviceCode"/></dan:MaDVC>
          <dan:MaTichHop><xsl:value-of select="$integrationCode"/></dan:MaTichHop>
          <dan:MaCanBo><xsl:value-of select="$officer"/></dan:MaCanBo>
          <xsl:choose>
            <xsl:when test="string-length($id) eq 9">
              <dan:SoCMND><xsl:value-of select="$id"/></dan:SoCMND>
            </xsl:when>
            <xsl:otherwise>
              <dan:SoDinhDanh><xsl:value-of select="$id"/></dan:SoDinhDanh>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:if test="normalize-space($fullName)">
            <dan:HoVaTen><xsl:value-of select="normalize-space($fullName)"/></dan:HoVaTen>
          </xsl:if>
          <xsl:if test="matches($birthDate, '^\d{4}(-\d{2}-\d{2})?$')">
            <dan:NgayThangNamSinh>
              <xsl:choose>
                <xsl:when test="string-length($birthDate) eq 4">
                  <dan:Nam><xsl:value-of select="$birthDate"/></dan:Nam>
                </xsl:when>
                <xsl:otherwise>
                  <dan:NgayThangNam><xsl:value-of select="translate($birthDate, '-', '')"/></dan:NgayThangNam>
                </xsl:otherwise>
              </xsl:choose>
            </dan:NgayThangNamSinh>
          </xsl:if>
        </dan:TraCuuThongTinCongDan>
      </soapenv:Body>
    </soapenv:Envelope>
  </xsl:template>
</xsl:stylesheet>
