package vn.lienthong.gateway.edata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import vn.lienthong.gateway.crypto.CmsVerifier;
import vn.lienthong.gateway.crypto.SignatureCheck;

/**
 * Finds and checks the issuer's signature embedded in a PDF: a signature dictionary whose
 * {@code /ByteRange [a b c d]} names the signed bytes and whose {@code /Contents <hex>} fills the
 * gap between them with a detached CMS (adbe.pkcs7.detached / ETSI.CAdES.detached). The signed
 * bytes are the two ranges concatenated; the CMS is checked by the gateway's {@link CmsVerifier}
 * (signature match and PKIX chain to the trusted CAs).
 *
 * <p>Deliberately small: this is not a PDF parser. It looks at the LAST /ByteRange of the file (the
 * latest signature) and does not walk the object tree, so a signature inside a compressed object
 * stream is not found (the PDF then simply reports none). Revocation is not checked, as in CmsVerifier.
 */
final class PdfSignatureInspector {

    private static final String BYTE_RANGE_KEY = "/ByteRange";
    private static final Pattern BYTE_RANGE = Pattern.compile("/ByteRange\\s*\\[\\s*(\\d{1,10})\\s+(\\d{1,10})\\s+(\\d{1,10})\\s+(\\d{1,10})\\s*]");

    private final CmsVerifier verifier;

    PdfSignatureInspector(CmsVerifier verifier) {
        this.verifier = verifier;
    }

    /** The verdict on the embedded signature, or null when the PDF has none. */
    EmbeddedSignature inspect(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1); // one char per byte: indexes are offsets
        // the last occurrence, found with forward searches: String.indexOf is vectorised by the JVM, while
        // lastIndexOf walks back one character at a time (a millisecond over a 200 KB file without any)
        int at = -1;
        for (int i = text.indexOf(BYTE_RANGE_KEY); i >= 0; i = text.indexOf(BYTE_RANGE_KEY, i + 1)) {
            at = i;
        }
        if (at < 0) {
            return null;
        }
        Matcher m = BYTE_RANGE.matcher(text);
        if (!m.find(at) || m.start() != at) {
            return unverifiable("the /ByteRange of the signature dictionary cannot be read");
        }
        long a = Long.parseLong(m.group(1));
        long b = Long.parseLong(m.group(2));
        long c = Long.parseLong(m.group(3));
        long d = Long.parseLong(m.group(4));
        if (a != 0 || b < 1 || c <= a + b + 1 || c + d > pdf.length) {
            return unverifiable("the /ByteRange [" + a + " " + b + " " + c + " " + d + "] does not fit the file");
        }
        byte[] cms;
        try {
            cms = contents(text.substring((int) (a + b), (int) c));
        } catch (IllegalArgumentException | IOException e) {
            return unverifiable("the /Contents between the signed ranges is not a hex CMS signature");
        }
        byte[] signed = new byte[(int) (b + d)];
        System.arraycopy(pdf, (int) a, signed, 0, (int) b);
        System.arraycopy(pdf, (int) c, signed, (int) b, (int) d);

        SignatureCheck check = verifier.verify(signed, cms);
        if (check.valid()) {
            if (c + d != pdf.length) {
                return new EmbeddedSignature(EmbeddedSignature.Verdict.UNVERIFIABLE, check.signerSubject(),
                        "The signature is intact but covers only the first " + (c + d) + " of " + pdf.length
                                + " bytes: something was added after signing.");
            }
            return new EmbeddedSignature(EmbeddedSignature.Verdict.VALID, check.signerSubject(), null);
        }
        if (check.problem() == SignatureCheck.Problem.CONTENT_MISMATCH) {
            return new EmbeddedSignature(EmbeddedSignature.Verdict.INVALID, check.signerSubject(), check.reason());
        }
        return new EmbeddedSignature(EmbeddedSignature.Verdict.UNVERIFIABLE, check.signerSubject(), check.reason());
    }

    /** The DER of the hex string {@code <...>} that fills the gap, without the zero padding signers leave after it. */
    private static byte[] contents(String gap) throws IOException {
        String hex = gap.strip();
        if (hex.length() < 2 || hex.charAt(0) != '<' || hex.charAt(hex.length() - 1) != '>') {
            throw new IllegalArgumentException("not a hex string");
        }
        hex = hex.substring(1, hex.length() - 1).replaceAll("\\s", "");
        if (hex.length() % 2 == 1) {
            hex = hex + "0";
        }
        byte[] padded = HexFormat.of().parseHex(hex);
        try (ASN1InputStream in = new ASN1InputStream(padded)) {
            ASN1Primitive object = in.readObject();
            if (object == null) {
                throw new IOException("empty");
            }
            ByteArrayOutputStream der = new ByteArrayOutputStream();
            der.write(object.getEncoded(ASN1Encoding.DER));
            return der.toByteArray();
        }
    }

    private static EmbeddedSignature unverifiable(String why) {
        return new EmbeddedSignature(EmbeddedSignature.Verdict.UNVERIFIABLE, null, "The embedded signature cannot be checked: " + why + ".");
    }
}
