#!/usr/bin/env bash
# The webmail script's patch step with WEBMAIL=snappymail, applied to
# Snappymail's domain config as Mailu 2024.06 renders it
# (fixtures/snappymail-default.json: /data/_data_/_default_/domains/default.json
# with FRONT_ADDRESS set; keys that play no part here are left out).
# PHP, the language Snappymail is written in, must still decode the file and
# read IMAP at $IMAP_ADDRESS:143, SMTP at $SUBMISSION_ADDRESS:10025 and
# ManageSieve at $IMAP_ADDRESS:4190, all with connection type 0 (Snappymail's
# ConnectionSecurityType::NONE: neither SSL nor STARTTLS), sieve enabled and
# SMTP auth kept; nothing else may change. A second run leaves the file as it
# is. A file not shaped as expected is refused with status 1 and left as it
# was, and the Roundcube config is not touched.
source "$(dirname "$0")/lib.sh"
need php php-cli
need python3 python3

imap=mailu-dovecot-service-c8c4c495.mailu.svc.cluster.local
submission=mailu-dovecot-submission-service-c88c85f9.mailu.svc.cluster.local
fixture="${FIXTURES_DIR}/snappymail-default.json"
conf="${TMP}/default.json"

# What Snappymail reads: json_decode() as its domain config loader does, the
# endpoint of each object, and the settings next to them.
# shellcheck disable=SC2016 # PHP code
check_php='
$c = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
$want = ["IMAP" => [$argv[2], 143], "SMTP" => [$argv[3], 10025], "Sieve" => [$argv[2], 4190]];
$problems = [];
foreach ($want as $name => [$host, $port]) {
    $s = $c[$name] ?? null;
    if (!is_array($s)) { $problems[] = "no $name object"; continue; }
    if (($s["host"] ?? null) !== $host) $problems[] = "$name host is " . var_export($s["host"] ?? null, true);
    if (($s["port"] ?? null) !== $port) $problems[] = "$name port is " . var_export($s["port"] ?? null, true);
    // 0 = ConnectionSecurityType::NONE: no SSL on connect, no STARTTLS
    if (($s["type"] ?? null) !== 0) $problems[] = "$name type is " . var_export($s["type"] ?? null, true);
}
if (($c["Sieve"]["enabled"] ?? null) !== true) $problems[] = "Sieve is not enabled";
if (($c["SMTP"]["useAuth"] ?? null) !== true) $problems[] = "SMTP useAuth is not true";
if (!array_intersect(["PLAIN", "LOGIN"], $c["SMTP"]["sasl"] ?? [])) $problems[] = "SMTP sasl lacks PLAIN and LOGIN";
if ($problems) { fwrite(STDERR, implode("\n", $problems) . "\n"); exit(1); }
foreach ($want as $name => $_) echo $name, " ", $c[$name]["host"], ":", $c[$name]["port"], " type ", $c[$name]["type"], "\n";
'
# The fixture and the patched file hold the same, apart from host, port and
# type of the three objects.
# shellcheck disable=SC2016 # PHP code
same_rest_php='
$a = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
$b = json_decode(file_get_contents($argv[2]), true, 512, JSON_THROW_ON_ERROR);
foreach (["IMAP", "SMTP", "Sieve"] as $name) foreach (["host", "port", "type"] as $key) unset($a[$name][$key], $b[$name][$key]);
if ($a !== $b) { fwrite(STDERR, var_export($a, true) . "\n!==\n" . var_export($b, true) . "\n"); exit(1); }
'

# 1. The fixture is patched.
cp "${fixture}" "${conf}"
cp "${FIXTURES_DIR}/config.inc.php" "${TMP}/config.inc.php"
ROUNDCUBE_CONFIG="${TMP}/config.inc.php" snappymail_patch "${conf}" "${imap}" "${submission}" >"${TMP}/out" 2>&1 ||
  fail "patch step failed: $(cat "${TMP}/out")"
php -r "${check_php}" "${conf}" "${imap}" "${submission}" >"${TMP}/php.out" 2>&1 ||
  fail "PHP reads from the patched file:"$'\n'"$(cat "${TMP}/php.out")"
[ "$(cat "${TMP}/php.out")" = "IMAP ${imap}:143 type 0"$'\n'"SMTP ${submission}:10025 type 0"$'\n'"Sieve ${imap}:4190 type 0" ] ||
  fail "PHP reads: $(cat "${TMP}/php.out")"
reads="$(tr '\n' ';' <"${TMP}/php.out")"
php -r "${same_rest_php}" "${fixture}" "${conf}" >"${TMP}/php.out" 2>&1 ||
  fail "more than the endpoints changed:"$'\n'"$(cat "${TMP}/php.out")"
if grep -q 'mailu-front-service\|10143\|14190' "${conf}"; then
  fail "a front endpoint is left: $(grep 'mailu-front-service\|10143\|14190' "${conf}")"
fi
cmp -s "${FIXTURES_DIR}/config.inc.php" "${TMP}/config.inc.php" || fail "the Roundcube config was changed with WEBMAIL=snappymail"
note "ok: PHP reads ${reads} nothing else changed; the Roundcube config is left alone"

# 2. A second run changes nothing and does not even rewrite the file.
first="$(sum "${conf}")"
touch -d '2000-01-01 00:00:00' "${conf}"
stamp="$(stat -c %Y "${conf}")"
snappymail_patch "${conf}" "${imap}" "${submission}" >"${TMP}/out" 2>&1 || fail "second run failed: $(cat "${TMP}/out")"
[ "$(sum "${conf}")" = "${first}" ] || fail "the second run changed the file"
[ "$(stat -c %Y "${conf}")" = "${stamp}" ] || fail "the second run rewrote the file"
grep -q 'already patched' "${TMP}/out" || fail "the second run does not say so: $(cat "${TMP}/out")"
if ls "${TMP}"/*.cdk8s-mailu.* >/dev/null 2>&1; then fail "work files left behind"; fi
note "ok: second run leaves the file as it is (${first})"

# variant OUT PYTHON-STATEMENTS: the fixture, decoded as d, changed by the
# statements and written to OUT.
variant() {
  python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], "w"), indent=2)' "${fixture}" "$1" "$2"
}

# 3. Settings Mailu could render otherwise that still are a plaintext start:
# STARTTLS (type 2) becomes 0, a disabled sieve is enabled.
variant "${conf}" 'for k in ("IMAP", "SMTP", "Sieve"): d[k]["type"] = 2
d["Sieve"]["enabled"] = False'
snappymail_patch "${conf}" "${imap}" "${submission}" >"${TMP}/out" 2>&1 || fail "STARTTLS variant: $(cat "${TMP}/out")"
php -r "${check_php}" "${conf}" "${imap}" "${submission}" >"${TMP}/php.out" 2>&1 ||
  fail "STARTTLS variant: PHP reads:"$'\n'"$(cat "${TMP}/php.out")"
note "ok: STARTTLS (type 2) and a disabled sieve are turned into type 0 and enabled"

# 4. Refusals.
# refused CASE WORD FILE COMMAND...: COMMAND exits with 1, says WORD on stderr
# and leaves FILE (if it exists) as it was.
refused() {
  local case="$1" word="$2" file="$3" before="" status=0
  shift 3
  [ -e "${file}" ] && before="$(sum "${file}")"
  "$@" >"${TMP}/out" 2>"${TMP}/err" || status=$?
  [ "${status}" -eq 1 ] || fail "${case}: exit status ${status}, expected 1"
  grep -qF -- "${word}" "${TMP}/err" || fail "${case}: stderr does not mention '${word}': $(cat "${TMP}/err")"
  if [ -n "${before}" ]; then
    [ "$(sum "${file}")" = "${before}" ] || fail "${case}: the file was changed"
  fi
  if ls "${TMP}"/*.cdk8s-mailu.* >/dev/null 2>&1; then fail "${case}: work files left behind"; fi
  note "ok: refused: ${case}: $(grep -m 1 error "${TMP}/err")"
}
patch() { snappymail_patch "${conf}" "${imap}" "${submission}"; }

variant "${conf}" 'del d["IMAP"]'
refused "no IMAP object" 'no "IMAP" object' "${conf}" patch
variant "${conf}" 'd["Sieve"] = []'
refused "Sieve not an object" 'no "Sieve" object' "${conf}" patch
variant "${conf}" 'd["SMTP"]["port"] = 587'
refused "unexpected SMTP port" 'SMTP has host "mailu-front-service-7a6b5c4d.mailu.svc.cluster.local", port 587' "${conf}" patch
variant "${conf}" 'd["IMAP"]["port"] = "10143"'
refused "IMAP port a string" 'IMAP has host' "${conf}" patch
variant "${conf}" 'd["IMAP"]["type"] = 1'
refused "IMAP with SSL on connect" 'type 1' "${conf}" patch
variant "${conf}" 'del d["Sieve"]["type"]'
refused "Sieve without type" 'Sieve has host' "${conf}" patch
variant "${conf}" 'd["IMAP"]["host"] = "front;evil"'
refused "IMAP host not a host name" 'IMAP has host "front;evil"' "${conf}" patch
variant "${conf}" 'd["Sieve"]["enabled"] = "yes"'
refused "Sieve enabled not a boolean" 'Sieve has enabled "yes"' "${conf}" patch
variant "${conf}" 'd["SMTP"]["sasl"] = ["SCRAM-SHA-256"]'
refused "SMTP sasl without PLAIN and LOGIN" 'none of PLAIN, LOGIN' "${conf}" patch
variant "${conf}" 'd = [d]'
refused "top level not an object" 'does not hold a JSON object' "${conf}" patch
head -c 200 "${fixture}" >"${conf}"
refused "truncated JSON" 'is not readable JSON' "${conf}" patch
{ printf '{"IMAP": {"host": "front", "port": 10143, "type": 0},\n'; tail -c +2 "${fixture}"; } >"${conf}"
refused "IMAP twice" 'key "IMAP" appears twice' "${conf}" patch
cp "${fixture}" "${conf}"
refused "IMAP_ADDRESS unset" "IMAP_ADDRESS" "${conf}" snappymail_patch "${conf}" "" "${submission}"
refused "SUBMISSION_ADDRESS not a host name" "SUBMISSION_ADDRESS" "${conf}" snappymail_patch "${conf}" "${imap}" 'a"b'
refused "unknown WEBMAIL" "WEBMAIL 'horde'" "${conf}" \
  env WEBMAIL=horde IMAP_ADDRESS="${imap}" SUBMISSION_ADDRESS="${submission}" SNAPPYMAIL_CONFIG="${conf}" \
  sh "${WEBMAIL_SCRIPT}" --patch-only
refused "no config" "does not exist" "${TMP}/absent.json" snappymail_patch "${TMP}/absent.json" "${imap}" "${submission}"
refused "python missing" "not shaped as expected" "${conf}" \
  env PYTHON_BIN="${TMP}/no-python" WEBMAIL=snappymail IMAP_ADDRESS="${imap}" SUBMISSION_ADDRESS="${submission}" \
  SNAPPYMAIL_CONFIG="${conf}" sh "${WEBMAIL_SCRIPT}" --patch-only
cmp -s "${fixture}" "${conf}" || fail "the fixture copy was changed by the refusals"
