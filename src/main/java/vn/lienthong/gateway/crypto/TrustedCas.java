package vn.lienthong.gateway.crypto;

import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

/**
 * The certificate authorities whose certificates the gateway accepts as signers' roots
 * ({@code gateway.crypto.trusted-cas}, plus the development CA when development keys are in use).
 * A signature counts only if its signer's certificate chains to one of these.
 */
public final class TrustedCas {

    private final List<X509Certificate> certificates;
    private final Set<TrustAnchor> anchors;

    public TrustedCas(List<X509Certificate> certificates) {
        this.certificates = List.copyOf(certificates);
        Set<TrustAnchor> set = new LinkedHashSet<>();
        for (X509Certificate certificate : this.certificates) {
            set.add(new TrustAnchor(certificate, null));
        }
        this.anchors = Set.copyOf(set);
    }

    public static TrustedCas of(X509Certificate... certificates) {
        return new TrustedCas(List.of(certificates));
    }

    /** These CAs and the given ones. */
    public TrustedCas plus(List<X509Certificate> more) {
        List<X509Certificate> all = new ArrayList<>(certificates);
        all.addAll(more);
        return new TrustedCas(all);
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    public Set<TrustAnchor> anchors() {
        return anchors;
    }

    public boolean isEmpty() {
        return certificates.isEmpty();
    }

    /** True when one of the trusted CAs has this name, i.e. a certificate issued by that name ends a path. */
    boolean hasSubject(X500Principal name) {
        for (X509Certificate certificate : certificates) {
            if (certificate.getSubjectX500Principal().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
