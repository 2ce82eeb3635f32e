#!/usr/bin/env bash
# security.hardened leaves dovecot (and front's dovecot proxy) running as
# root with only the capabilities its manifest adds back after dropping ALL.
# This runs Debian's dovecot 2.3 that way, with the users, a privileged port
# and the login chroot of Mailu's core/dovecot/conf/dovecot.conf (a static
# passdb in place of podop, paths under the test's directory): it must
# start, chroot its login process, take a login and run the session as mail.
# ManageSieve (one of Mailu's protocols, port 4190 there, 143 here to need
# NET_BIND_SERVICE) stands for them all: its login service has the same
# built-in chroot as imap-login and pop3-login, which Debian's packages here
# do not include. Then once more without SYS_CHROOT, which must fail: the
# run can tell a missing capability.
# usage: dovecot_hardened_capabilities.sh MAILU_SYNTH HARDENED_CONFIG
source "$(dirname "$0")/lib.sh"
need dovecot dovecot-core
need python3 python3
need setpriv util-linux
need_root
[ -x /usr/lib/dovecot/managesieve-login ] || [ -x /usr/libexec/dovecot/managesieve-login ] ||
  skip "dovecot's managesieve service is not installed (Debian package dovecot-managesieved)"
[ "$(getent passwd mail | cut -d: -f3)" = 8 ] || skip "no 'mail' user with uid 8"
{ getent passwd dovecot && getent passwd dovenull; } >/dev/null || skip "no dovecot and dovenull users"
synth="$1"
config="$2"

chmod 755 "${TMP}"  # the mail user reaches its home below
"${synth}" --config "${config}" --stdout >"${TMP}/manifests.yaml" || fail "mailu-synth failed for ${config}"

# capabilities NAME_PART: what the container of the Deployment whose name
# contains NAME_PART adds back, comma-separated.
capabilities() {
  awk -v part="$1" '/^---/ { deployment = 0; named = 0 } /^kind: Deployment$/ { deployment = 1 }
    deployment && /^  name: / && index($0, part) { named = 1 }
    named && /^ *add:$/ { adding = 1; next }
    named && adding && /^ *- / { sub(/^ *- /, ""); print; next }
    { adding = 0 }' "${TMP}/manifests.yaml" | paste -sd, -
}

# run_dovecot NAME CAPABILITIES: dovecot as root with only CAPABILITIES
# (comma-separated, as Kubernetes spells them), on a random loopback address
# ($ip); its pid in $dovecot_pid.
run_dovecot() {
  local dir="${TMP}/$1" bounding
  mkdir -p "${dir}/mail" "${dir}/run"
  chown mail:mail "${dir}/mail"
  ip="$(random_loopback)"
  cat >"${dir}/dovecot.conf" <<CONF
protocols = sieve
listen = ${ip}
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
default_internal_user = dovecot
default_login_user = mail
default_internal_group = dovecot
first_valid_gid = 8
first_valid_uid = 8
mail_location = maildir:${dir}/mail/%u
mail_home = ${dir}/mail/%u
mail_uid = mail
mail_gid = mail
mail_privileged_group = mail
passdb {
  driver = static
  args = password=secret
}
userdb {
  driver = static
  args = uid=mail gid=mail
}
service managesieve-login {
  inet_listener sieve {
    port = 143
  }
}
CONF
  # Nothing inheritable: execve then gives root the bounding set, what a
  # container with `drop: [ALL]` and these `add`s starts with.
  bounding="-all,$(tr 'A-Z' 'a-z' <<<"$2" | sed 's/[^,]*/+&/g')"
  setpriv --inh-caps=-all --ambient-caps=-all --bounding-set="${bounding}" \
    dovecot -F -c "${dir}/dovecot.conf" >"${dir}/out" 2>&1 &
  dovecot_pid=$!
  on_exit "kill ${dovecot_pid} 2>/dev/null; sleep 0.3"
}

# sieve_session IP: logs in and lists the Sieve scripts, or fails.
sieve_session() {
  python3 - "$1" <<'PY'
import base64, socket, sys, time
for _ in range(100):
    try:
        client = socket.create_connection((sys.argv[1], 143), timeout=10)
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("nothing listens on 143")
reader = client.makefile("rb")
def answer():
    lines = []
    while True:
        line = reader.readline()
        if not line:
            sys.exit("connection closed after %r" % lines)
        lines.append(line)
        if line.startswith((b"OK", b"NO", b"BYE")):
            return line, lines
def command(text):
    client.sendall(text.encode() + b"\r\n")
    line, lines = answer()
    if not line.startswith(b"OK"):
        sys.exit("%s: %r" % (text.split()[0], lines))
line, lines = answer()
assert line.startswith(b"OK"), lines
command('AUTHENTICATE "PLAIN" "%s"' % base64.b64encode(b"\0alice@example.org\0secret").decode())
command("LISTSCRIPTS")
command("LOGOUT")
PY
}

for part in dovecot-deployment front-deployment; do
  caps="$(capabilities "${part}")"
  [ -n "${caps}" ] || fail "the ${part} container adds no capabilities back: not a hardened manifest?"
  run_dovecot "${part}" "${caps}"
  sieve_session "${ip}" >"${TMP}/${part}/session" 2>&1 ||
    fail "${part} (${caps}): no ManageSieve session: $(cat "${TMP}/${part}/session" "${TMP}/${part}/out" \
      "${TMP}/${part}/dovecot.log" 2>/dev/null)"
  grep -q 'managesieve(alice@example.org)' "${TMP}/${part}/dovecot.log" ||
    fail "${part}: no session in the log: $(cat "${TMP}/${part}/dovecot.log")"
  if grep -Ei 'fatal|panic|error' "${TMP}/${part}/dovecot.log" >"${TMP}/${part}/unexpected"; then
    fail "${part} (${caps}): dovecot logged: $(cat "${TMP}/${part}/unexpected")"
  fi
  kill "${dovecot_pid}"
  wait "${dovecot_pid}" 2>/dev/null || true
  note "ok: ${part}'s dovecot runs with only ${caps}"
done

# Without SYS_CHROOT the login process cannot chroot: no session.
caps="$(capabilities dovecot-deployment | sed 's/,\?SYS_CHROOT//')"
run_dovecot without-chroot "${caps}"
if sieve_session "${ip}" >"${TMP}/without-chroot/session" 2>&1; then
  fail "dovecot served ManageSieve without SYS_CHROOT: the test cannot tell a missing capability"
fi
grep -q 'chroot' "${TMP}/without-chroot/dovecot.log" ||
  fail "no chroot failure logged: $(cat "${TMP}/without-chroot/dovecot.log" "${TMP}/without-chroot/out")"
note "ok: without SYS_CHROOT there is no session"
