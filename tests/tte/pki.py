"""A throw-away public-key infrastructure for the TTE tests (made with ``cryptography``, never downloaded)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

NOW = dt.datetime.now(dt.UTC)
PASSPHRASE = "sandi-uji"


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Uji TTE")])


def _cert(subject: str, key: ec.EllipticCurvePrivateKey, issuer: x509.Name, issuer_key: ec.EllipticCurvePrivateKey,
          *, ca: bool = False, start: dt.datetime = NOW - dt.timedelta(days=1),
          end: dt.datetime = NOW + dt.timedelta(days=365), signing: bool = True) -> x509.Certificate:
    usage = x509.KeyUsage(digital_signature=signing, content_commitment=signing, key_encipherment=not signing,
                          data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                          encipher_only=False, decipher_only=False)
    return (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(issuer)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .sign(issuer_key, hashes.SHA256()))


def make_pki(folder: Path, ca_name: str = "CA Uji") -> dict[str, Path]:
    """In *folder*: the CA certificate ``ca`` (PEM) and .p12 files (passphrase :data:`PASSPHRASE`) —
    ``camat`` (valid), ``kedaluwarsa`` (expired), ``bukan-ttd`` (no signing key usage)."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _cert(ca_name, ca_key, _name(ca_name), ca_key, ca=True)
    (folder / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    files = {"ca": folder / "ca.pem"}
    for name, kwargs in (("camat", {}), ("kedaluwarsa", {"start": NOW - dt.timedelta(days=400),
                                                            "end": NOW - dt.timedelta(days=35)}),
                         ("bukan-ttd", {"signing": False})):
        key = ec.generate_private_key(ec.SECP256R1())
        cert = _cert(f"DEUS {name.upper()}", key, ca.subject, ca_key, **kwargs)  # type: ignore[arg-type]
        data = pkcs12.serialize_key_and_certificates(name.encode(), key, cert, [ca],
                                                     serialization.BestAvailableEncryption(PASSPHRASE.encode()))
        files[name] = folder / f"{name}.p12"
        files[name].write_bytes(data)
    return files
