#!/usr/bin/env bash
# Make a streaming standby of a cluster Scripts/postgres/up.sh started in PRIMARY_DIR
# (pg_basebackup -R, over TLS with the same password) in STANDBY_DIR on loopback PORT, start it,
# and make it the primary's synchronous standby: a commit returns only once the standby has it.
# Stop and remove it with Scripts/postgres/down.sh STANDBY_DIR.
#
# usage: Scripts/postgres/standby.sh PRIMARY_DIR STANDBY_DIR PORT
set -euo pipefail

primary=$1
dir=$2
port=$3
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin=/usr/lib/postgresql/15/bin
primary_port=$(sed -n 's/^port = \([0-9]*\)$/\1/p' "$primary/data/postgresql.conf" | tail -n 1)
password=$(cat "$primary/password")

as_owner=()
mkdir -p "$dir"
if [[ $EUID -eq 0 ]]; then
  chown postgres "$dir"
  chmod 700 "$dir"
  as_owner=(runuser -u postgres --)
fi
umask 077
cp "$primary/password" "$primary/server.pem" "$primary/server.key" "$dir/"
# The CA the standby verifies the primary with, where its owner can read it.
cp "$repo_root/Certs/dev/ca.pem" "$dir/ca.pem"
[[ $EUID -ne 0 ]] || chown postgres "$dir/password" "$dir/server.pem" "$dir/server.key" "$dir/ca.pem"

conninfo="host=localhost port=$primary_port user=assist password=$password sslmode=verify-full sslrootcert=$dir/ca.pem application_name=standby"
"${as_owner[@]}" "$bin/pg_basebackup" --dbname="$conninfo" --pgdata="$dir/data" --wal-method=stream --checkpoint=fast \
  --write-recovery-conf >"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
# The standby's own port, socket and certificate files; it follows the primary as "standby".
cat >> "$dir/data/postgresql.auto.conf" <<CONF
port = $port
unix_socket_directories = '$dir'
ssl_cert_file = '$dir/server.pem'
ssl_key_file = '$dir/server.key'
primary_conninfo = '$conninfo'
CONF
"${as_owner[@]}" "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 start >/dev/null ||
  { cat "$dir/server.log" >&2; exit 1; }

# Synchronous from now on: the primary waits for the standby to flush each commit.
export PGPASSWORD=$password
psql=("$bin/psql" "host=localhost port=$primary_port user=assist dbname=postgres sslmode=verify-full sslrootcert=$repo_root/Certs/dev/ca.pem" -qAt)
"${psql[@]}" -c "ALTER SYSTEM SET synchronous_standby_names = 'standby'" -c "SELECT pg_reload_conf()" >/dev/null
for _ in $(seq 1 300); do
  [[ $("${psql[@]}" -c "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby'") == sync ]] && exit 0
  sleep 0.1
done
echo "postgres/standby.sh: the standby did not become synchronous within 30 s" >&2
exit 1
