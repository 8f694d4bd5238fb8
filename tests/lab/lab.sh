#!/usr/bin/env bash
# Switchboard test lab: real mail, XMPP and MariaDB servers on 127.0.0.1 for integration tests
# and benchmarks. See tests/lab/README.md.
#
#   lab.sh install                  apt-get the Debian packages (skipped when all are present;
#                                   SB_LAB_FORCE_APT=1 runs apt-get anyway)
#   lab.sh up [SERVICE...]          config + start + wait until listening (already running = ok)
#   lab.sh down [SERVICE...]        stop by recorded pid
#   lab.sh restart [SERVICE...]     down + up (picks up changed scripts/config)
#   lab.sh status                   one line per daemon; exit 3 if any is stopped
#   lab.sh smoke [SERVICE...]       fast bash-level protocol checks
#   lab.sh verify                   end-to-end check with the app's Node clients (verify.mjs)
#   lab.sh reset-mail USER...|all   wipe those users' mail while Dovecot keeps running
#
# SERVICE: mail (= dovecot + postfix), xmpp (= prosody), mysql (= mariadb), or a daemon name
# (dovecot, postfix, prosody, mariadb). Default: all of them.
SVC=
source "$(dirname "$0")/lib.sh"

ALL_DAEMONS=(dovecot postfix prosody mariadb)

# Debian 12 packages the tests need. isync (mbsync) and chromium are clients for benchmarks
# and e2e; swaks + libnet-ssleay-perl (swaks --tls) for the SMTP smoke; lua-unbound silences
# Prosody's DNS warning; DejaVu and Noto fonts let headless Chromium draw every script the demo and tests use (Arabic, Devanagari, CJK).
APT_PACKAGES=(
  chromium fonts-dejavu-core fonts-noto-core fonts-noto-cjk
  dovecot-imapd dovecot-lmtpd dovecot-submissiond
  postfix swaks libnet-ssleay-perl
  prosody lua-unbound
  mariadb-server mariadb-client
  isync openssl
)
NEEDED_BINARIES=(chromium dovecot doveadm doveconf postfix swaks prosody prosodyctl mariadbd mariadb
  mariadb-install-db mbsync openssl setpriv flock script)

# --- helpers -----------------------------------------------------------------------------------
# expand service names into daemons, in start order, without duplicates
resolve() {
  local want=() s d out=()
  [ $# -eq 0 ] && set -- all
  for s in "$@"; do
    case $s in
      all) want+=("${ALL_DAEMONS[@]}") ;;
      mail) want+=(dovecot postfix) ;;
      xmpp) want+=(prosody) ;;
      mysql|cdr) want+=(mariadb) ;;
      dovecot|postfix|prosody|mariadb) want+=("$s") ;;
      *) die "unknown service '$s' (mail xmpp mysql | dovecot postfix prosody mariadb | all)" ;;
    esac
  done
  for d in "${ALL_DAEMONS[@]}"; do
    [[ " ${want[*]} " == *" $d "* ]] && out+=("$d")
  done
  echo "${out[@]}"
}

missing_binaries() {
  local b miss=()
  for b in "${NEEDED_BINARIES[@]}"; do command -v "$b" >/dev/null 2>&1 || miss+=("$b"); done
  echo "${miss[@]}"
}

# Serialise everything that starts or stops daemons: parallel vitest workers may all call
# ensureLab() at once. fd 9 is closed in spawn(), so no daemon inherits the lock.
take_lock() {
  exec 9>"$LAB_DIR/.lock"
  flock -w 300 9 || die "another lab.sh has held $LAB_DIR/.lock for 300 s"
}

svc() { bash "$LAB_SRC/$1.sh" "${@:2}"; }

elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

# --- commands ----------------------------------------------------------------------------------
cmd_install() {
  lab_init
  local t0=$EPOCHREALTIME miss
  miss=$(missing_binaries)
  if [ -z "$miss" ] && [ -z "${SB_LAB_FORCE_APT:-}" ] && pkgs_installed "${APT_PACKAGES[@]}"; then
    say "all packages already installed (apt skipped)"
  else
    [ -n "$miss" ] && say "missing: $miss"
    # postfix: "No configuration" -- no /etc/postfix/main.cf, nothing started, no debconf prompt
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    echo "postfix postfix/mailname string localhost" | debconf-set-selections
    say "apt-get update + install (log: $LAB_DIR/apt.log)"
    # --no-upgrade: packages that are already installed stay as they are
    apt_all() {
      apt-get update -q && apt-get install -y -q --no-install-recommends --no-upgrade "${APT_PACKAGES[@]}"
    }
    with_policy_rc_d apt_all >"$LAB_DIR/apt.log" 2>&1 || { tail -25 "$LAB_DIR/apt.log" >&2; die "apt-get failed"; }
    miss=$(missing_binaries)
    [ -z "$miss" ] || die "still missing after apt-get: $miss"
    say "installed in $(elapsed "$t0") s"
  fi
  ensure_vmail
}

cmd_up() {
  local daemons list miss t0=$EPOCHREALTIME
  list=$(resolve "$@") || exit 2
  read -ra daemons <<<"$list"
  miss=$(missing_binaries)
  [ -z "$miss" ] || die "missing programs: $miss -- run: bash tests/lab/lab.sh install"
  take_lock
  # three independent chains in parallel (2 cores, mostly waiting): dovecot -> postfix
  # (postfix needs dovecot's auth socket and LMTP), prosody, mariadb
  local chains=() pids=() names=() i rc=0 d mail=""
  for d in "${daemons[@]}"; do
    case $d in dovecot|postfix) mail+="$d " ;; *) chains+=("$d") ;; esac
  done
  [ -n "$mail" ] && chains=("${mail% }" "${chains[@]}")
  for i in "${!chains[@]}"; do
    ( for d in ${chains[$i]}; do svc "$d" start || exit 1; done ) &
    pids+=($!); names+=("${chains[$i]}")
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || { say "FAILED: ${names[$i]}"; rc=1; }
  done
  [ $rc = 0 ] || die "lab up failed (logs under $LAB_DIR/*/log/)"
  say "up: ${daemons[*]} ready in $(elapsed "$t0") s (state: $LAB_DIR)"
}

cmd_down() {
  local daemons list i
  list=$(resolve "$@") || exit 2
  read -ra daemons <<<"$list"
  take_lock
  # reverse order: postfix before dovecot
  for ((i = ${#daemons[@]} - 1; i >= 0; i--)); do svc "${daemons[$i]}" stop || true; done
}

cmd_status() {
  local d rc=0
  for d in "${ALL_DAEMONS[@]}"; do svc "$d" status || rc=3; done
  echo "lab dir: $LAB_DIR"
  return $rc
}

cmd_smoke() {
  local daemons list d rc=0
  list=$(resolve "$@") || exit 2
  read -ra daemons <<<"$list"
  for d in "${daemons[@]}"; do svc "$d" smoke || rc=1; done
  [ $rc = 0 ] || die "smoke failed"
}

cmd_verify() {
  command -v node >/dev/null || die "node is not installed"
  [ -s "$TLS_CERT" ] || die "no lab certificate yet: run lab.sh up first"
  # tsx (a devDependency) loads env.ts; resolve it from the repository root
  cd "$LAB_SRC/../.."
  NODE_EXTRA_CA_CERTS=$TLS_CERT node --import tsx "$LAB_SRC/verify.mjs" "$@"
}

cmd_reset_mail() {
  [ $# -gt 0 ] || die "usage: lab.sh reset-mail USER... | all"
  take_lock
  svc dovecot reset "$@"
}

main() {
  local cmd=${1:-}
  [ $# -gt 0 ] && shift
  case $cmd in
    install) cmd_install ;;
    up) lab_init; cmd_up "$@" ;;
    down) lab_init; cmd_down "$@" ;;
    restart) lab_init; cmd_down "$@"; cmd_up "$@" ;;
    status) lab_init; cmd_status ;;
    smoke) cmd_smoke "$@" ;;
    verify) cmd_verify "$@" ;;
    reset-mail) lab_init; cmd_reset_mail "$@" ;;
    *) sed -n '2,/^SVC=/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
}

main "$@"
