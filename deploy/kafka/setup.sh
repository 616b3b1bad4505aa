#!/usr/bin/env bash
# The kafka-setup service: runs once in the network namespace of the kafka service, against the broker's
# plaintext listener on 127.0.0.1:9092. Creates the five career topics and the dead-letter topic,
# and, when KAFKA_SCRAM_USER is set (docker-compose.kafka-sasl.yml), that SCRAM-SHA-512 user with the password
# in /etc/kafka/secrets/kafka_rung_password.
set -euo pipefail
bin=/opt/kafka/bin
bootstrap=127.0.0.1:9092

for topic in career.application.v1 career.promotion.v1 career.retention.v1 career.programme.v1 career.people.v1 career.deadletter.v1; do
  "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$topic" \
    --partitions "${KAFKA_PARTITIONS:-6}" --replication-factor 1
done

if [[ -n "${KAFKA_SCRAM_USER:-}" ]]; then
  password="$(cat /etc/kafka/secrets/kafka_rung_password)"
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --alter --entity-type users --entity-name "$KAFKA_SCRAM_USER" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$password]"
fi
