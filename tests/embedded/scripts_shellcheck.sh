#!/usr/bin/env bash
# ShellCheck finds nothing in the two entrypoint scripts, at every severity
# (style included), read as POSIX sh as their #!/bin/sh says; and nothing
# above "info" in the test scripts.
source "$(dirname "$0")/lib.sh"
need shellcheck shellcheck

for script in "${FRONT_SCRIPT}" "${WEBMAIL_SCRIPT}"; do
  [ "$(head -n 1 "${script}")" = "#!/bin/sh" ] || fail "$(basename "${script}") does not start with #!/bin/sh"
  shellcheck --shell=sh --severity=style "${script}" || fail "shellcheck reports the above in $(basename "${script}")"
  note "ok: $(basename "${script}")"
done

cd "${EMBEDDED_TEST_DIR}"
shellcheck --shell=bash --severity=warning --external-sources ./*.sh || fail "shellcheck reports the above in the tests"
note "ok: test scripts"
