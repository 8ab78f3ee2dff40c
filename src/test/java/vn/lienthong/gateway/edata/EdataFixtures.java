package vn.lienthong.gateway.edata;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;

import vn.lienthong.gateway.crypto.CmsSigner;
import vn.lienthong.gateway.crypto.SigningIdentity;
import vn.lienthong.gateway.crypto.TestCa;

/** Keys, PDFs and requests for the e-data tests. Keys are made once per JVM (RSA generation is slow). */
public final class EdataFixtures {

    public static final TestCa CA = TestCa.create("E-data test CA");
    public static final SigningIdentity GATEWAY = CA.signer("Lien Thong Gateway e-data");
    public static final SigningIdentity ISSUER = CA.signer("So Tu phap tinh (issuer)");
    public static final String CITIZEN = "001099012345";
    public static final String OTHER_CITIZEN = "079201000777";
    public static final String ENTERPRISE = "0100109106-001";
    public static final String BIRTH_CERTIFICATE = "KQ.G11.000001";
    public static final String DRIVING_LICENCE = "KQ.G12.000001";
    public static final String BUSINESS_REGISTRATION = "KQ.G22.000001";

    private EdataFixtures() {
    }

    public static DocumentTypeCatalog catalog() {
        return DocumentTypeCatalog.load(Path.of("mappings/document-types.yaml"));
    }

    /** A small PDF whose bytes differ with {@code text}, padded to about {@code size} bytes. */
    public static byte[] pdf(String text, int size) {
        String body = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
                + "% " + text + "\n";
        StringBuilder pdf = new StringBuilder(body);
        while (pdf.length() < size - 40) {
            pdf.append("% padding ").append(pdf.length()).append('\n');
        }
        pdf.append("trailer\n<< /Root 1 0 R >>\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] pdf(String text) {
        return pdf(text, 2000);
    }

    /**
     * A minimal PDF signed the way PDF signers do it: a signature dictionary with a /ByteRange over
     * everything but the /Contents hex string, which holds a detached CMS over those ranges.
     */
    public static byte[] signedPdf(String text, SigningIdentity signer) {
        String placeholder = "0".repeat(16384);
        String head = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
                + "% " + text + "\n3 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached "
                + "/ByteRange [0000000000 0000000000 0000000000 0000000000] /Contents <";
        String tail = "> /M (D:20250101000000+07'00') >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
        String whole = head + placeholder + tail;
        int gapStart = head.length() - 1;               // the '<'
        int gapEnd = head.length() + placeholder.length() + 1; // after the '>'
        String range = String.format("[%010d %010d %010d %010d]", 0, gapStart, gapEnd, whole.length() - gapEnd);
        whole = whole.replace("[0000000000 0000000000 0000000000 0000000000]", range);
        byte[] bytes = whole.getBytes(StandardCharsets.ISO_8859_1);
        byte[] signed = new byte[gapStart + (bytes.length - gapEnd)];
        System.arraycopy(bytes, 0, signed, 0, gapStart);
        System.arraycopy(bytes, gapEnd, signed, gapStart, bytes.length - gapEnd);
        String hex = HexFormat.of().formatHex(new CmsSigner(signer).sign(signed));
        byte[] hexBytes = hex.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hexBytes, 0, bytes, gapStart + 1, hexBytes.length);
        return bytes;
    }

    public static DepositRequest request(String ownerId, String typeCode, String number, byte[] content) {
        OwnerType ownerType = ownerId.length() == 12 ? OwnerType.CITIZEN : OwnerType.ENTERPRISE;
        return new DepositRequest(ownerType, ownerId, typeCode, number, "Giấy tờ " + number, "000.00.11.H29",
                LocalDate.now().minusDays(10), null, null, new Source("H29.01-250101-0001", "1.000894", Channel.DESK),
                "application/pdf", content, "igate");
    }

    public static DepositRequest birthCertificate(String number, byte[] content) {
        return request(CITIZEN, BIRTH_CERTIFICATE, number, content);
    }

    public static ReadContext reader(String requester) {
        return new ReadContext(requester, "Kiểm tra thành phần hồ sơ", "H29.01-250101-0002", true);
    }

    public static long countFiles(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    static byte[] flip(byte[] bytes, int at) {
        byte[] copy = Arrays.copyOf(bytes, bytes.length);
        copy[at] ^= 0x01;
        return copy;
    }
}
