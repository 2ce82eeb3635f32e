#!/usr/bin/env bash
# `mailu-synth dns` checked by BIND's own zone parser: for every public parity
# case and every config of tests/data/configs, with both addresses and an
# alternative domain, the snippet is cut into one zone per domain (the
# records whose names end in it, the commented-out MTA-STS ones included)
# under an SOA and NS, and `named-checkzone` must load each without an error
# or a warning. Every record of the snippet must land in one of those zones.
# Then what the records say is checked against the config: MX and SRV point
# at the first host name, A/AAAA carry the addresses, SPF names the relay
# host when there is one, DMARC the config's report addresses. Bad options
# are refused with exit 2 and nothing on standard output.
# usage: dns_records_named_checkzone.sh MAILU_SYNTH CASES_DIR CONFIGS_DIR
source "$(dirname "$0")/lib.sh"
need named-checkzone bind9-utils
need python3 python3

synth="$1" cases="$2" configs="$3"

# zones_of SNIPPET OUT_DIR: one zone file per "; zone D" / "; host H" domain.
zones_of() {
  python3 - "$1" "$2" <<'PY'
import re, sys
snippet, out = sys.argv[1], sys.argv[2]
origins, records = [], []
for line in open(snippet):
    line = line.rstrip("\n")
    m = re.match(r"; (zone|host) (\S+)$", line)
    if m:
        name = m.group(2)
        # A host's zone is its parent domain (mail.example.com -> example.com).
        origin = name if m.group(1) == "zone" else name.split(".", 1)[1]
        if origin not in origins:
            origins.append(origin)
        continue
    if line.startswith("; ") and re.match(r"; \S+\.\s+\d+ IN ", line):
        line = line[2:]  # a record to publish later: checked too
    if not line or line.startswith(";"):
        continue
    records.append(line)
placed = set()
for origin in origins:
    with open(f"{out}/{origin}.zone", "w") as zone:
        zone.write(f"$ORIGIN {origin}.\n$TTL 600\n")
        zone.write(f"@ IN SOA ns1.{origin}. hostmaster.{origin}. 1 3600 600 86400 600\n@ IN NS ns1.{origin}.\n")
        zone.write(f"ns1 IN A 192.0.2.53\n")
        for i, record in enumerate(records):
            owner = record.split()[0]
            # The longest origin the owner falls in takes the record.
            best = max((o for o in origins if owner == o + "." or owner.endswith("." + o + ".")), key=len, default=None)
            if best == origin:
                zone.write(record + "\n")
                placed.add(i)
for i, record in enumerate(records):
    if i not in placed:
        sys.exit(f"record in no zone: {record}")
print(" ".join(origins))
PY
}

checked=0
for config in "${cases}"/p*.json "${configs}"/*.json; do
  name="$(basename "${config}" .json)"
  out="${TMP}/${name}"
  mkdir -p "${out}"
  "${synth}" dns --config "${config}" --ip 192.0.2.25 --ipv6 2001:db8::25 --alternative-domain alt-example.net \
    >"${out}/snippet" 2>"${out}/err" || fail "${name}: dns failed: $(cat "${out}/err")"
  [ ! -s "${out}/err" ] || fail "${name}: dns wrote to stderr: $(cat "${out}/err")"
  origins="$(zones_of "${out}/snippet" "${out}")" || fail "${name}: ${origins}"
  for origin in ${origins}; do
    named-checkzone -k fail -n fail -m fail -M fail -S fail -i full "${origin}" "${out}/${origin}.zone" \
      >"${out}/check" 2>&1 || fail "${name}: named-checkzone ${origin}:"$'\n'"$(cat "${out}/check")"$'\n'"$(cat "${out}/${origin}.zone")"
    if grep -qi "warning" "${out}/check"; then fail "${name}: named-checkzone ${origin} warns: $(cat "${out}/check")"; fi
  done
  # What the records say.
  read -r domain host relay rua <<EOF_FACTS
$(python3 - "${config}" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
relay = (c.get("relay") or {}).get("host") or "-"
rua = ((c.get("mailu") or {}).get("dmarc") or {}).get("rua") or "-"
print(c["domain"], c["hostnames"][0], relay, rua)
PY
)
EOF_FACTS
  grep -qE "^${domain//./\\.}\.[[:space:]]+600 IN MX[[:space:]]+10 ${host//./\\.}\.$" "${out}/snippet" ||
    fail "${name}: no MX of ${domain} to ${host}"
  grep -qE "^_submissions\._tcp\.alt-example\.net\.[[:space:]]+600 IN SRV[[:space:]]+10 1 465 ${host//./\\.}\.$" "${out}/snippet" ||
    fail "${name}: no submissions SRV of the alternative domain"
  grep -qE "^${host//./\\.}\.[[:space:]]+600 IN AAAA[[:space:]]+2001:db8::25$" "${out}/snippet" || fail "${name}: no AAAA"
  if [ "${relay}" = "-" ]; then
    grep -qF '"v=spf1 mx -all"' "${out}/snippet" || fail "${name}: SPF is not 'v=spf1 mx -all'"
  else
    grep -qF "\"v=spf1 mx a:${relay} -all\"" "${out}/snippet" || fail "${name}: SPF does not name the relay ${relay}"
  fi
  if [ "${rua}" != "-" ]; then
    grep -qF "rua=mailto:${rua}@${domain};" "${out}/snippet" || fail "${name}: DMARC has no rua for ${rua}"
  fi
  checked=$((checked + 1))
done
[ "${checked}" -ge 20 ] || fail "only ${checked} configs checked"
note "ok: ${checked} configs: every zone loads in named-checkzone without a warning, and says what the config says"

# The check can fail: a broken record is caught.
printf 'example.com. 600 IN MX mail.example.com.\n' >"${TMP}/broken"
sed -i '1i ; zone example.com' "${TMP}/broken"
mkdir -p "${TMP}/broken-zones"
zones_of "${TMP}/broken" "${TMP}/broken-zones" >/dev/null
if named-checkzone -k fail example.com "${TMP}/broken-zones/example.com.zone" >/dev/null 2>&1; then
  fail "named-checkzone took an MX without a preference"
fi
note "ok: a broken record fails named-checkzone"

# Bad options: exit 2, one line naming the option, nothing on standard output.
config="${cases}/p01-minimal-sqlite.json"
for args in "--ip 300.1.1.1" "--ipv6 192.0.2.1" "--alternative-domain bad_domain" "--alternative-domain example.com"; do
  status=0
  # shellcheck disable=SC2086 # the options are words
  "${synth}" dns --config "${config}" ${args} >"${TMP}/out" 2>"${TMP}/err" || status=$?
  [ "${status}" -eq 2 ] || fail "'${args}': exit ${status}, expected 2"
  [ ! -s "${TMP}/out" ] || fail "'${args}': wrote to standard output"
  [ "$(wc -l <"${TMP}/err")" -eq 1 ] || fail "'${args}': not one line: $(cat "${TMP}/err")"
  grep -q -- "mailu-synth: ${args%% *}" "${TMP}/err" || fail "'${args}': the option is not named: $(cat "${TMP}/err")"
done
note "ok: bad --ip, --ipv6 and --alternative-domain refused, naming the option"
