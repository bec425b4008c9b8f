#!/usr/bin/env bash
# Drive a cluster Scripts/postgres/up.sh or standby.sh started in DIR, as its owner, for a drill:
#   crash    — stop at once, as a power cut would (pg_ctl stop -m immediate); the files stay
#   promote  — make a standby the primary (pg_ctl promote), waiting until it takes writes
#
# usage: Scripts/postgres/ctl.sh DIR crash|promote
set -euo pipefail

dir=$1
bin=/usr/lib/postgresql/15/bin
as_owner=()
[[ $EUID -ne 0 ]] || as_owner=(runuser -u postgres --)
case $2 in
  crash) "${as_owner[@]}" "$bin/pg_ctl" --pgdata="$dir/data" --mode=immediate --wait stop >/dev/null ;;
  promote) "${as_owner[@]}" "$bin/pg_ctl" --pgdata="$dir/data" --wait --timeout=60 promote >/dev/null ;;
  *) echo "usage: Scripts/postgres/ctl.sh DIR crash|promote" >&2; exit 2 ;;
esac
