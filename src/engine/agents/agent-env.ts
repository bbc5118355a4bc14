/**
 * The caller's variables an agent CLI is configured by: its API endpoint and key, its config
 * folder, cloud-provider credentials, proxies and CA certificates. tmux gives a new session the
 * environment its server started with, not the caller's: without these, an agent started after
 * `export ANTHROPIC_BASE_URL=…` would still get the value from when the first agent started.
 * Nothing else is passed: an agent started by an agent must not look nested (CLAUDECODE, …).
 */
const AGENT_ENV =
  /^(ANTHROPIC_[A-Z0-9_]+|CLAUDE_CONFIG_DIR|CLAUDE_CODE_USE_(BEDROCK|VERTEX)|CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC|DISABLE_AUTOUPDATER|AWS_[A-Z0-9_]+|OPENAI_[A-Z0-9_]+|CODEX_HOME|GEMINI_[A-Z0-9_]+|GOOGLE_[A-Z0-9_]+|(HTTPS?|NO|ALL)_PROXY|(https?|no|all)_proxy|NODE_EXTRA_CA_CERTS|SSL_CERT_FILE)$/;

export function agentEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && AGENT_ENV.test(k)) out[k] = v;
  return out;
}
