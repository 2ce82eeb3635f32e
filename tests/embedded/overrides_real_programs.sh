#!/usr/bin/env bash
# The override files of every config in the folders given reach the real
# programs that read them and are accepted: front's *.conf inside Mailu's web
# server block (nginx -t, and nginx -T shows them included), dovecot's
# dovecot.conf (doveconf -n, no warning), Roundcube's *.inc.php (php -l).
# Postfix's are checked by postfix_overrides_postconf.sh and _live.sh.
# usage: overrides_real_programs.sh MAILU_SYNTH CONFIGS_DIR...
source "$(dirname "$0")/lib.sh"
need nginx nginx
need doveconf dovecot-core
need php php-cli
need_low_ports
synth="$1"
configs=()
for dir in "${@:2}"; do configs+=("${dir}"/*.json); done

checked=0
for config in "${configs[@]}"; do
  name="$(basename "${config}" .json)"
  "${synth}" --config "${config}" --stdout >"${TMP}/${name}.yaml" || fail "${name}: mailu-synth failed"

  # nginx: the files stand where Mailu's nginx.conf includes /overrides/*.conf.
  dir="${TMP}/${name}.nginx"
  mkdir -p "${dir}"
  while IFS= read -r key; do
    configmap_file "${TMP}/${name}.yaml" front-overrides "${key}" >"${dir}/${key}"
  done < <(configmap_keys "${TMP}/${name}.yaml" front-overrides)
  if compgen -G "${dir}/*.conf" >/dev/null; then
    grep -q 'include /overrides/\*.conf;' "${FIXTURES_DIR}/nginx.conf" || fail "the nginx fixture has no /overrides include"
    sed "s|include /overrides/\*.conf;|include ${dir}/*.conf;|" "${FIXTURES_DIR}/nginx.conf" >"${TMP}/${name}.nginx.conf"
    front_patch "${TMP}/${name}.nginx.conf" 127.0.0.1 >"${TMP}/patch.out" 2>&1 || fail "${name}: $(cat "${TMP}/patch.out")"
    local_nginx_conf "${TMP}/${name}.nginx.conf" "${TMP}/local.conf" "$(random_loopback)"
    nginx -t -q -e stderr -c "${TMP}/local.conf" >"${TMP}/nginx-t.out" 2>&1 ||
      fail "${name}: nginx -t rejects the overrides: $(cat "${TMP}/nginx-t.out")"
    nginx -T -q -e stderr -c "${TMP}/local.conf" >"${TMP}/nginx-T.out" 2>&1 || fail "${name}: nginx -T fails"
    for file in "${dir}"/*.conf; do
      grep -qF "# configuration file ${file}:" "${TMP}/nginx-T.out" || fail "${name}: nginx did not include ${file}"
    done
    checked=$((checked + 1))
  fi

  # dovecot: the settings parse and exist (doveconf fails on an unknown one).
  configmap_file "${TMP}/${name}.yaml" dovecot-overrides dovecot.conf >"${TMP}/${name}.dovecot.conf"
  if [ -s "${TMP}/${name}.dovecot.conf" ]; then
    doveconf -n -c "${TMP}/${name}.dovecot.conf" >"${TMP}/doveconf.out" 2>"${TMP}/doveconf.err" ||
      fail "${name}: doveconf rejects the override: $(cat "${TMP}/doveconf.err")"
    [ ! -s "${TMP}/doveconf.err" ] || fail "${name}: doveconf warns: $(cat "${TMP}/doveconf.err")"
    checked=$((checked + 1))
  fi

  # Roundcube: PHP parses every include.
  while IFS= read -r key; do
    configmap_file "${TMP}/${name}.yaml" webmail-overrides "${key}" >"${TMP}/${name}.${key}"
    php -l "${TMP}/${name}.${key}" >"${TMP}/php.out" 2>&1 || fail "${name}: php -l rejects ${key}: $(cat "${TMP}/php.out")"
    checked=$((checked + 1))
  done < <(configmap_keys "${TMP}/${name}.yaml" webmail-overrides)
done
[ "${checked}" -ge 3 ] || fail "only ${checked} override files found in ${*:2}"
note "ok: ${checked} override files accepted by nginx, doveconf and php"
