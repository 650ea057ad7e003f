"""The one way scopelint runs git on a repository it reviews: read-only commands, local only, with
every setting a repository's own config could use to make git run a program switched off on the
command line (which overrides ``.git/config``), no pager, no prompt and no system config."""
from __future__ import annotations

import os
import subprocess

# ``-c key=`` on the command line wins over every config file. An empty value switches a program
# setting off (fsmonitor, pager, ssh, askpass, proxy); hooks are pointed at a folder that holds none.
NEUTRAL = (
    "core.fsmonitor=", "core.pager=cat", "core.sshCommand=", "core.gitProxy=", "core.askPass=",
    "core.hooksPath=" + os.devnull, "core.alternateRefsCommand=",
    "credential.helper=", "diff.external=", "log.showSignature=false", "gpg.program=false",
    "gpg.ssh.program=false", "gpg.x509.program=false", "protocol.allow=never", "protocol.file.allow=never",
    "uploadpack.packObjectsHook=", "receive.procReceiveRefs=",
)
# ``git show`` and friends take these too: no textconv filter, no external diff, no signature check.
NO_PROGRAMS = ("--no-textconv", "--no-ext-diff")
# Variables that would send git to another repository or index than the folder's own (a hook's
# environment sets several), or feed it config from the environment.
_DROP = frozenset({
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX", "GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE",
    "GIT_SHALLOW_FILE", "GIT_REPLACE_REF_BASE", "GIT_INTERNAL_SUPER_PREFIX", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT", "GIT_EXTERNAL_DIFF", "GIT_PAGER", "GIT_EDITOR", "GIT_SSH", "GIT_SSH_COMMAND",
    "GIT_ASKPASS", "GIT_PROXY_COMMAND", "GIT_EXEC_PATH", "GIT_TRACE", "GIT_TRACE2", "GIT_TRACE2_EVENT",
})


Completed = subprocess.CompletedProcess


class GitMissing(Exception):
    """git is not installed, or did not answer in time; the message is one line."""


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROP and not k.startswith("GIT_CONFIG_KEY_")
           and not k.startswith("GIT_CONFIG_VALUE_")}
    env.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0",
                "GIT_PAGER": "cat", "PAGER": "cat", "GIT_NO_LAZY_FETCH": "1", "GIT_PROTOCOL_FROM_USER": "0",
                "LC_ALL": "C"})
    return env


def command(folder: str, *args: str) -> list[str]:
    neutral = [part for setting in NEUTRAL for part in ("-c", setting)]
    return ["git", "--no-pager", "--no-replace-objects", *neutral, "-C", folder, *args]


def run(folder: str, *args: str, timeout: float = 30) -> Completed:
    """``git -C folder args`` with the settings above; raises ``GitMissing`` when git is not there
    or takes longer than ``timeout`` seconds."""
    try:
        return subprocess.run(command(folder, *args), capture_output=True, env=environment(), timeout=timeout,
                              stdin=subprocess.DEVNULL, check=False)
    except (FileNotFoundError, PermissionError):
        raise GitMissing("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitMissing(f"git did not answer within {timeout:g} seconds") from None
