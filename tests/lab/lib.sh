# shellcheck shell=bash
# Switchboard test lab: shared settings and helpers. Sourced by the service scripts; not run.
#
# Every daemon runs in the foreground of its own session (setsid), in the background of the
# script that started it, with a pid file holding "PID STARTTIME". It is stopped by that pid,
# never by name. All state lives under $SB_LAB_DIR; every listener binds 127.0.0.1 only.
set -euo pipefail
umask 022

LAB_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB_DIR=${SB_LAB_DIR:-/tmp/switchboard-lab}
LAB_HOST=127.0.0.1
LAB_DOMAIN=localhost
export DEBIAN_FRONTEND=noninteractive

# Ports: keep in sync with env.ts (both read the same SB_LAB_*_PORT overrides).
IMAP_PORT=${SB_LAB_IMAP_PORT:-11143}
IMAPS_PORT=${SB_LAB_IMAPS_PORT:-11993}
LMTP_PORT=${SB_LAB_LMTP_PORT:-11024}
SMTP_PORT=${SB_LAB_SMTP_PORT:-11025}
XMPP_PORT=${SB_LAB_XMPP_PORT:-15222}
XMPP_HTTP_PORT=${SB_LAB_XMPP_HTTP_PORT:-15280}
MYSQL_PORT=${SB_LAB_MYSQL_PORT:-13307}

# Users. Password is always "<name>pw". Keep in sync with env.ts.
MAIL_USERS=(agent1 agent2 customer bench team user1 user2 user3 user4 user5 user6 user7 user8)
XMPP_USERS=(agent1 agent2 customer support customer2)
# support@localhost is a Postfix alias, not a mailbox:
SUPPORT_ALIAS_TARGETS=(agent1 agent2)
TEAM_FOLDER=Team          # shown to IMAP clients as Public/Team

# One self-signed certificate (CN/SAN localhost, 127.0.0.1) for every service.
TLS_DIR=$LAB_DIR/tls
TLS_CERT=$TLS_DIR/cert.pem
TLS_KEY=$TLS_DIR/key.pem

# ---------------------------------------------------------------------------------------------
say() { printf '[lab%s] %s\n' "${SVC:+:$SVC}" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
pw() { printf '%spw' "$1"; }

# LAB_DIR must be absolute and free of whitespace (it ends up in several config files).
case $LAB_DIR in /*) ;; *) LAB_DIR=$PWD/$LAB_DIR ;; esac
if [[ $LAB_DIR =~ [[:space:]] ]]; then die "SB_LAB_DIR must not contain whitespace: '$LAB_DIR'"; fi

need_root() { [ "$(id -u)" = 0 ] || die "the lab must run as root (it starts daemons as vmail/postfix/prosody/mysql)"; }

# --- processes -------------------------------------------------------------------------------
# "STATE STARTTIME" of a pid (fields 3 and 22 of /proc/PID/stat; the comm field may hold spaces).
proc_info() {
  local s f
  s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  s=${s##*) }
  read -ra f <<<"$s"
  printf '%s %s\n' "${f[0]}" "${f[19]}"
}
# Pid 1 here is not an init that reaps promptly: an exited daemon can stay a zombie for a while
# and kill -0 still succeeds on it. Zombies (Z) and dead (X) count as not running.
proc_running() {
  local st _
  read -r st _ < <(proc_info "$1") || return 1
  [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}
pid_write() { # PIDFILE PID
  local st start
  read -r st start < <(proc_info "$2") || die "process $2 vanished right after start (see logs)"
  printf '%s %s\n' "$2" "$start" >"$1"
}
pid_read() { local pid _; read -r pid _ <"$1" 2>/dev/null && printf '%s' "$pid"; }
# true when the pid file names a live process with the recorded start time (no pid reuse).
pid_alive() {
  local pf=$1 pid start st now
  [ -s "$pf" ] || return 1
  read -r pid start <"$pf" || return 1
  read -r st now < <(proc_info "$pid") || return 1
  [ "$st" != Z ] && [ "$st" != X ] && [ "$now" = "$start" ]
}

# spawn PIDFILE LOGFILE CMD...: start CMD (which must stay in the foreground) in a new session
# with stdio on LOGFILE, and record its pid. The subshell execs setsid, which execs CMD without
# forking (a background child of a non-interactive shell is no process-group leader), so $! is
# the daemon itself. Nothing of the caller may leak into the daemon: not stdio (execFileSync in
# env.ts waits until its pipes close), not lab.sh's flock on fd 9 (the daemon would hold the
# lab lock for its lifetime), not any other inherited descriptor.
spawn() {
  local pf=$1 logf=$2; shift 2
  (
    fd=
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec setsid "$@" </dev/null >>"$logf" 2>&1
  ) &
  pid_write "$pf" $!
}

# wait_port PORT SECONDS PIDFILE LOGFILE: wait for a listener on 127.0.0.1:PORT; give up early
# (with the log tail) if the daemon died.
wait_port() {
  local port=$1 secs=$2 pf=$3 logf=$4 i
  for ((i = 0; i < secs * 20; i++)); do
    if (exec 3<>"/dev/tcp/$LAB_HOST/$port") 2>/dev/null; then return 0; fi
    if ! pid_alive "$pf"; then
      tail -n 25 "$logf" >&2 2>/dev/null || true
      die "daemon exited before listening on $LAB_HOST:$port (log: $logf)"
    fi
    sleep 0.05
  done
  tail -n 25 "$logf" >&2 2>/dev/null || true
  die "nothing listens on $LAB_HOST:$port after ${secs}s (log: $logf)"
}

port_open() { (exec 3<>"/dev/tcp/$LAB_HOST/$1") 2>/dev/null; }

# port_free PORT: refuse to start when something else (e.g. a stale daemon of another lab dir)
# already holds the port; otherwise the new daemon would die with a bind error.
port_free() {
  if port_open "$1"; then
    die "127.0.0.1:$1 is already taken by another process ($(ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'users:.*' | head -1))"
  fi
}

# stop_pid PIDFILE [SECONDS]: TERM the recorded pid, wait, KILL if it lingers; remove the file.
stop_pid() {
  local pf=$1 secs=${2:-20} pid i
  [ -f "$pf" ] || { say "not running"; return 0; }
  pid=$(pid_read "$pf")
  if pid_alive "$pf"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < secs * 20; i++)); do proc_running "$pid" || break; sleep 0.05; done
    if proc_running "$pid"; then
      say "pid $pid ignored TERM for ${secs}s: KILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    say "stopped (pid $pid)"
  else
    say "not running (stale pid file for $pid removed)"
  fi
  rm -f "$pf"
}

# --- users, directories, TLS ------------------------------------------------------------------
# The service user must be able to reach its directory: e.g. SB_LAB_DIR under /root (0700)
# would make every daemon fail with "permission denied" deep inside its own log.
check_reachable() { # USER DIR
  setpriv --reuid="$1" --regid="$(id -g "$1")" --clear-groups test -x "$2" 2>/dev/null \
    || die "user $1 cannot reach $2: put SB_LAB_DIR somewhere all users can traverse (e.g. /tmp)"
}

# vmail owns every mailbox: Dovecot refuses to run mail processes as root.
ensure_vmail() {
  id vmail >/dev/null 2>&1 && return 0
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin vmail
  say "created system user vmail"
}

ensure_tls() {
  mkdir -p "$TLS_DIR"
  [ -s "$TLS_CERT" ] && [ -s "$TLS_KEY" ] && return 0
  (
    # services start in parallel: only one of them may create the certificate
    flock 8
    [ -s "$TLS_CERT" ] && [ -s "$TLS_KEY" ] && exit 0
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$LAB_DOMAIN" \
      -addext "subjectAltName=DNS:localhost,DNS:conference.localhost,IP:127.0.0.1" \
      -keyout "$TLS_KEY.tmp" -out "$TLS_CERT.tmp" 2>/dev/null || die "openssl could not create the lab certificate"
    chmod 600 "$TLS_KEY.tmp"
    mv "$TLS_KEY.tmp" "$TLS_KEY"; mv "$TLS_CERT.tmp" "$TLS_CERT"
    say "self-signed certificate: $TLS_CERT"
  ) 8>"$TLS_DIR/.lock"
}

# put_file DEST [MODE]: write stdin to DEST only if the content changed (keeps the old mtime
# otherwise). Postfix sleeps until main.cf is over a second old ("file too new" guard, ~2 s per
# command), so a freshly written file gets an mtime 10 s in the past.
put_file() {
  local dest=$1 mode=${2:-644}
  cat >"$dest.tmp"
  chmod "$mode" "$dest.tmp"
  if [ -f "$dest" ] && cmp -s "$dest.tmp" "$dest"; then rm -f "$dest.tmp"; return 0; fi
  touch -d "@$(($(date +%s) - 10))" "$dest.tmp"
  mv -f "$dest.tmp" "$dest"
}

lab_init() {
  need_root
  # 755 so that vmail, postfix, prosody and mysql can get in (only when we create it: never
  # chmod a directory somebody else owns, e.g. SB_LAB_DIR=/tmp)
  if [ ! -d "$LAB_DIR" ]; then mkdir -p "$LAB_DIR"; chmod 755 "$LAB_DIR"; fi
}

# --- apt ---------------------------------------------------------------------------------------
# policy-rc.d (exit 101) keeps maintainer scripts from starting the distro's daemons (on all
# interfaces, through init.d) while packages install. Created only if absent, removed again after.
with_policy_rc_d() {
  local created=0 rc=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# switchboard tests/lab: no service starts during apt-get install\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    created=1
  fi
  "$@" || rc=$?
  [ $created = 1 ] && rm -f /usr/sbin/policy-rc.d
  return $rc
}

# true when every package is installed ("ii") -- one dpkg-query call, ~15 ms
pkgs_installed() {
  local out
  out=$(dpkg-query -W -f='${db:Status-Abbrev}\n' "$@" 2>/dev/null) || return 1
  [ "$(grep -c '^ii' <<<"$out")" = "$#" ]
}

# --- dispatch ----------------------------------------------------------------------------------
# Each service script defines do_config do_start do_stop do_status do_smoke (and maybe more,
# listed in EXTRA_CMDS), then calls lab_main "$@".
lab_main() {
  local cmd=${1:-}
  if [ -z "$cmd" ] || [[ " config start stop status smoke ${EXTRA_CMDS:-} " != *" $cmd "* ]]; then
    lab_usage; exit 2
  fi
  shift
  lab_init
  "do_$cmd" "$@"
}
lab_usage() { echo "usage: $(basename "$0") {config|start|stop|status|smoke${EXTRA_CMDS:+|${EXTRA_CMDS// /|}}}" >&2; }
