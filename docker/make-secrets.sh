#!/usr/bin/env bash
# Generates the secret files docker/compose.yaml mounts, under docker/secrets/ (git-ignored).
# Random passwords, and a self-signed development keystore: replace gateway-keystore.p12 and
# trusted-ca.pem with the province's real signing key and CA before going live.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p secrets && chmod 700 secrets
random() { openssl rand -base64 24 | tr -d '/+=' | cut -c1-24; }
for name in db_password artemis_password keystore_password admin_password viewer_password \
    population_registry_client_secret population_registry_secret_key population_registry_api_key business_registry_client_secret social_insurance_client_secret land_registry_client_secret civil_status_client_secret document_axis_client_secret national_edata_client_secret national_portal_password igate_api_key; do
  # random placeholders: replace the connectors' ones with the credentials each national system issued
  [ -s "secrets/$name" ] || { random > "secrets/$name"; echo "secrets/$name generated"; }
done
if [ ! -s secrets/gateway-keystore.p12 ]; then
  openssl req -x509 -newkey rsa:3072 -sha256 -days 825 -nodes -subj "/CN=lienthong-gateway/O=Development" \
    -keyout secrets/gateway.key -out secrets/trusted-ca.pem 2>/dev/null
  openssl pkcs12 -export -name gateway -inkey secrets/gateway.key -in secrets/trusted-ca.pem \
    -out secrets/gateway-keystore.p12 -passout "file:secrets/keystore_password"
  rm secrets/gateway.key
  echo "secrets/gateway-keystore.p12 and trusted-ca.pem generated (self-signed: development only)"
fi
if [ ! -s secrets/intake_vnpost_key ]; then
  # the gateway's SFTP login key, and the SFTP server's host key with the known_hosts line that trusts it
  ssh-keygen -q -t ed25519 -N '' -C lienthong-gateway -f secrets/intake_vnpost_key
  ssh-keygen -q -t ed25519 -N '' -C sftp -f secrets/sftp_host_ed25519_key
  echo "sftp $(cut -d' ' -f1,2 secrets/sftp_host_ed25519_key.pub)" > secrets/intake_known_hosts
  echo "secrets/intake_vnpost_key, sftp_host_ed25519_key and intake_known_hosts generated"
fi
# Who may read the files. Compose (without Swarm) bind-mounts a file secret with its host owner and
# mode, ignoring uid/gid/mode, and the containers read them as other users (the gateway as uid 10001,
# PostgreSQL as 999, Prometheus as nobody): a file of mode 600 owned by you is unreadable for them and
# the gateways crash-loop ("The keystore file ... is not readable"). So the files are readable by
# everyone (644) and the protection on the host is the folder: secrets/ is 700, no other user of the
# host can reach into it. Inside a container only that container's user sees them.
# Exception: the SFTP server's host key stays 600 (sshd, as root, refuses a host key others can read).
chmod 700 secrets
find secrets -maxdepth 1 -type f ! -name sftp_host_ed25519_key -exec chmod 644 {} +
[ ! -f secrets/sftp_host_ed25519_key ] || chmod 600 secrets/sftp_host_ed25519_key
grep -q '^ARTEMIS_PASSWORD=' .env 2>/dev/null || echo "Now: cp env.example .env and set ARTEMIS_PASSWORD=$(cat secrets/artemis_password)"
