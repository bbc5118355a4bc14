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
    printf '}\n'
  } >"$tmp"
}

if ! write 2>/dev/null; then
  # Make the spool (and the home) only where the home's parent still exists: a background hook
  # firing after a whole temporary tree was removed must not bring it back.
  parent=${home%/*}
  [ -d "${parent:-/}" ] && mkdir -p "$spool" 2>/dev/null
  write 2>/dev/null
fi
mv -f "$tmp" "$spool/$ns.$$.json" 2>/dev/null
exit 0
