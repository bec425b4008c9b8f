#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 cluster of the tests' own — initdb into DIR, TLS with the
# development certificates (Certs/dev), listening on loopback PORT only, no systemd, no system
# cluster touched — and print its superuser's connection URI (sslmode=verify-full). The password
# is random, made here, and kept in DIR only. Stop it with Scripts/postgres/down.sh DIR.
#
# usage: Scripts/postgres/up.sh DIR PORT
set -euo pipefail

dir=$1
port=$2
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin=/usr/lib/postgresql/15/bin
[[ -x $bin/initdb ]] || { echo "postgres/up.sh: $bin/initdb is missing: install postgresql-15 (Scripts/test does)" >&2; exit 1; }

# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
as_owner=()
mkdir -p "$dir"
if [[ $EUID -eq 0 ]]; then
  chown postgres "$dir"
  chmod 700 "$dir"
  as_owner=(runuser -u postgres --)
fi

password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
umask 077
printf '%s\n' "$password" > "$dir/password"
[[ $EUID -ne 0 ]] || chown postgres "$dir/password"
# TLS with the development server certificate (localhost, 127.0.0.1, ::1); the key readable by the owner only.
cp "$repo_root/Certs/dev/server.pem" "$dir/server.pem"
cp "$repo_root/Certs/dev/server.key" "$dir/server.key"
[[ $EUID -ne 0 ]] || chown postgres "$dir/server.pem" "$dir/server.key"

"${as_owner[@]}" "$bin/initdb" --pgdata="$dir/data" --username=assist --pwfile="$dir/password" \
  --auth-local=scram-sha-256 --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
# Only TLS connections with the password, from loopback: a plain one is refused. Replication
# connections too (Scripts/postgres/standby.sh makes a standby of the cluster).
cat > "$dir/data/pg_hba.conf" <<HBA
local   all all                scram-sha-256
hostssl all all 127.0.0.1/32   scram-sha-256
hostssl all all ::1/128        scram-sha-256
hostssl replication all 127.0.0.1/32 scram-sha-256
hostssl replication all ::1/128      scram-sha-256
hostnossl all all 0.0.0.0/0    reject
hostnossl all all ::/0         reject
HBA
cat >> "$dir/data/postgresql.conf" <<CONF
listen_addresses = 'localhost'
port = $port
unix_socket_directories = '$dir'
ssl = on
ssl_cert_file = '$dir/server.pem'
ssl_key_file = '$dir/server.key'
ssl_min_protocol_version = 'TLSv1.2'
max_connections = 200
fsync = on
log_min_messages = warning
CONF
"${as_owner[@]}" "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 start >/dev/null ||
  { cat "$dir/server.log" >&2; exit 1; }

printf 'postgresql://assist:%s@localhost:%s/postgres?sslmode=verify-full&sslrootcert=%s\n' \
  "$password" "$port" "$repo_root/Certs/dev/ca.pem"
