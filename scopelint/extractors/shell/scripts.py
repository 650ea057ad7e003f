"""Shell, batch and PowerShell scripts: ``curl`` and ``Invoke-RestMethod`` token requests and
API calls, scope and secret variables, ``Authorization`` headers and switched-off TLS checks.

Variables assigned earlier in the same file (``SCOPE="…"``, ``$Scope = '…'``, ``set SCOPE=…``)
are resolved; anything else stays unresolved and no finding rests on it.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ... import lazy_re
from ...model import FileFacts
from ..recognition.source import Source, suffix

if TYPE_CHECKING:
    from ..recognition.requests import Emitter
    from ..recognition.text import Text

DIALECTS = {"sh": "sh", "bash": "sh", "zsh": "sh", "ksh": "sh", "ps1": "ps", "psm1": "ps", "bat": "bat", "cmd": "bat",
            "mk": "make"}
_SHEBANG = lazy_re.compile(r"#![^\n]*\b(?:(?:ba|z|k|da|a)?sh|pwsh|powershell)\b")
_NAMED = {".envrc": "sh", "Makefile": "make", "makefile": "make", "GNUmakefile": "make"}
_SKIP_NAMES = frozenset({"dockerfile", "jenkinsfile", "vagrantfile", "codeowners", "notice", "authors", "license",
                         "readme", "changelog", "procfile", "gemfile"})


def claims(path: str, explicit: bool = False) -> bool:
    ext = suffix(path)
    name = path.rsplit("/", 1)[-1]
    if ext in DIALECTS or name in _NAMED:
        return True
    return not ext and not name.startswith(".") and name.lower() not in _SKIP_NAMES


def dialect(src: Source) -> str | None:
    ext = suffix(src.path)
    name = src.path.rsplit("/", 1)[-1]
    if ext in DIALECTS or name in _NAMED:
        return DIALECTS.get(ext) or _NAMED[name]
    first = src.text[:200]
    if _SHEBANG.match(first):
        return "ps" if re.search(r"pwsh|powershell", first.split("\n", 1)[0]) else "sh"
    return None


def extract(src: Source, facts: FileFacts) -> None:
    kind = dialect(src)
    if kind is None:  # a file without a suffix or a shell's #! line (NOTES, TODO): prose, not a script
        if src.signs is None:
            src.signs = ""  # the grant it names in a sentence is no token request of its own
        return
    from ..recognition.requests import Emitter
    from ..recognition.text import LineIndex

    # a script runs as a process of its own: a token it gets is the one its calls send
    read(src.text, kind, Emitter(facts, LineIndex(src.path, src.text), src.catalog, unit="script"))


def read(text: str, kind: str, emitter: Emitter, env: dict[str, Text] | None = None, finish: bool = True
         ) -> dict[str, Text]:
    """Every command, comment and here-document of one script in dialect ``kind``; ``env``: the
    variables the script starts with (a CI step's), by name; ``finish``: judge what needs the whole
    file read (``Sink.finish``) now, else the caller does once every script of the file is read.
    Returns what the script sets for the later steps of its CI job (``Script.exports``)."""
    # the lexers and interpreter are imported when a script is read: claims() alone stays cheap
    from .interpret import Script
    from .invoke import commands as ps_commands
    from .lexer import ShLexer, sh_commands
    from .powershell import PwshLexer

    lexed = (PwshLexer(text) if kind == "ps" else ShLexer(text, kind)).run()
    script = Script(kind, emitter, "celonis" in text.lower() and _celonis_code(lexed.items), env, text=text)
    cmds = ps_commands(lexed.items) if kind == "ps" else sh_commands(lexed.items)
    for cmd in sorted(cmds, key=lambda c: c[0].start):
        script.command(cmd)
    prose_spans = [(start, start + len(prose)) for prose, start in lexed.comments + lexed.heredocs]
    for prose, start in lexed.comments + lexed.heredocs:
        script.em.free_text(prose, start)
    if kind == "ps":  # a setting in code, not one a comment or a here-string mentions
        for m in _PS_TLS_OFF.finditer(text):
            if not any(a <= m.start() < b for a, b in prose_spans):
                script.em.tls_setting(m.start(), m.end(), m.group(1) or m.group(2))
    if finish:
        script.em.finish()
    return script.exports


# PowerShell 5.1's ways to accept any certificate for the rest of the script
_PS_TLS_OFF = lazy_re.compile(r"\b(ServerCertificateValidationCallback)\s*=\s*\{\s*\$true\s*\}"
                              r"|\b(CertificatePolicy)\s*=\s*New-Object\s+\w*TrustAll\w*", re.I)


def _celonis_code(items: list) -> bool:
    """Whether the commands (not the comments) name Celonis: a variable (``$CELONIS_URL``, an
    assignment to one), a Celonis host, a Celonis-named word (see ``celonis_code``)."""
    from ..recognition.celonis import celonis_code
    from .parts import Ref, Word

    names: list[str] = []
    strings: list[str] = []
    for item in items:
        if not isinstance(item, Word):
            continue
        names.extend(p.name for p in item.parts if isinstance(p, Ref))
        literal = "".join(p.text for p in item.parts if not isinstance(p, Ref))
        name, equals, value = literal.partition("=")
        if equals:
            names.append(name)
        strings.append(value if equals else literal)
    return celonis_code(names, strings)
