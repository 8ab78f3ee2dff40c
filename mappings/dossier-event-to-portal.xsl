<?xml version="1.0" encoding="UTF-8"?>
<!--
  A dossier event from iGate (schemas/dossier-event.xsd, as the gateway queued it: nationalStatus already
  taken from mappings/dossier-status-codes.yaml) -> the request body of the National Public Service
  Portal (FORMATS.md), without the session, which the connector adds:
    a <dossier> event   -> {"service": "DongBoHoSoMC", "madonvi", "isUpdating", "data": [dossier]}
    a <progress> event  -> {"service": "CapNhatTienDoHoSoMC", "madonvi", "data": [progress]}
  A result the gateway deposited into its e-data store (documentId, no url) is linked at edataBaseUrl.
  As public clients of the real portal send it (FORMATS.md; open-source one-stop systems read with the search tool):
  - dates yyyyMMddHHmmss in the portal's time zone (parameter timezone, default +07:00); an absent date (a dossier
    without a due date, a step without one) is sent as "" (the portal takes an empty NgayHenTra);
  - every field real clients always send is always written, with a documented default when the event has none:
    NgayNopHoSo = receivedAt, NoiNopHoSo = "2" for the online channel else "1", HinhThuc = "0",
    TaiKhoanDuocXacThucVoiVNeID = "0", DuocThanhToanTrucTuyen = "0", DSKetNoiCSDL = [], DuongDanTaiTepTin = "";
    Email, SoDienThoai, NgayKetThucXuLy, GiayToId are "" when unknown; DanhSachLePhi is [] without fees;
  - flags (HoSoCoThanhPhanSoHoa, DuocSoHoa, DuocTaiSuDung, DuocLayTuKhoDMQG, TaiKhoanDuocXacThucVoiVNeID) are the
    strings "1"/"0"; isUpdating a JSON boolean, or "True"/"False" with isUpdatingStyle = 'text' (clients differ);
  - limits: TrichYeuHoSo at most 1,000 characters, NguoiXuLy at most 50: a longer text is cut to the limit, its last
    three characters "..." (what public clients do; the gateway's stored event keeps the whole text);
  - DinhDanhCHS.LoaiDinhDanh from the identifier itself: "1" a 12-digit personal identification number, "2" a
    9-digit identity card; any other identifier (an enterprise or organisation code) gets otherIdKind (default "3",
    not verified against the live portal).
  A province whose portal integration names fields differently edits this file; the golden cases in
  mappings/golden/dossier-event-to-portal/ show what must come out.
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
  <!-- isUpdating as a JSON boolean ('boolean') or as the text "True"/"False" ('text') -->
  <xsl:param name="isUpdatingStyle" as="xs:string" select="'boolean'"/>
  <!-- DinhDanhCHS.LoaiDinhDanh of an identifier that is neither a 12-digit personal number nor a 9-digit card -->
  <xsl:param name="otherIdKind" as="xs:string" select="'3'"/>
  <xsl:variable name="portal-zone" as="xs:dayTimeDuration" select="xs:dayTimeDuration($timezone)"/>

  <xsl:template match="/">
    <xsl:variable name="e" select="d:dossierEvent"/>
    <xsl:sequence select="if ($e/d:dossier) then gw:dossier($e) else gw:progress($e)"/>
  </xsl:template>

  <xsl:function name="gw:dossier" as="map(*)">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="r" select="$e/d:dossier"/>
    <xsl:variable name="updating" as="xs:boolean" select="not($r/d:isNew = 'true')"/>
    <xsl:sequence select="map {
        'service': 'DongBoHoSoMC',
        'madonvi': string($e/d:agencyCode),
        'isUpdating': if ($isUpdatingStyle = 'text') then (if ($updating) then 'True' else 'False') else $updating,
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
            'TrichYeuHoSo': gw:cut(string($r/d:summary), 1000),
            'NgayTiepNhan': gw:portal-time($r/d:receivedAt),
            'NgayHenTra': gw:portal-time($r/d:dueAt),
            'NgayNopHoSo': gw:portal-time(($r/d:submittedAt, $r/d:receivedAt)[1]),
            'NgayKetThucXuLy': gw:portal-time($r/d:processingEndedAt),
            'TrangThaiHoSo': string($e/d:nationalStatus),
            'DonViXuLy': string($r/d:handlingUnit),
            'NoiNopHoSo': if ($r/d:submissionPlace) then string($r/d:submissionPlace) else if ($r/d:channel = '2') then '2' else '1',
            'HinhThuc': (string($r/d:resultDelivery)[. != ''], '0')[1],
            'TaiKhoanDuocXacThucVoiVNeID': gw:flag($r/d:ownerVerifiedWithVneid),
            'DuocThanhToanTrucTuyen': (string($r/d:onlinePayment)[. != ''], '0')[1],
            'Email': string($r/d:email),
            'SoDienThoai': string($r/d:phone),
            'HoSoCoThanhPhanSoHoa': if ($r/d:documents/d:document/d:digitized = 'true') then '1' else '0',
            'DinhDanhCHS': array { map { 'LoaiDinhDanh': gw:id-kind(string($r/d:ownerId)), 'SoDinhDanh': string($r/d:ownerId) } },
            'DSKetNoiCSDL': array { for $db in $r/d:connectedDatabases/d:database return map { 'MaCSDL': string($db) } },
            'DanhSachLePhi': array { for $fee in $r/d:fees/d:fee return map {
                'TenPhiLePhi': string($fee/d:name),
                'MaPhiLePhi': string($fee/d:code),
                'HinhThucThu': string($fee/d:collectionMethod),
                'Gia': string($fee/d:amount),
                'LoaiPhiLePhi': string($fee/d:kind)
              } },
            'TaiLieuNop': array { for $doc in $r/d:documents/d:document return map {
                'TenTepDinhKem': string($doc/d:fileName),
                'MaThanhPhanHoSo': string($doc/d:componentCode),
                'DuongDanTaiTepTin': string($doc/d:url),
                'DuocSoHoa': gw:flag($doc/d:digitized),
                'DuocTaiSuDung': gw:flag($doc/d:reused),
                'DuocLayTuKhoDMQG': gw:flag($doc/d:fromNationalCatalogue),
                'MaKetQuaThayThe': string($doc/d:replacedByResultCode)
              } },
            'DanhSachGiayToKetQua': array { for $res in $r/d:results/d:result return map {
                'TenGiayTo': string($res/d:name),
                'MaGiayToKetQua': string($res/d:resultCode),
                'GiayToId': string($res/d:paperId),
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
            'NguoiXuLy': gw:cut(string($p/d:handler), 50),
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

  <!-- a text longer than the portal's limit: cut to the limit, ending in "..." (characters, as the portal counts them) -->
  <xsl:function name="gw:cut" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="limit" as="xs:integer"/>
    <xsl:sequence select="if (string-length($text) le $limit) then $text else concat(substring($text, 1, $limit - 3), '...')"/>
  </xsl:function>

  <!-- xs:dateTime (any offset) -> yyyyMMddHHmmss in the portal's time zone: the adjusted value's
       yyyy-MM-ddTHH:mm:ss without its separators (fractions of a second are dropped, as [s01] would);
       cheaper than format-dateTime, which parses its picture on every call -->
  <xsl:function name="gw:portal-time" as="xs:string">
    <xsl:param name="t" as="element()?"/>
    <xsl:sequence select="if (empty($t)) then '' else translate(substring(string(
        adjust-dateTime-to-timezone(xs:dateTime(normalize-space($t)), $portal-zone)), 1, 19), '-:T', '')"/>
  </xsl:function>

  <!-- the portal's flags: the strings "1" / "0", as public clients send them -->
  <xsl:function name="gw:flag" as="xs:string">
    <xsl:param name="b" as="element()?"/>
    <xsl:sequence select="if (normalize-space($b) = ('true', '1')) then '1' else '0'"/>
  </xsl:function>

  <!-- DinhDanhCHS.LoaiDinhDanh as public clients of the portal write it: "1" a 12-digit personal identification
       number (CCCD), "2" a 9-digit identity card (CMND), otherIdKind for anything else -->
  <xsl:function name="gw:id-kind" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="if (matches($id, '^[0-9]{12}$')) then '1' else if (matches($id, '^[0-9]{9}$')) then '2' else $otherIdKind"/>
  </xsl:function>
</xsl:stylesheet>
