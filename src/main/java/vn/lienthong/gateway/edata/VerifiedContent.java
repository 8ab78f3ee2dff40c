package vn.lienthong.gateway.edata;

import vn.lienthong.gateway.crypto.SignatureCheck;

/**
 * A document's content, re-hashed and with its stored signature verified just now.
 *
 * @param check the verification of the gateway's signature (always valid here: an invalid one is refused)
 */
public record VerifiedContent(StoredDocument document, byte[] content, SignatureCheck check) {
}
