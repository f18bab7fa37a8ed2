# Sourced by scripts/test.sh and scripts/office_check.sh: apt_install [APT-OPTION…] PACKAGE…
# installs Debian packages non-interactively, through `sudo -n` when not root.
apt_install() {
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "need root or sudo to install: $*" >&2; return 2; }
    sudo=(sudo -n)
  fi
  echo "installing: $*"
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}
