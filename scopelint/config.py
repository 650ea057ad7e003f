"""Find and validate configuration; merge defaults < file < command line.

Configuration lives in ``[tool.scopelint]`` of ``pyproject.toml``, or in ``.scopelint.toml`` /
``.scopelint.yaml``, found by walking up from the first path. Unknown keys and codes are errors.
"""
from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from .findings import LEVELS
from .limits import (DEFAULT_FILE_TIMEOUT, DEFAULT_MAX_DEPTH, DEFAULT_MAX_FILE_SIZE, FILE_TIMEOUT_RANGE, MAX_DEPTH_RANGE,
                     MAX_FILE_SIZE_RANGE, Limits)
from .located import short
from .records import field, record

FAIL_ON = ("error", "warning", "note", "never")
# the numeric settings: key -> (Config attribute, whole numbers only, (lowest, highest), unit)
BOUNDS = {
    "max-file-size": ("max_file_size", True, MAX_FILE_SIZE_RANGE, "bytes"),
    "max-depth": ("max_depth", True, MAX_DEPTH_RANGE, "levels"),
    "file-timeout": ("file_timeout", False, FILE_TIMEOUT_RANGE, "seconds"),
}
CONFIG_FILES = (".scopelint.toml", ".scopelint.yaml", ".scopelint.yml", "pyproject.toml")
KEYS = ("select", "ignore", "exclude", "fail-on", "catalog", "rules", "per-path-ignores",
        "max-file-size", "max-depth", "file-timeout", "follow-symlinks", "oauth-clients")


class ConfigError(ValueError):
    """A configuration problem; the message is one line and names the file and key."""


@record
class Config:
    """The settings of a run, from the configuration file and the command line."""

    select: tuple[str, ...] | None = None  # None: every rule
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str = "error"
    catalogs: tuple[str, ...] = ()  # absolute or cwd-relative paths
    levels: Mapping[str, str] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    max_depth: int = DEFAULT_MAX_DEPTH
    file_timeout: float = DEFAULT_FILE_TIMEOUT
    follow_symlinks: bool = False
    no_ignores: bool = False
    jobs: int | None = None
    path: str | None = None  # the file it came from
    base: str = "."  # the directory config globs are relative to (POSIX, relative to cwd)

    def enabled(self, code: str) -> bool:
        if self.select is not None and not any(_code_matches(code, s) for s in self.select):
            return False
        return not any(_code_matches(code, i) for i in self.ignore)

    @property
    def limits(self) -> Limits:
        return Limits(self.max_file_size, self.max_depth, self.file_timeout)

    def options_for(self, code: str, defaults: Mapping[str, object]) -> dict[str, object]:
        merged = dict(defaults)
        merged.update(self.options.get(code, {}))
        return merged


def _code_matches(code: str, selector: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def check_codes(codes: Sequence[str], where: str, empty_ok: bool = True) -> tuple[str, ...]:
    """``codes`` as given, when each is ``ALL`` or the prefix of a rule's code; a selection
    (``empty_ok=False``) must name at least one."""
    from .rules import BY_CODE, code_range

    if not codes and not empty_ok:
        raise ConfigError(f"{where}: no rule code given, so no rule would run (name codes, e.g. SL001,SL012, or ALL)")
    for code in codes:
        if code != "ALL" and not any(k.startswith(code) for k in BY_CODE) or not code:
            raise ConfigError(f"{where}: unknown rule code {short(code)} (known: {code_range()})")
    return tuple(codes)


def for_paths(paths: Sequence[str], config_file: str | None = None) -> Config:
    """The configuration of a run: ``config_file`` when given, else the nearest configuration
    file above the first path, else the defaults. ``check``, ``suggest``, ``review`` and
    ``linter.run`` all find it here."""
    if config_file:
        if not os.path.exists(config_file):  # a FIFO or device exists: reading it says what it is
            raise ConfigError(f"config file {config_file!r} does not exist")
        return load(Path(config_file))
    found = discover(paths)
    return load(found) if found else Config()


def discover(paths: Sequence[str]) -> Path | None:
    """The nearest configuration file above the first path, or None. A path that cannot be looked
    at (a symbolic link loop, a folder without search permission) is a ``ConfigError``."""
    first = paths[0] if paths else "."
    try:
        return _discover(first)
    except (OSError, RuntimeError) as exc:  # RuntimeError: Path.resolve on a link loop before 3.13
        why = getattr(exc, "strerror", None) or "symbolic link loop"
        raise ConfigError(f"{first}: cannot look for a configuration file there: {why}") from None


def _discover(first: str) -> Path | None:
    start = Path(first).resolve()
    directory = start if start.is_dir() else start.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_section(candidate)):
                return candidate
    return None


def _has_tool_section(path: Path) -> bool:
    from .inputs import MAX_CONFIG_SIZE, TooLarge, read_bytes

    try:
        return b"[tool.scopelint" in read_bytes(path, MAX_CONFIG_SIZE)
    except TooLarge as exc:  # too large to be read as config: say so when it is ours
        return b"[tool.scopelint" in exc.head
    except OSError:
        return False


def load(path: Path) -> Config:
    raw = _read(path)
    base = os.path.relpath(path.parent, Path.cwd()) if path.is_absolute() else str(path.parent)
    return from_mapping(raw, str(path), base.replace(os.sep, "/"))


def _read(path: Path) -> Mapping[str, object]:
    from . import located
    from .inputs import MAX_CONFIG_SIZE, read_text

    try:
        text = read_text(path, MAX_CONFIG_SIZE)
    except OSError as exc:
        raise ConfigError(f"cannot read config {str(path)!r}: {exc.strerror or exc}") from None
    try:
        data = located.load(text, str(path), "yaml" if path.suffix in (".yaml", ".yml") else "toml") or {}
    except located.ParseError as exc:
        raise ConfigError(f"cannot parse config {str(path)!r}: {exc.message} (line {exc.line}, column {exc.col})") from None
    if path.name == "pyproject.toml" and isinstance(data, Mapping):
        tool = data.get("tool", {})
        data = tool.get("scopelint", {}) if isinstance(tool, Mapping) else {}
    if not isinstance(data, Mapping):
        raise ConfigError(f"{path}: configuration must be a mapping")
    return data


def _norm(key: str) -> str:
    return key.replace("_", "-")


def from_mapping(raw: Mapping[str, object], where: str = "config", base: str = ".") -> Config:
    data = {_norm(str(k)): v for k, v in raw.items()}
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(map(short, unknown[:5]))}{', …' if len(unknown) > 5 else ''} (known: {', '.join(KEYS)})")
    cfg = Config(path=where, base=base)
    if "select" in data:
        codes = _str_list(data["select"], "select", where)
        if not codes:
            check_codes(codes, f"{where}: 'select'", empty_ok=False)
        cfg = replace(cfg, select=check_codes(codes, where))
    if "ignore" in data:
        cfg = replace(cfg, ignore=check_codes(_str_list(data["ignore"], "ignore", where), where))
    if "exclude" in data:
        cfg = replace(cfg, exclude=tuple(_str_list(data["exclude"], "exclude", where)))
    if "fail-on" in data:
        cfg = replace(cfg, fail_on=_choice(data["fail-on"], FAIL_ON, "fail-on", where))
    if "catalog" in data:
        cats = _str_list(data["catalog"], "catalog", where)
        cfg = replace(cfg, catalogs=tuple(os.path.normpath(os.path.join(base, c)) for c in cats))
    if "rules" in data:
        levels, options = _rules(data["rules"], where)
        cfg = replace(cfg, levels=levels, options=options)
    if "per-path-ignores" in data:
        cfg = replace(cfg, per_path_ignores=_per_path(data["per-path-ignores"], where))
    for key in BOUNDS:
        if key in data:
            cfg = replace(cfg, **{BOUNDS[key][0]: bounded(key, data[key], where)})
    if "follow-symlinks" in data:
        if not isinstance(data["follow-symlinks"], bool):
            raise ConfigError(f"{where}: 'follow-symlinks' must be true or false")
        cfg = replace(cfg, follow_symlinks=data["follow-symlinks"])
    return cfg


def bounded(key: str, value: object, where: str) -> int | float:
    """A numeric setting within its range (``BOUNDS``); anything else, the range stated."""
    _attr, whole, (low, high), unit = BOUNDS[key]
    number = isinstance(value, int) if whole else isinstance(value, (int, float))
    if not number or isinstance(value, bool) or not math.isfinite(value) or not low <= value <= high:  # type: ignore[arg-type]
        kind = "a whole number" if whole else "a number"
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        raise ConfigError(f"{where}: {key!r} must be {kind} of {unit} from {_num(low)} to {_num(high)}, not {shown}")
    return value  # type: ignore[return-value]


def _num(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def _str_list(value: object, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        return [v for v in value.replace(",", " ").split() if v]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"{where}: {key!r} must be a list of strings")


def _choice(value: object, allowed: tuple[str, ...], key: str, where: str) -> str:
    if value not in allowed:
        raise ConfigError(f"{where}: {key!r} must be one of {', '.join(allowed)}, not {short(value)}")
    return str(value)


def _rules(value: object, where: str) -> tuple[dict[str, str], dict[str, dict[str, object]]]:
    from .rules import BY_CODE

    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: 'rules' must map rule codes to settings")
    levels: dict[str, str] = {}
    options: dict[str, dict[str, object]] = {}
    for code, settings in value.items():
        rule = BY_CODE.get(str(code))
        if rule is None:
            raise ConfigError(f"{where}: unknown rule code {short(code)} in 'rules'")
        if not isinstance(settings, Mapping):
            raise ConfigError(f"{where}: rules.{code} must be a table of settings")
        allowed = dict(getattr(rule, "OPTIONS", {}))
        for key, setting in settings.items():
            key = _norm(str(key))
            if key == "level":
                levels[code] = _choice(setting, LEVELS, f"rules.{code}.level", where)
            elif key in allowed:
                _option(rule, key, setting, allowed[key], f"rules.{code}.{key}", where)
                options.setdefault(str(code), {})[key] = setting
            else:
                known = ", ".join(["level", *allowed])
                raise ConfigError(f"{where}: unknown setting {short(key)} for {code} (known: {known})")
    return levels, options


def _option(rule, key: str, setting: object, default: object, name: str, where: str) -> None:
    """A rule setting must have its default's type; a list setting may only hold the rule's choices."""
    if type(setting) is not type(default) and not (isinstance(default, float) and isinstance(setting, int)):
        raise ConfigError(f"{where}: {name} must be a {type(default).__name__}")
    choices = getattr(rule, "OPTION_CHOICES", {}).get(key)
    if choices and isinstance(setting, list):
        bad = [item for item in setting if item not in choices]
        if bad:
            raise ConfigError(f"{where}: {name} may only hold {', '.join(choices)}, not {short(bad[0])}")


def _per_path(value: object, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: 'per-path-ignores' must map globs to lists of codes")
    return tuple((str(glob), check_codes(_str_list(codes, f"per-path-ignores.{glob}", where), where))
                 for glob, codes in value.items())
