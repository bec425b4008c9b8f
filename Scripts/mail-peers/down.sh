#!/usr/bin/env bash
# Stops the Postfix (and Dovecot) that up.sh started in DIR and removes DIR.
# usage: Scripts/mail-peers/down.sh DIR
#
# Each master is asked to stop, then waited for (up to 10 s: on a busy machine a stop takes a
# while), then killed: nothing of a test's peers outlives the test, not even when DIR is gone.
T=$(realpath "$1")

# Waits for the process PID to end, up to 10 s, then kills it.
stopped() {
  local pid=$1
  [[ -n "$pid" ]] || return 0
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

postfix_pid=$(tr -d ' ' < "$T/spool/pid/master.pid" 2>/dev/null)
postfix -c "$T/etc" stop >/dev/null 2>&1 || kill "$postfix_pid" 2>/dev/null || true
stopped "$postfix_pid"
if [[ -f $T/dovecot/dovecot.conf ]]; then
  dovecot_pid=$(cat "$T/dovecot/run/master.pid" 2>/dev/null)
  dovecot -c "$T/dovecot/dovecot.conf" stop >/dev/null 2>&1 || kill "$dovecot_pid" 2>/dev/null || true
  stopped "$dovecot_pid"
fi
rm -rf "$T"
