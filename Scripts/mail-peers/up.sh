#!/usr/bin/env bash
# Starts a Postfix of our own on loopback for the mail tests and the benchmark: an SMTP relay
# with STARTTLS (its certificate issued by the development CA) that delivers mail for
# customer.test and desk.test into Maildirs under DIR, and bounces (a real DSN) what it cannot.
# No systemd, no system configuration touched: everything lives in DIR.
#
# With IMAP ports, also a Dovecot of our own serving the same Maildirs over IMAP (STARTTLS) and
# IMAPS, so what Postfix delivers to support@desk.test is what the desk's mailbox poller reads.
#
# usage: Scripts/mail-peers/up.sh DIR SMTP_PORT [IMAP_PORT IMAPS_PORT]   then Scripts/mail-peers/down.sh DIR
# Mailboxes: support@desk.test, alice@customer.test, bob@customer.test (DIR/mail/<domain>/<user>/new);
# over IMAP each signs in with the password "s3cret".
set -euo pipefail
T=$(realpath "$1"); port=$2; imap_port=${3:-}; imaps_port=${4:-}
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mkdir -p "$T"; chmod 755 "$T"; cd "$T"   # postfix and the delivery user must traverse it
mkdir -p etc spool data mail log tls dovecot/run dovecot/state
chown postfix data; chown 5000:5000 mail

# The relay's certificate, from the development CA, so the product verifies it as it would a real one.
openssl req -new -newkey rsa:2048 -nodes -subj /CN=localhost -keyout tls/key.pem -out tls/req.pem 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > tls/ext.cnf
openssl x509 -req -in tls/req.pem -CA "$repo_root/Certs/dev/ca.pem" -CAkey "$repo_root/Certs/dev/ca.key" -CAcreateserial \
  -days 2 -extfile tls/ext.cnf -out tls/cert.pem 2>/dev/null
chmod 644 tls/*.pem

cp /etc/postfix/master.cf etc/master.cf
cat > etc/main.cf <<CONF
compatibility_level = 3.6
queue_directory = $T/spool
data_directory = $T/data
maillog_file = $T/log/maillog
maillog_file_prefixes = $T/log
myhostname = mx.desk.test
myorigin = desk.test
mydestination =
alias_maps =
alias_database =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
smtpd_reject_unlisted_recipient = no
virtual_mailbox_domains = desk.test customer.test
virtual_mailbox_base = $T/mail
virtual_mailbox_maps = texthash:$T/etc/vmailbox
virtual_uid_maps = static:5000
virtual_gid_maps = static:5000
default_transport = error:5.7.1 no external delivery in tests
relay_transport = error:5.7.1 no external delivery in tests
smtpd_tls_cert_file = $T/tls/cert.pem
smtpd_tls_key_file = $T/tls/key.pem
smtpd_tls_security_level = may
queue_run_delay = 5s
minimal_backoff_time = 5s
maximal_backoff_time = 10s
CONF
printf '%s\n' 'support@desk.test desk.test/support/' 'alice@customer.test customer.test/alice/' \
  'bob@customer.test customer.test/bob/' > etc/vmailbox
postconf -c etc -F '*/*/chroot = n'
postconf -c etc -M smtp/inet="127.0.0.1:$port inet n - n - - smtpd"
postfix -c "$T/etc" start >/dev/null 2>&1 || { cat "$T/log/maillog" >&2 2>/dev/null; exit 1; }

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() {
  for _ in $(seq 100); do listening "$2" && return 0; sleep 0.1; done
  echo "mail-peers: $1 did not listen on 127.0.0.1:$2" >&2; cat "$T/log/"* >&2 2>/dev/null; exit 1
}
wait_for postfix "$port"
[[ -n $imap_port ]] || exit 0

# Dovecot: home = the Maildir Postfix delivers into; passwords in a file only its auth process reads.
for user in support@desk.test alice@customer.test bob@customer.test; do
  printf '%s:{PLAIN}s3cret:5000:5000::%s::\n' "$user" "$T/mail/${user#*@}/${user%@*}"
done > dovecot/users
chgrp dovecot dovecot/users; chmod 640 dovecot/users
cat > dovecot/dovecot.conf <<CONF
base_dir = $T/dovecot/run
state_dir = $T/dovecot/state
log_path = $T/log/dovecot.log
protocols = imap
listen = 127.0.0.1
disable_plaintext_auth = no
first_valid_uid = 5000
mail_location = maildir:~
ssl = yes
ssl_cert = <$T/tls/cert.pem
ssl_key = <$T/tls/key.pem
service imap-login {
  inet_listener imap {
    port = $imap_port
  }
  inet_listener imaps {
    port = $imaps_port
    ssl = yes
  }
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $T/dovecot/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $T/dovecot/users
}
CONF
# Its daemons must not hold our caller's output open: a test waits for that output to end.
dovecot -c "$T/dovecot/dovecot.conf" </dev/null >/dev/null 2>&1 || { cat "$T/log/dovecot.log" >&2 2>/dev/null; exit 1; }
wait_for dovecot "$imap_port"
wait_for dovecot "$imaps_port"
