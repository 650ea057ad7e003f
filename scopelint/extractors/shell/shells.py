"""The shells a command runs, and the script it gives them: ``sh -c SCRIPT``, ``bash -euo pipefail -c
SCRIPT``, ``pwsh -Command SCRIPT``. Kubernetes containers and Compose services name them in their
commands, and scripts run them in turn (``docker run IMAGE sh -c "..."``)."""
from __future__ import annotations

import re

from ... import lazy_re
from ...templated import reference

INTERPRETERS = {"sh": "sh", "bash": "sh", "ash": "sh", "dash": "sh", "zsh": "sh", "ksh": "sh",
                "pwsh": "ps", "powershell": "ps"}
# the options of a shell (``--rcfile FILE``) and of PowerShell (``-ExecutionPolicy Bypass``) that take a value
_VALUED = frozenset({"--rcfile", "--init-file", "-executionpolicy", "-ep", "-windowstyle", "-workingdirectory", "-wd",
                     "-outputformat", "-of", "-inputformat", "-if", "-configurationname", "-version", "-v",
                     "-psconsolefile", "-settingsfile", "-custompipename", "-encodedarguments"})


def program(word: str) -> str:
    """The program a command's first word names, without its folder (``/bin/sh``: ``sh``)."""
    return word.rsplit("/", 1)[-1]


def dialect(command: str) -> str | None:
    """The dialect of the interpreter a command line names (``/bin/bash -e``, ``/usr/bin/env sh``)."""
    words = command.split()
    if words and program(words[0]) == "env":
        words = words[1:]
    return INTERPRETERS.get(program(words[0])) if words else None


def script_operand(words: list[str], at: int, dialect: str) -> int | None:
    """Where the script a shell's options give it stands (``sh -ec SCRIPT``, ``bash -euo pipefail -c
    SCRIPT``, ``sh -c -- SCRIPT``, ``pwsh -NoProfile -ExecutionPolicy Bypass -Command SCRIPT``); None
    when it runs a file."""
    command = False
    while at < len(words):
        word = words[at]
        low = word.lower()
        if low in _VALUED:
            at += 2
            continue
        if dialect == "ps":
            if low in ("-c", "-command"):
                return at + 1 if at + 1 < len(words) else None
            if not word.startswith("-") or low in ("-f", "-file"):
                return None
        elif word == "--":
            at += 1
            break
        elif word.startswith("--"):  # a long option (``--norc``, ``--login``)
            pass
        elif len(word) > 1 and word[0] in "-+":  # a cluster of one-letter options; ``o`` takes the next word
            command = command or word[0] == "-" and "c" in word[1:]
            at += "o" in word[1:]
        else:
            break
        at += 1
    return at if command and at < len(words) else None


# what ``\\`` escapes inside double quotes: a quote, a dollar (and the name after it), a backslash, a backquote,
# a line break; before any other character it is itself
_ESCAPED = lazy_re.compile(r'\\(?:\$(?:\{[^{}"\n]*\}|\w+)?|["\\`\n])')


def inner_script(text: str, start: int, end: int) -> str | None:
    """``text`` with the inside of the quoted word ``text[start:end]`` as the shell it is given to
    reads it (``sh -c "..."``), each character in its column; None when the word is not one quoted
    string, or its inside cannot stand so.

    In ``'...'`` nothing is escaped. In ``"..."`` the outer shell puts in its variables' values first
    (the inner script's ``$NAME`` reads the same value), and takes the escapes away: ``\\"`` is a
    quote, the column it gives up a space outside the quoted word (before an opening quote, after a
    closing one); ``\\$NAME`` is left for the inner shell to put in, a value not known here; a
    line's ``\\`` at its end joins it to the next, as it does for the inner shell; a single-quoted word
    of the inner script holding ``$NAME`` holds the outer shell's value (``_expanded``). ``\\\\`` and
    ``\\``` give None."""
    quote = text[start:start + 1]
    if end - start < 2 or quote not in ("'", '"') or text[end - 1:end] != quote:
        return None
    inside = text[start + 1:end - 1]
    if quote == "'" or "\\" not in inside and "'" not in inside:  # nothing to change: the text as it is
        return text if quote not in inside else None
    out, at, opening = [], 0, True
    for m in _ESCAPED.finditer(inside):
        before, escaped = inside[at:m.start()], m.group(0)
        if '"' in before or escaped in ("\\\\", "\\`"):
            return None
        out.append(before)
        if escaped == '\\"':
            out.append(' "' if opening else '" ')
            opening = not opening
        else:
            out.append(reference(escaped) if escaped.startswith("\\$") else escaped)
        at = m.end()
    if '"' in inside[at:]:
        return None
    out.append(inside[at:])
    return text[:start + 1] + _SINGLE_EXPANDED.sub(_expanded, "".join(out)) + text[end - 1:]


# a single-quoted word of the inner script with the outer shell's ``$NAME`` in it, which the outer shell
# put in before the inner one runs (``sh -c "curl '$URL/oauth2/token'"``)
_SINGLE_EXPANDED = lazy_re.compile(r"'([^'\"\\`]*\$[^'\"\\`]*)'")


def _expanded(m: re.Match[str]) -> str:
    """The word in double quotes, in the same columns: its ``$NAME`` the value the outer shell gives it."""
    return f'"{m.group(1)}"'
