#!/usr/bin/env bash
# Makes the secret files that deploy/docker-compose.yml passes to its services, each with mode 0600 in a
# directory with mode 0700 (by default deploy/secrets/, which git ignores). Needs bash and openssl.
#   deploy/make-secrets.sh [DIR]
# A file that exists is kept, never overwritten: once Rung has stored events, a new pseudonym key would give
# every subject a new pseudonym, a new data key secret could not unwrap the subjects' keys (so no event could be
# read), and a new MongoDB password would no longer match the user MongoDB holds.
# Only file names are printed, never contents.
set -euo pipefail
umask 077

dir="${1:-$(dirname "$0")/secrets}"
mkdir -p "$dir"
chmod 700 "$dir"
cd "$dir"

# make_secret NAME COMMAND…: writes what COMMAND prints to NAME, mode 0600, unless NAME exists.
make_secret() {
  local name="$1"
  shift
  if [[ -e "$name" ]]; then
    echo "kept $dir/$name"
    return
  fi
  "$@" > "$name.partial"
  chmod 600 "$name.partial"
  mv "$name.partial" "$name"
  echo "made $dir/$name"
}

random_hex() { openssl rand -hex 32; }
mongo_keyfile() { openssl rand -base64 756; }
mongo_url() { printf 'mongodb://rung:%s@mongo:27017/rung?replicaSet=rs0&authSource=rung\n' "$(cat mongo_app_password)"; }

# A private CA and the broker's certificate for kafka (and localhost), in a PKCS#12 keystore locked with
# kafka_keystore_password. The CA's key is thrown away: to renew, delete kafka.keystore.p12 and run again.
kafka_tls() {
  local work
  work="$(mktemp -d)"
  openssl req -x509 -newkey rsa:3072 -sha256 -days 825 -nodes -subj '/CN=Rung Kafka CA' \
    -keyout "$work/ca.key" -out "$work/ca.pem" 2> /dev/null
  openssl req -newkey rsa:3072 -sha256 -nodes -subj '/CN=kafka' -keyout "$work/kafka.key" -out "$work/kafka.csr" 2> /dev/null
  printf 'subjectAltName=DNS:kafka,DNS:localhost\nextendedKeyUsage=serverAuth\n' > "$work/extensions"
  openssl x509 -req -sha256 -days 825 -in "$work/kafka.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" \
    -set_serial "0x$(openssl rand -hex 16)" -extfile "$work/extensions" -out "$work/kafka.crt" 2> /dev/null
  openssl pkcs12 -export -name kafka -inkey "$work/kafka.key" -in "$work/kafka.crt" -certfile "$work/ca.pem" \
    -passout file:kafka_keystore_password -out "$work/kafka.keystore.p12"
  cp "$work/ca.pem" kafka_ca.pem
  cp "$work/kafka.keystore.p12" kafka.keystore.p12
  rm -rf "$work"
}

make_secret mongo_root_password random_hex
make_secret mongo_app_password random_hex
make_secret mongo_keyfile mongo_keyfile
make_secret mongo_url mongo_url
make_secret pseudonym_secret random_hex
make_secret data_key_secret random_hex
make_secret rung_admin_key random_hex
make_secret kafka_rung_password random_hex
make_secret kafka_keystore_password random_hex
if [[ -e kafka.keystore.p12 ]]; then
  echo "kept $dir/kafka.keystore.p12 and $dir/kafka_ca.pem"
else
  kafka_tls
  echo "made $dir/kafka.keystore.p12 and $dir/kafka_ca.pem"
fi
