"""One script walked command by command, with the variables assigned so far: ``curl`` and
``Invoke-RestMethod`` become requests, assignments become scope variables, secrets and URLs."""
from __future__ import annotations

import os
import posixpath

from ... import lazy_re
from ... import inputs, limits
from ...model import FileFacts
from ..recognition.requests import Emitter, Field
from ..recognition.names import says_celonis, scope_var_name
from ..recognition.secrets import looks_like_secret
from ..recognition.text import LineIndex, Piece, Text, elsewhere, is_celonis
from ..recognition.variables import SYSTEM_PROPERTY
from .curl import is_curl, request as curl_request
from .wget import is_wget, request as wget_request
from .httpie import is_httpie, request as httpie_request
from .invoke import CMDLETS, Table, hashtable_at, invoke, parameters
from .parts import Op, Redirect, Ref, Word
from .shells import INTERPRETERS, inner_script, program, script_operand

# the variables scripts keep their own folder in (``SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"``)
_HERE = lazy_re.compile(r"(?i)(script_?dir|script_?path|base_?dir|dir|here|this_?dir|cur_?dir)")
MAX_SOURCED = 4  # files sourced within one another, at most
MAX_PIECES = 256  # a value assembled from more parts than this is left unresolved
MAX_SHELLS = 4  # shells given a script within one another (``sh -c "bash -c '...'"``), at most
_ASSIGN = lazy_re.compile(r"([A-Za-z_]\w*)\+?=")
# an argument that sets a name: ``NAME=value``, ``--from-literal=NAME=value``, ``a.b.clientSecret=value``
# NAME=value as an argument: make's, docker's -e, helm's --set a.b=value, java's -Dname=value
_SETTING = lazy_re.compile(r"(?:--?[A-Za-z][\w-]*=|-D)?([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)=")
# Azure Pipelines' logging command that sets a variable for the job's later steps
_SET_VARIABLE = lazy_re.compile(r"##vso\[task\.setvariable variable=([A-Za-z_][\w.]*)(?:;[^\]]*)?\]")
# PowerShell's commands that write what they are given to a file, and their parameters
_PS_FILE_WRITERS = frozenset({"out-file", "add-content", "set-content", "tee-object"})
_PS_FILE_PARAMS = ("filepath", "path", "literalpath", "value", "encoding", "append", "inputobject", "width",
                   "nonewline", "force", "noclobber")
_PS_FILE_SWITCHES = frozenset({"append", "nonewline", "force", "noclobber"})
# a hashtable's entry: ``body.scope``, ``body["scope"]``, ``body['scope']`` (the table may be a member: ``cfg.body.scope``)
_PS_ENTRY = lazy_re.compile(r"""([A-Za-z_][\w.]*?)(?:\.([A-Za-z_]\w*)|\[\s*"([^"\]]*)"\s*\]|\[\s*'([^'\]]*)'\s*\])""")
_SECURE_STRING_PARAMS = ("string", "asplaintext", "force", "securekey", "key")
_SECURE_STRING_SWITCHES = frozenset({"asplaintext", "force"})
_DECLARE = frozenset({"export", "local", "declare", "typeset", "readonly", "set", "setx"})


# content-cli's commands that work on this machine alone: every other one calls the team's APIs
_LOCAL_COMMANDS = frozenset({"profile", "help", "--help", "-h", "--version", "-V", "-v", "version"})


def _content_cli(words: list[str]) -> str | None:
    """``content-cli`` and its command when a command runs content-cli (``content-cli push package``,
    ``npx @celonis/content-cli pull analysis``) with a command that calls the APIs, else ``None``."""
    if words[:1] in (["npx"], ["pnpx"]) or words[:2] == ["npm", "exec"]:
        words = [w for w in words[1:] if not w.startswith("-") and w != "exec"]
    if not words or words[0].rsplit("/", 1)[-1] not in ("content-cli", "@celonis/content-cli"):
        return None
    command = [w for w in words[1:3] if not w.startswith("-")]
    return " ".join(words[:1] + command) if words[1:2] and words[1] not in _LOCAL_COMMANDS else None


def _command_name(word: Word) -> bool:
    """Whether a PowerShell word written bare (not quoted, not a variable or a number) runs a
    command: ``$body = Get-Body`` assigns what ``Get-Body`` returns, not its name."""
    first = word.parts[0] if len(word.parts) == 1 else None
    return isinstance(first, Piece) and first.start == word.start and not first.text[:1].isdigit() \
        and not first.text.startswith(("[", "@", "-", "."))


class Script:
    """Walks the commands of one script in order, keeping the variables assigned so far."""

    def __init__(self, kind: str, em: Emitter, celonis: bool, env: dict[str, Text] | None = None,
                 sourcing: frozenset[str] = frozenset(), text: str = "") -> None:
        self.kind = kind
        self.text = text  # the script's text, where its words stand: a script it gives a shell is read from it
        self.depth = 0  # shells within shells (``sh -c "bash -c '...'"``) read so far
        self.sourcing = sourcing  # the files being sourced, this one's reading included
        self.em = em
        self.em.celonis_file = celonis
        self.env: dict[str, Text] = {}
        for name, value in (env or {}).items():  # PowerShell reads the environment as ``$env:NAME``
            self.env[self.key("env:" + name if kind == "ps" else name)] = value
        self.tables: dict[str, Table] = {}
        # what the script sets for the later steps of its CI job (``echo "NAME=value" >> "$GITHUB_ENV"``)
        self.exports: dict[str, Text] = {}
        self._output: tuple[Text, int] | None = None  # what the last command wrote to its output, and its end

    def key(self, name: str) -> str:
        return name.lower() if self.kind in ("ps", "bat") else name

    def resolve(self, word: Word | tuple | list, depth: int = 0) -> Text:
        parts = word.parts if isinstance(word, Word) else word
        pieces: list[Piece] = []
        names: set[str] = set()
        for p in parts:
            if isinstance(p, Piece):
                pieces.append(p)
                continue
            names.add(p.name)
            known = self.env.get(self.key(p.name)) if p.name else None
            if known is None and p.default and depth < 8:  # ``${X:-}`` says "X, or nothing": X is not known
                known = self.resolve(p.default, depth + 1)
                if scope_var_name(p.name):
                    self.em.scope_var(known, says_celonis(p.name))
            if known is not None and len(pieces) + len(known.pieces) <= MAX_PIECES:
                pieces.extend(known.pieces)
                names |= known.names
            else:  # unknown, or too large to be a URL or a scope list
                pieces.append(Piece(p.text, p.start, p.name, p.end))
        return Text(tuple(pieces), frozenset(n.split(".")[0] for n in names if n))

    def command(self, cmd: list) -> None:
        piped = self._piped(cmd)
        words = [w for w in cmd if isinstance(w, Word)]
        if not words:
            return
        if self.kind == "ps" and (self._ps_assign(cmd) or self._ps_params(cmd)):
            if len(cmd) == 3 and isinstance(cmd[2], Word):  # ``$c = "..." | ConvertTo-SecureString``: the string goes on
                self._output = (self.resolve(cmd[2]), cmd[2].end)
            return
        if self.kind == "sh" and len(words) >= 2 and self.resolve(words[0]).value in ("source", "."):
            self._source(self.resolve(words[1]))
            return
        self._export(words, cmd, piped)
        start = self._assignments(words)
        for k in range(start, len(words)):
            head = self.resolve(words[k])
            said = _content_cli([self.resolve(w).value for w in words[k:k + 6]]) if k == start else None
            if said is not None:
                self.em.tool_call(words[k].start, words[-1].end, said)
                return
            if is_curl(head) and not self._image_runs(head, words, k):
                self.em.request(curl_request(words, k, self.resolve))
                return
            if is_wget(head):
                self.em.request(wget_request(words, k, self.resolve))
                return
            if is_httpie(head):
                self.em.request(httpie_request(words, k, self.resolve))
                return
            if self.kind in ("sh", "make") and INTERPRETERS.get(program(head.value)) == "sh":
                self._shell(words, k)
                return
            if self.kind == "ps" and head.value.lower() == "convertto-securestring":
                self._secure_string(words, k, piped)
                return
            if self.kind == "ps" and head.value.lower() in CMDLETS:
                req = invoke(cmd, cmd.index(words[k]), self.resolve, self.tables)
                if req is not None:
                    self.em.request(req)
                return
        self._settings(words[start + 1:])
        self._urls(words[start:])

    def _image_runs(self, head: Text, words: list[Word], at: int) -> bool:
        """Whether ``words[at]`` names an image (``curlimages/curl``) given a command of its own to run
        in place of its program (``docker run --rm curlimages/curl sh -c "..."``)."""
        return "/" in head.value and not head.value.startswith(("/", ".")) and at + 1 < len(words) \
            and program(self.resolve(words[at + 1]).value) in INTERPRETERS

    def _shell(self, words: list[Word], at: int) -> None:
        """``sh -c SCRIPT`` (``bash -euo pipefail -c '...'``, ``docker run IMAGE sh -c "..."``): the script,
        written as one quoted word, read as the inner shell reads it (``shells.inner_script``), with the
        variables this one holds; what it assigns stays its own. The words after it are its ``$0``, ``$1``...,
        not known."""
        if self.depth >= MAX_SHELLS:
            return
        script = script_operand([self.resolve(w).value for w in words[at:]], 1, "sh")
        word = words[at + script] if script is not None else None
        text = inner_script(self.text, word.start, word.end) if word is not None else None
        if text is None:
            return
        from .lexer import ShLexer, sh_commands

        inner = Script(self.kind, self.em, self.em.celonis_file, sourcing=self.sourcing, text=text)
        inner.env, inner.depth = dict(self.env), self.depth + 1
        lexed = ShLexer(text, self.kind).run(word.start + 1, word.end - 1)  # type: ignore[union-attr]
        for cmd in sorted(sh_commands(lexed.items), key=lambda c: c[0].start):
            inner.command(cmd)

    def _piped(self, cmd: list) -> Text | None:
        """What the command before wrote into this one's input (``echo "NAME=value" | tee -a FILE``:
        the splitters start a piped command with its ``|``). A command inside the writer's own words
        (its ``$(...)``, read after it) neither takes nor ends what the writer wrote."""
        out = self._output
        if out is not None and cmd[0].start < out[1]:
            return None
        self._output = None
        return out[0] if out is not None and isinstance(cmd[0], Op) and cmd[0].text == "|" else None

    def _export(self, words: list[Word], cmd: list, piped: Text | None) -> None:
        """``echo "NAME=value" >> "$GITHUB_ENV"`` (or ``| tee -a "$GITHUB_ENV"``, and PowerShell's
        ``"NAME=value" >> $env:GITHUB_ENV``, ``| Out-File -Append $env:GITHUB_ENV``, ``Add-Content``):
        GitHub Actions sets ``NAME`` for the job's later steps; so does Azure Pipelines for ``echo
        "##vso[task.setvariable variable=NAME]value"``. The value is put together here, with the
        variables the step holds (a token it got); ``piped``: what the command before it wrote to it."""
        head = self.resolve(words[0]).value.lower()
        if head in ("echo", "write-host", "write-output") and len(words) == 2:
            said = self.resolve(words[1])
            m = _SET_VARIABLE.match(said.value)
            if m is not None:
                self.exports[m.group(1)] = said.slice(m.end(), len(said.value)).named(m.group(1))
                return
        value, target = self._written(head, words, cmd, piped)
        if value is not None and target is None:  # written to the output, for a command it is piped to
            self._output = (value, words[-1].end)
        if value is None or target is None or not value.pieces or not self._job_env_file(target):
            return
        m = _ASSIGN.match(value.value)
        first = value.pieces[0]
        if m is None or m.group(0).endswith("+=") or first.ref is not None or len(first.text) < m.end():
            return  # the name must be written out: ``$NAME=value`` names nothing known
        self.exports[m.group(1)] = value.slice(m.end(), len(value.value)).named(m.group(1))

    def _written(self, head: str, words: list[Word], cmd: list, piped: Text | None
                 ) -> tuple[Text | None, Word | None]:
        """What a command writes to a file, and the file's word: the output of ``echo`` (or of a
        PowerShell string) redirected there, what a command pipes into ``tee`` or ``Out-File``, or
        PowerShell's ``Add-Content -Path FILE -Value TEXT``."""
        if piped is not None and head == "tee" and self.kind == "sh":
            files = [w for w in words[1:] if not self.resolve(w).value.startswith("-")]
            return piped, files[0] if len(files) == 1 else None
        if self.kind == "ps" and head in _PS_FILE_WRITERS:
            args, _, positional = parameters(words, 0, _PS_FILE_PARAMS, _PS_FILE_SWITCHES, self.tables)
            target = next((args[p] for p in ("filepath", "path", "literalpath") if p in args), None) \
                or (positional[0] if positional else None)
            value = piped if piped is not None else args.get("value") or (positional[1] if len(positional) > 1 else None)
            if isinstance(value, Word):
                value = self.resolve(value)
            return (value if isinstance(value, Text) else None), (target if isinstance(target, Word) else None)
        if piped is not None:
            return None, None
        if self.kind == "sh":
            target = next((r.target for r in cmd if isinstance(r, Redirect) and r.op in (">", ">>")), None)
        else:  # PowerShell's redirection operators are words of the command
            at = next((k for k, w in enumerate(words) if self.resolve(w).value in (">", ">>")), None)
            target = words[at + 1] if at is not None and at + 1 < len(words) else None
            words = words[:at] if at is not None else words
        return self._said(head, words), target

    def _said(self, head: str, words: list[Word]) -> Text | None:
        """What the command writes to its output when it echoes one value (``echo "NAME=value"``,
        ``Write-Output``, a PowerShell string on its own), else ``None``."""
        if head in ("echo", "write-output"):
            args = [w for w in words[1:] if self.resolve(w).value not in ("-n", "-e", "-E")]
            return self.resolve(args[0]) if len(args) == 1 else None
        return self.resolve(words[0]) if self.kind == "ps" and len(words) == 1 else None

    def _job_env_file(self, word: Word) -> bool:
        """Whether ``word`` is the file of variables GitHub Actions gives a step (``"$GITHUB_ENV"``,
        PowerShell's ``$env:GITHUB_ENV``)."""
        ref = word.parts[0] if len(word.parts) == 1 else None
        if not isinstance(ref, Ref):
            return False
        return ref.name == "GITHUB_ENV" if self.kind == "sh" else ref.name.lower() == "env:github_env"

    def _source(self, path: Text) -> None:
        """``source ./env.sh`` (``. ./env.sh``): the variables the sourced file of the project assigns,
        each at its place there (``text.elsewhere``). The file is looked for beside the script, then
        from the working directory (a CI step's, the repository's top); one not written out, outside
        the project or being sourced already is not read."""
        rel = path.value
        if not path.literal_only:  # source "$(dirname "$0")/env.sh", "${SCRIPT_DIR}/env.sh": beside the script
            first, rest = path.pieces[0], "".join(p.text for p in path.pieces[1:])
            own = first.ref is not None and ("dirname" in first.text or _HERE.fullmatch(first.ref or "") is not None)
            if not own or not rest.startswith("/") or any(p.ref is not None for p in path.pieces[1:]):
                return
            rel = "." + rest
        if not rel or rel.startswith(("/", "~")) or len(self.sourcing) >= MAX_SOURCED:
            return
        here = posixpath.dirname(self.em.index.path)
        if here == ".github" or here.startswith(".github/") or "/.github/" in here + "/":
            here = here[:here.find(".github")].rstrip("/")  # a workflow's steps run at the repository's top
        found = next((p for p in (posixpath.normpath(posixpath.join(here, rel)), posixpath.normpath(rel))
                      if not p.startswith("..") and os.path.isfile(p)), None)
        if found is None or found in self.sourcing or found == self.em.index.path:
            return
        try:
            text = inputs.read_text(found, limits.max_file_size())
        except OSError:
            return
        from .lexer import ShLexer, sh_commands

        index = LineIndex(found, text)
        sub = Script("sh", Emitter(FileFacts(found), index, self.em.catalog), False,
                     sourcing=self.sourcing | {found, self.em.index.path})
        for cmd in sorted(sh_commands(ShLexer(text, "sh").run().items), key=lambda c: c[0].start):
            sub.command(cmd)
        base = elsewhere(index)
        self.env.update((name, value.shifted(base)) for name, value in sub.env.items())

    def _assignments(self, words: list[Word]) -> int:
        """Leading ``NAME=value`` words (after ``export``/``set``...); the index of the first other word."""
        k = 0
        while k < len(words):
            first = words[k].parts[0] if words[k].parts else None
            if isinstance(first, Piece) and first.text.lower() in _DECLARE and len(words[k].parts) == 1:
                k += 1
                continue
            m = _ASSIGN.match(first.text) if isinstance(first, Piece) else None
            if m is None:
                break
            self.assign(m.group(1), self._assigned(words[k], m.end()))
            k += 1
        return k

    def _assigned(self, word: Word, at: int) -> Text:
        """The value a ``NAME=value`` word gives, from offset ``at`` of its first part on."""
        first = word.parts[0]
        rest = first.text[at:]
        return self.resolve(([Piece(rest, first.start + at)] if rest or len(word.parts) == 1 else [])
                            + list(word.parts[1:]))

    def assign(self, name: str, value: Text) -> None:
        self.env[self.key(name)] = value.named(name)
        self.setting(name.split(":", 1)[-1], value)

    def setting(self, name: str, value: Text) -> None:
        """A value set under ``name``: a Celonis scope variable, a secret, a URL to check; Java options
        (``JAVA_OPTS="-Dcelonis.oauth.client-secret=... -Xmx1g"``), each ``-Dname=value`` its own."""
        if "-D" in value.value:
            found = [(m.group(1), value.slice(m.start(g), m.end(g))) for m in SYSTEM_PROPERTY.finditer(value.value)
                     for g in (next(g for g in (2, 3, 4) if m.group(g) is not None),)]
            for prop, part in found:  # each once: a part is not split again (a value can hold its own -D text)
                self._setting(prop, part)
            if found:
                return
        self._setting(name, value)

    def _setting(self, name: str, value: Text) -> None:
        if scope_var_name(name):
            self.em.scope_var(value, says_celonis(name))
        self.em.secret_field(Field(name, value))
        if is_celonis(value) and "://" in value.value:
            self.em.url_checks(value)

    def _settings(self, words: list[Word]) -> None:
        """The ``NAME=value`` arguments of a command, which set ``NAME`` for what it runs or makes:
        ``docker run -e NAME=value``, ``kubectl create secret --from-literal=NAME=value``, ``helm
        --set a.b.name=value``, ``make NAME=value``. The shell's variables are not changed."""
        for word in words:
            text = self.resolve(word)
            m = _SETTING.match(text.value)
            if m is not None and text.span(0, m.end()) is not None and not any(
                    p.ref is not None for p in text.slice(0, m.end()).pieces):
                self.setting(m.group(1), text.slice(m.end(), len(text.value)))

    def _ps_assign(self, cmd: list) -> bool:
        """``$Name = <value>`` (a string, a hashtable, or ``$env:X ?? 'default'``), ``$Name += <value>``,
        and a hashtable's entry set later: ``$body.scope = ...``, ``$body['scope'] = ...``,
        ``$body.Add('scope', ...)``."""
        target = cmd[0].parts[0] if isinstance(cmd[0], Word) and len(cmd[0].parts) == 1 else None
        if not isinstance(target, Ref) or not target.name:
            return False
        if len(cmd) >= 2 and isinstance(cmd[1], Word) and self.resolve(cmd[1]).value == "+=":
            self._ps_append(target.name, cmd[2:])
            return True
        if self._ps_entry_call(target.name, cmd):
            return True
        if len(cmd) < 3 or not isinstance(cmd[1], Op) or cmd[1].text != "=":
            return False
        name = target.name[4:] if target.name.lower().startswith("env:") else target.name
        self._ps_entry_set(target.name, cmd[2:])
        found = hashtable_at(cmd, 2)
        if found is not None:
            self.tables[self.key(target.name)] = found = found[0]
            for key, item, _ in found.entries.values():
                if isinstance(item, Word):
                    value = self.resolve(item)
                    self.em.secret_field(Field(key, value))
                    self.em.header(Field(key, value), False)
            return True
        words = [w for w in cmd[2:] if isinstance(w, Word)]
        if len(words) == 3 and self.resolve(words[1]).value in ("??", "-or"):
            left = words[0].parts[0] if len(words[0].parts) == 1 else None
            words = words[2:]
            if isinstance(left, Ref) and scope_var_name(left.name):
                self.em.scope_var(self.resolve(words[0]), says_celonis(left.name))
        if len(words) == 1 and isinstance(cmd[2], Word) and not _command_name(words[0]):
            self.assign(name, self.resolve(words[0]))
            if name != target.name:
                self.env[self.key(target.name)] = self.env[self.key(name)]
            return True
        self.env.pop(self.key(target.name), None)  # a value not read: what it held before is gone
        self.tables.pop(self.key(target.name), None)
        return False

    def _secure_string(self, words: list[Word], at: int, piped: Text | None) -> None:
        """``ConvertTo-SecureString "..." -AsPlainText -Force`` (or the string piped into it): a secret
        written in the script, whatever the variable that keeps it is called (a credential's
        password, a client secret)."""
        args, flags, positional = parameters(words, at, _SECURE_STRING_PARAMS, _SECURE_STRING_SWITCHES, self.tables)
        value = args.get("string") or (positional[0] if positional else None)
        if "asplaintext" not in flags or not isinstance(value, Word) and piped is None:
            return
        text = self.resolve(value) if isinstance(value, Word) else piped
        if text.value and text.literal_only and looks_like_secret(text.value):
            self.em.secret("client secret", text, "ConvertTo-SecureString")

    def _ps_params(self, cmd: list) -> bool:
        """``param([string]$Scope = 'studio', ...)``: a parameter's default is its value unless the
        caller gives another, as ``${SCOPE:-studio}`` is in a shell script."""
        if len(cmd) < 2 or not isinstance(cmd[0], Word) or self.resolve(cmd[0]).value.lower() != "param" \
                or not isinstance(cmd[1], Op) or cmd[1].text != "(":
            return False
        for k in range(2, len(cmd) - 2):
            word, equals, value = cmd[k], cmd[k + 1], cmd[k + 2]
            last = word.parts[-1] if isinstance(word, Word) and word.parts else None
            if isinstance(last, Ref) and last.name and isinstance(equals, Op) and equals.text == "=" \
                    and isinstance(value, Word) and all(isinstance(p, Piece) and p.text.endswith("]")
                                                        for p in word.parts[:-1]):  # ``[string]$Scope``
                self.assign(last.name, self.resolve(value))
        return True

    def _ps_append(self, name: str, rest: list) -> None:
        """``$body += "&scope=$scopes"``: a string written on; anything else leaves the value unknown."""
        words = [w for w in rest if isinstance(w, Word)]
        before = self.env.get(self.key(name))
        self.tables.pop(self.key(name), None)
        if before is None or len(words) != 1 or len(rest) != 1 or _command_name(words[0]):
            self.env.pop(self.key(name), None)
            return
        self.env[self.key(name)] = (before + self.resolve(words[0])).named(name)

    def _table_entry(self, target: str) -> tuple[str, Table, str] | None:
        """The hashtable of the script a name reaches into (``body.scope``, ``body['scope']``, the
        ``body.Add`` of a method call): the table's variable, the table, and the member's name."""
        m = _PS_ENTRY.fullmatch(target)
        found = self.tables.get(self.key(m.group(1))) if m is not None else None
        return (m.group(1), found, m.group(2) or m.group(3) or m.group(4)) if found is not None else None  # type: ignore[union-attr]

    def _ps_entry_set(self, target: str, rest: list) -> None:
        """``$body.scope = 'studio'`` or ``$body['scope'] = ...`` on a hashtable of the script."""
        entry = self._table_entry(target)
        if entry is not None:
            value = rest[0] if len(rest) == 1 and isinstance(rest[0], Word) else None
            self._ps_entry(entry[1], entry[2], value, rest[0].start if rest else -1)

    def _ps_entry_call(self, target: str, cmd: list) -> bool:
        """``$body.Add('scope', 'studio')`` (and ``.Remove``, ``.Clear``) on a hashtable of the script."""
        entry = self._table_entry(target)
        if entry is None or entry[2].lower() not in ("add", "remove", "clear", "set_item"):
            return False
        base, found, method = entry
        args = [w for w in cmd[1:] if isinstance(w, Word)]
        if method.lower() == "clear":
            found.entries.clear()
        elif args:
            key = self.resolve(args[0])
            if not key.literal_only:  # an entry of a name not known: the whole table is
                self.tables.pop(self.key(base))
            elif method.lower() == "remove":
                found.entries.pop(key.value.lower(), None)
            else:
                self._ps_entry(found, key.value, args[1] if len(args) == 2 else None, args[0].start)
        return True

    @staticmethod
    def _ps_entry(found: Table, key: str, value: Word | None, at: int) -> None:
        """Set ``key`` of a hashtable after it was written. Set so twice (in the two branches of an
        ``if``, read one after the other), its value is not known."""
        if key.lower() in found.later:
            value = None
        found.later.add(key.lower())
        found.entries[key.lower()] = (key, value, at)

    def _urls(self, words: list[Word]) -> None:
        """Celonis URLs handed to other commands: plain HTTP and query-string secrets."""
        for word in words:
            text = self.resolve(word)
            if "://" in text.value and is_celonis(text):
                self.em.celonis_file = True
                self.em.url_checks(text)
