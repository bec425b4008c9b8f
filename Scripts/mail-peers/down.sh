#!/usr/bin/env bash
# Stops the Postfix (and Dovecot) that up.sh started in DIR and removes DIR.
# usage: Scripts/mail-peers/down.sh DIR
T=$(realpath "$1")
postfix -c "$T/etc" stop >/dev/null 2>&1 || kill "$(tr -d ' ' < "$T/spool/pid/master.pid" 2>/dev/null)" 2>/dev/null || true
if [[ -f $T/dovecot/dovecot.conf ]]; then
  dovecot -c "$T/dovecot/dovecot.conf" stop >/dev/null 2>&1 || kill "$(cat "$T/dovecot/run/master.pid" 2>/dev/null)" 2>/dev/null || true
fi
rm -rf "$T"
