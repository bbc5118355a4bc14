#!/bin/sh
# Runs one agent in its tmux pane and records how it ended.
#   run-agent.sh EXIT_FILE PROMPT_FILE PROGRAM [ARG...]
# tmux execs this with an argv (no shell parses the command line). The prompt is read from
# PROMPT_FILE and handed to the agent as ONE argument, so quotes, $(), backticks, newlines and
# leading dashes reach it untouched; an empty PROMPT_FILE means "no prompt argument".
# tmux gives a new session's first process the PATH of the client that made it (not -e), so
# a directory to put first (the orchestrator's cc-agent shim) comes in its own variable.
if [ -n "${CC_AGENT_PATH_PREPEND:-}" ]; then
  PATH="$CC_AGENT_PATH_PREPEND:$PATH"
  export PATH
fi

# The relay's file leases name this process as the agent's lifeline: while it runs, the lease
# is held; once it is gone another agent may take the file over (hooks/relay-event.sh).
CC_AGENT_RUNNER_PID=$$
export CC_AGENT_RUNNER_PID

exit_file=$1
prompt_file=$2
shift 2

# When the session is closed under the agent (tmux kill-session, the server stopping) the
# pane's process group gets SIGHUP: the agent ends, and this script lives on just long enough
# to record it, so the exit file announces the end at once and no one has to poll tmux. A
# trap, not an ignore: an ignored signal would stay ignored in the agent too.
hup=
trap 'hup=1' HUP

if [ -n "$prompt_file" ]; then
  # The trailing x keeps the prompt's own trailing newlines, which $() would strip.
  prompt=$(cat "$prompt_file" && printf x)
  "$@" "${prompt%x}"
else
  "$@"
fi
code=$?

# "hup" marks an end nobody asked cc-agent for: the session was closed under the agent.
# The exit file is cc-agent's, private like the rest of its home; the agent above kept the
# user's umask for the files it writes in the user's project.
umask 077
printf '%s%s\n' "$code" "${hup:+ hup}" >"$exit_file.tmp" && mv -f "$exit_file.tmp" "$exit_file"
exit "$code"
