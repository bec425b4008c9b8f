#!/usr/bin/env bash
# Stop a cluster Scripts/postgres/up.sh started in DIR (at once: it is thrown away) and remove it.
#
# usage: Scripts/postgres/down.sh DIR
set -euo pipefail

dir=$1
bin=/usr/lib/postgresql/15/bin
as_owner=()
[[ $EUID -ne 0 ]] || as_owner=(runuser -u postgres --)
if [[ -f $dir/data/postmaster.pid ]]; then
  "${as_owner[@]}" "$bin/pg_ctl" --pgdata="$dir/data" --mode=immediate --wait stop >/dev/null 2>&1 || true
fi
rm -rf "$dir"
