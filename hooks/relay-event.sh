#!/bin/sh
# Spool files hold prompts and tool output: private to the user whatever umask the agent has.
umask 077
# cc-agent hook relay. The agent CLI runs this on every hook event with the payload on stdin;
# it wraps the payload with the job id and a millisecond timestamp and drops it into the spool
# under $CC_AGENT_HOME, written to a temp name and renamed so the engine never sees half a file.
# POSIX sh, no jq, no node: it runs on every tool call of every agent. It never fails the agent:
# every path exits 0.

# Installed globally (setup-hooks) it passes --global, and steps aside when the agent was
# launched by cc-agent with its own relay: one event, one spool file.
if [ "${1-}" = --global ] && [ "${CC_AGENT_LAUNCH_HOOKS-}" = 1 ]; then
  exit 0
fi
# --lease (the launch's PreToolUse hook): an edit tool first takes a lease on each file it is
# about to change; see lease_files below.
lease=
[ "${1-}" = --lease ] && lease=1

id=${CC_AGENT_JOB_ID-}
# Not one of ours (or a value that could break the JSON envelope): do nothing.
case $id in
'' | *[!A-Za-z0-9_-]*) exit 0 ;;
esac

# date, head and mv skip locale and time-zone loading: ~10% of the relay's cost, no effect on
# the epoch clock or the bytes copied.
export LC_ALL=C TZ=UTC
home=${CC_AGENT_HOME-}
if [ -z "$home" ]; then
  # Where the engine looks: os.homedir() is $HOME, else the passwd entry (never `/`).
  home=${HOME-}
  if [ -z "$home" ]; then
    pw=$(getent passwd "$(id -u)" 2>/dev/null)
    pw=${pw#*:*:*:*:*:}
    home=${pw%%:*}
  fi
  case $home in
  /*) home=$home/.cc-agent ;;
  *) exit 0 ;;
  esac
fi
spool=$home/spool
# The job's launch key (see src/engine/events/authentic.ts): only its own agent has it, so a
# SessionStart carrying it may announce the job's new session.
key=${CC_AGENT_HOOK_KEY-}
case $key in
*[!A-Za-z0-9]*) key= ;;
esac
[ -n "$key" ] && key=",\"key\":\"$key\""
# Nanoseconds name the file so events sort in the order they were relayed; GNU date has %N,
# others print a literal N and fall back to whole seconds.
ns=$(date +%s%N 2>/dev/null)
case $ns in
'' | *[!0-9]*) ns=$(date +%s)000000000 ;;
esac
ms=${ns%??????}
tmp=$spool/.$ns.$$.tmp

write() {
  {
    printf '{"v":1,"job_id":"%s","ts":%s%s,"payload":' "$id" "$ms" "$key"
    # At most 16 MiB: the engine refuses bigger files, so copying more only fills the disk.
    head -c 16777216
  } >"$tmp"
}

# File leases (src/engine/leases/). One directory per file under $home/file-leases, made with
# mkdir, which is atomic: the first job to edit a file holds it until cc-agent releases it. Its
# `owner` line says "job runner-pid mode key". The key is repo:relative-path inside the job's
# repository (so worktrees of one repo share it), else the absolute path; the directory is named
# by the key's cksum, and a different key under that name (a crc clash) decides nothing. A holder
# whose runner process is gone is stale and is taken over by exactly one relay (mkdir again).
# Paths with a quote or backslash in the JSON are left to the engine: no lease, no refusal.
leases=$home/file-leases
verdicts=
refusal=
# Write this job's owner line, whole or not at all (a reader never sees half of it).
write_owner() {
  printf '%s %s %s %s\n' "$id" "${CC_AGENT_RUNNER_PID:-0}" "$mode" "$k" >"$d/.o.$$" && mv -f "$d/.o.$$" "$d/owner"
}

lease_one() {
  p=$1
  case $p in
  '') return ;;
  /*) ;;
  *) p=$PWD/$p ;;
  esac
  root=${CC_AGENT_LEASE_ROOT-}
  if [ -n "$root" ] && [ "${p#"$root"/}" != "$p" ]; then
    k=${CC_AGENT_LEASE_REPO-}:${p#"$root"/}
  else
    k=$p
  fi
  sum=$(printf '%s' "$k" | cksum)
  d=$leases/${sum%% *}-${sum##* }
  mode=${CC_AGENT_LEASE_MODE:-warn}
  [ -e "$leases/.block" ] && mode=block
  holder=$id
  if mkdir "$d" 2>/dev/null; then
    outcome=took
    write_owner
  else
    hj= hp= hm= hk=
    [ -f "$d/owner" ] && read -r hj hp hm hk <"$d/owner"
    if [ -z "$hj" ] && [ ! -d "$d" ]; then
      outcome=skip # released while we looked: the next edit takes it
    elif [ -n "$hj" ] && [ "$hk" != "$k" ]; then
      outcome=skip
    elif [ "$hj" = "$id" ]; then
      outcome=own
    elif [ -n "$hj" ] && [ "${hp:-0}" != 0 ] && ! kill -0 "$hp" 2>/dev/null &&
      mkdir "$d/.take.$hj.$hp" 2>/dev/null; then
      outcome=took
      write_owner
    else
      [ -f "$d/owner" ] && read -r hj hp hm hk <"$d/owner"
      case $hj in
      '' | *[!A-Za-z0-9_-]*) hj=unknown ;;
      esac
      holder=$hj
      if [ "$mode" = block ] || [ "$hm" = block ]; then
        outcome=denied
        refusal="$refusal${refusal:+; }$p is being edited by agent $holder"
      else
        outcome=conflict
      fi
    fi
  fi
  verdicts="$verdicts${verdicts:+,}{\"dir\":\"${d##*/}\",\"key\":\"$k\",\"path\":\"$p\",\"holder\":\"$holder\",\"outcome\":\"$outcome\",\"mode\":\"$mode\"}"
}

lease_files() {
  # One sed reads the tool's name and the path it edits (h/g restore the line between them),
  # and says P when the payload holds a patch (Codex's apply_patch names files inside it).
  found=$(sed -n -e h \
    -e 's/.*"tool_name" *: *"\([A-Za-z_]*\)".*/T\1/p' -e g \
    -e 's/.*"file_path" *: *"\([^"\\]*\)".*/F\1/p' -e g \
    -e 's/.*"notebook_path" *: *"\([^"\\]*\)".*/F\1/p' -e g \
    -e '/\*\*\* [A-Z][a-z]* File: /s/.*/P/p' "$tmp" 2>/dev/null)
  nl='
'
  tool= files= patch=
  old_ifs=$IFS
  IFS=$nl
  set -f
  for line in $found; do
    case $line in
    T*) [ -z "$tool" ] && tool=${line#T} ;;
    F*) files=$files${files:+$nl}${line#F} ;;
    P) patch=1 ;;
    esac
  done
  case $tool in
  Edit | Write | MultiEdit | NotebookEdit) ;;
  *)
    files=
    [ -n "$patch" ] && files=$(grep -o -e '\*\*\* [A-Z][a-z]* File: [^\\"]*' \
      -e '\*\*\* Move to: [^\\"]*' "$tmp" 2>/dev/null | sed 's/^\*\*\* [A-Za-z]* [A-Za-z]*: //')
    ;;
  esac
  if [ -n "$files" ]; then
    [ -d "$leases" ] || mkdir -p "$leases" 2>/dev/null
    # One path a line, split on newlines only and never globbed.
    for f in $files; do
      IFS=$old_ifs
      lease_one "$f"
    done
  fi
  set +f
  IFS=$old_ifs
}

if ! write 2>/dev/null; then
  # Make the spool (and the home) only where the home's parent still exists: a background hook
  # firing after a whole temporary tree was removed must not bring it back.
  parent=${home%/*}
  [ -d "${parent:-/}" ] && mkdir -p "$spool" 2>/dev/null
  write 2>/dev/null
fi
[ -n "$lease" ] && lease_files
# The envelope's last key (the leases' verdicts) follows the payload.
printf '%s}\n' "${verdicts:+,\"leases\":[$verdicts]}" >>"$tmp" 2>/dev/null
mv -f "$tmp" "$spool/$ns.$$.json" 2>/dev/null
if [ -n "$refusal" ]; then
  # Exit 2 refuses the tool; the agent reads this line and can wait or pick other work.
  printf 'cc-agent file lease: %s. Wait for it to finish, or work on another file (cc-agent conflicts).\n' "$refusal" >&2
  exit 2
fi
exit 0
