#!/usr/bin/env bash
# Runs once, as root, before the other services (deploy/docker-compose.yml, service secrets-init).
# Compose (without Swarm) bind-mounts each secret file as it is on the host: owned by whoever ran
# make-secrets.sh, mode 0600, so that the services' own users could not read them. This copies each service's
# secrets into that service's volume, owned by the user the service runs as, mode 0400.
set -euo pipefail

# copy OWNER_UID DIR NAME…
copy() {
  local owner="$1" dir="$2"
  shift 2
  for name in "$@"; do
    install -o "$owner" -g "$owner" -m 0400 "/run/secrets/$name" "$dir/$name"
  done
}

copy 999 /volumes/mongo mongo_root_password mongo_app_password mongo_keyfile     # mongod runs as mongodb (999)
copy 1000 /volumes/rung mongo_url pseudonym_secret data_key_secret rung_admin_key kafka_rung_password kafka_ca.pem   # node (1000)
copy 1000 /volumes/kafka kafka.keystore.p12 kafka_keystore_password kafka_rung_password   # apache/kafka's appuser (1000)
echo "secrets copied"
