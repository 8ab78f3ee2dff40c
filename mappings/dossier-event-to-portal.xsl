<?xml version="1.0" encoding="UTF-8"?>
<!--
  A dossier event from iGate (schemas/dossier-event.xsd, as the gateway queued it: nationalStatus already
  taken from mappings/dossier-status-codes.yaml) -> the request body of the National Public Service
  Portal (FORMATS.md), without the session, which the connector adds:
    a <dossier> event   -> {"service": "DongBoHoSoMC", "madonvi", "isUpdating", "data": [dossier]}
    a <progress> event  -> {"service": "CapNhatTienDoHoSoMC", "madonvi", "data": [progress]}
  A result the gateway deposited into its e-data store (documentId, no url) is linked at edataBaseUrl.
  Dates become yyyyMMddHHmmss in the portal's time zone (parameter timezone, default +07:00).
  A province whose portal integration names fields differently edits this file; the golden tests in
  src/test/resources/mappings/dossier-event-to-portal/ show what must come out.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map"
                xmlns:d="urn:lienthong:gateway:dossier:1.0"
                xmlns:gw="urn:lienthong:gateway:mapping"
                exclude-result-prefixes="#all">

  <!-- the result is one map, written as the JSON body by the serializer -->
  <xsl:output method="json" indent="no" encoding="UTF-8"/>

  <xsl:param name="timezone" as="xs:string" select="'PT7H'"/>
  <!-- where a result deposited into the gateway's e-data store is fetched (a result without its own url) -->
  <xsl:param name="edataBaseUrl" as="xs:string" select="'https://lienthong.example.gov.vn'"/>
  <xsl:variable name="portal-zone" as="xs:dayTimeDuration" select="xs:dayTimeDuration($timezone)"/>

  <xsl:template match="/">
    <xsl:variable name="e" select="d:dossierEvent"/>
    <xsl:sequence select="if ($e/d:dossier) then gw:dossier($e) else gw:progress($e)"/>
  </xsl:template>

  <xsl:function name="gw:dossier" as="map(*)">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="r" select="$e/d:dossier"/>
    <xsl:sequence select="map {
        'service': 'DongBoHoSoMC',
        'madonvi': string($e/d:agencyCode),
        'isUpdating': not($r/d:isNew = 'true'),
        'data': array { map:merge((map {
            'MaHoSo': string($e/d:dossierCode),
            'MaTTHC': string($r/d:procedureCode),
            'TenTTHC': string($r/d:procedureName),
            'MaLinhVuc': string($r/d:fieldCode),
            'TenLinhVuc': string($r/d:fieldName),
            'KenhThucHien': string($r/d:channel),
            'ChuHoSo': string($r/d:ownerName),
            'LoaiDoiTuong': string($r/d:ownerType),
            'MaDoiTuong': string($r/d:ownerId),
            'SoGiayToChuHoSo': string($r/d:ownerId),
            'TrichYeuHoSo': string($r/d:summary),
            'NgayTiepNhan': gw:portal-time($r/d:receivedAt),
            'NgayHenTra': gw:portal-time($r/d:dueAt),
            'TrangThaiHoSo': string($e/d:nationalStatus),
            'DonViXuLy': string($r/d:handlingUnit),
            'HoSoCoThanhPhanSoHoa': if ($r/d:documents/d:document/d:digitized = 'true') then 1 else 0,
            'DinhDanhCHS': array { map { 'LoaiDinhDanh': gw:id-kind($r/d:ownerType), 'SoDinhDanh': string($r/d:ownerId) } },
            'TaiLieuNop': array { for $doc in $r/d:documents/d:document return map {
                'TenTepDinhKem': string($doc/d:fileName),
                'MaThanhPhanHoSo': string($doc/d:componentCode),
                'DuocSoHoa': gw:flag($doc/d:digitized),
                'DuocTaiSuDung': gw:flag($doc/d:reused),
                'DuocLayTuKhoDMQG': gw:flag($doc/d:fromNationalCatalogue),
                'MaKetQuaThayThe': string($doc/d:replacedByResultCode)
              } },
            'DanhSachGiayToKetQua': array { for $res in $r/d:results/d:result return map {
                'TenGiayTo': string($res/d:name),
                'MaGiayToKetQua': string($res/d:resultCode),
                'DuongDanTepTinKetQua': if ($res/d:url) then string($res/d:url)
                                        else concat($edataBaseUrl, '/api/v1/edata/documents/', $res/d:documentId, '/content')
              } }
          },
          if ($r/d:returnedAt) then map { 'NgayTra': gw:portal-time($r/d:returnedAt) } else ()
        )) }
      }"/>
  </xsl:function>

  <xsl:function name="gw:progress" as="map(*)">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="p" select="$e/d:progress"/>
    <xsl:sequence select="map {
        'service': 'CapNhatTienDoHoSoMC',
        'madonvi': string($e/d:agencyCode),
        'data': array { map {
            'MaHoSo': string($e/d:dossierCode),
            'NguoiXuLy': string($p/d:handler),
            'ChucDanh': string($p/d:handlerTitle),
            'ThoiDiemXuLy': gw:portal-time($e/d:occurredAt),
            'PhongBanXuLy': string($p/d:department),
            'NoiDungXuLy': string($p/d:content),
            'TrangThai': string($e/d:nationalStatus),
            'NgayBatDau': gw:portal-time($p/d:startedAt),
            'NgayKetThucTheoQuyDinh': gw:portal-time($p/d:dueAt)
          } }
      }"/>
  </xsl:function>

  <!-- xs:dateTime (any offset) -> yyyyMMddHHmmss in the portal's time zone: the adjusted value's
       yyyy-MM-ddTHH:mm:ss without its separators (fractions of a second are dropped, as [s01] would);
       cheaper than format-dateTime, which parses its picture on every call -->
  <xsl:function name="gw:portal-time" as="xs:string">
    <xsl:param name="t" as="element()?"/>
    <xsl:sequence select="if (empty($t)) then '' else translate(substring(string(
        adjust-dateTime-to-timezone(xs:dateTime(normalize-space($t)), $portal-zone)), 1, 19), '-:T', '')"/>
  </xsl:function>

  <!-- the portal's 1/0 flags -->
  <xsl:function name="gw:flag" as="xs:integer">
    <xsl:param name="b" as="element()?"/>
    <xsl:sequence select="if (normalize-space($b) = ('true', '1')) then 1 else 0"/>
  </xsl:function>

  <!-- DinhDanhCHS.LoaiDinhDanh: 1 personal ID (a citizen), 2 enterprise code, 3 an agency or organisation code -->
  <xsl:function name="gw:id-kind" as="xs:string">
    <xsl:param name="ownerType" as="element()?"/>
    <xsl:sequence select="if ($ownerType = '1') then '1' else if ($ownerType = '2') then '2' else '3'"/>
  </xsl:function>
</xsl:stylesheet>
