"""Data classes made without compiling code at import: ``@record`` for ``@dataclass``.

``dataclasses.dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``
(and, for a frozen class, ``__setattr__`` and ``__delattr__``) as source text and compiles it, about
0.7 ms a class on the benchmark machine: 26 ms of a 72 ms one-file check loading 35 classes, and as
much again when a large tree loads every extractor before its worker processes start. ``record``
leaves ``dataclass`` the bookkeeping only (the fields and their ``field(...)`` options, so
``dataclasses.fields``, ``replace`` and ``is_dataclass`` work as before) and gives the class methods
shared by all records, which read tables built once per class from its fields.

The behaviour is ``dataclass``'s, and ``tests/test_records.py`` holds them equal: keyword and
positional arguments, defaults and default factories, ``init=False`` fields, ``__post_init__``,
``compare``, ``repr`` and ``hash`` of each field, equality only between instances of the same class,
the hash of a frozen class, no hash for a mutable one with equality, ``order=True``, and
``FrozenInstanceError`` on assigning to or deleting a field of a frozen one. Not supported (nothing
here uses them, and ``record`` refuses them): ``InitVar`` and keyword-only fields, and ``slots``.
"""
from __future__ import annotations

import sys
from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, field, fields
from operator import attrgetter
from typing import Any, Callable, TypeVar

__all__ = ["field", "record"]

T = TypeVar("T")

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # pragma: no cover - type checkers only
    def dataclass_transform(**_: object) -> Callable[[T], T]:
        return lambda f: f


@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def record(cls: type[T] | None = None, /, *, frozen: bool = True, eq: bool = True, order: bool = False
           ) -> Any:
    """``@record`` is ``@dataclass(frozen=True)``; ``@record(frozen=False)`` is ``@dataclass``;
    ``eq`` and ``order`` mean what they mean to ``dataclass``."""
    def wrap(c: type[T]) -> type[T]:
        return _build(c, frozen, eq, order)

    return wrap if cls is None else wrap(cls)


def _build(cls: type[T], frozen: bool, eq: bool, order: bool) -> type[T]:
    if order and not eq:
        raise ValueError("eq must be true if order is true")
    own = dict(cls.__dict__)  # what the class body defines is never replaced, as with dataclass
    if not own.get("__doc__"):
        cls.__doc__ = cls.__name__  # dataclass would build one from the signature, importing inspect to do it
    cls = dataclass(init=False, repr=False, eq=False)(cls)  # type: ignore[assignment]  # fields only, no code
    fs = fields(cls)  # type: ignore[arg-type]
    if any(getattr(f, "kw_only", False) is True for f in fs):
        raise TypeError(f"{cls.__name__}: record does not support keyword-only fields")
    name = cls.__name__
    _put(cls, own, "__init__", _init(cls, fs))
    _put(cls, own, "__repr__", _repr([f.name for f in fs if f.repr]))
    compared = [f.name for f in fs if f.compare]
    key = _key(compared)
    if eq:
        _put(cls, own, "__eq__", _eq(key))
    explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    if eq and frozen and not explicit_hash:
        hashed = [f.name for f in fs if (f.compare if f.hash is None else f.hash)]
        cls.__hash__ = _hash(_key(hashed))  # type: ignore[method-assign,assignment]
    elif eq and not explicit_hash:
        cls.__hash__ = None  # type: ignore[assignment]  # mutable and compared by value: unhashable, as dataclass makes it
    if order:
        for method, op in (("__lt__", tuple.__lt__), ("__le__", tuple.__le__),
                           ("__gt__", tuple.__gt__), ("__ge__", tuple.__ge__)):
            if method in own:
                raise TypeError(f"Cannot overwrite attribute {method} in class {name}. Consider using functools.total_ordering")
            setattr(cls, method, _compare(key, op))
    if frozen:
        for method in ("__setattr__", "__delattr__"):
            if method in own:
                raise TypeError(f"Cannot overwrite attribute {method} in class {name}")
        names = frozenset(f.name for f in fs)
        cls.__setattr__ = _frozen(cls, names, "assign to")  # type: ignore[method-assign,assignment]
        cls.__delattr__ = _frozen(cls, names, "delete")  # type: ignore[method-assign,assignment]
    return cls


def _put(cls: type, own: dict[str, object], attr: str, method: Callable[..., Any]) -> None:
    if attr not in own:
        method.__qualname__ = f"{cls.__qualname__}.{attr}"
        setattr(cls, attr, method)


def _init(cls: type, fs: tuple[Field, ...]) -> Callable[..., None]:
    """``__init__``: the defaults, then the arguments over them; anything missing or unknown is the
    ``TypeError`` dataclass raises. The work is dictionary updates, so a call costs about what the
    compiled ``__init__`` of a dataclass does."""
    names = tuple(f.name for f in fs if f.init)
    known = frozenset(names)
    count = len(names)
    size = len({f.name for f in fs if f.init or f.default is not MISSING or f.default_factory is not MISSING})
    defaults = {f.name: f.default for f in fs if f.default is not MISSING}
    factories = tuple((f.name, f.default_factory) for f in fs if f.default_factory is not MISSING)
    post = hasattr(cls, "__post_init__")
    where = f"{cls.__qualname__}.__init__()"

    def wrong(args: tuple, kwargs: dict[str, object], d: dict[str, object]) -> TypeError:
        if len(args) > count:
            return TypeError(f"{where} takes {count + 1} positional arguments but {len(args) + 1} were given")
        for name in kwargs:
            if name not in known:
                return TypeError(f"{where} got an unexpected keyword argument {name!r}")
            if name in names[:len(args)]:
                return TypeError(f"{where} got multiple values for argument {name!r}")
        missing = [n for n in names if n not in d]
        listed = " and ".join(", ".join(repr(m) for m in missing).rsplit(", ", 1))
        noun = "argument" if len(missing) == 1 else "arguments"
        return TypeError(f"{where} missing {len(missing)} required positional {noun}: {listed}")

    every = not factories and size == count  # nothing set but the arguments when all are given

    def __init__(self: object, *args: object, **kwargs: object) -> None:
        d = self.__dict__
        if every and not kwargs and len(args) == count:  # the common call, every field in order: half the time
            d.update(zip(names, args))
            if post:
                self.__post_init__()  # type: ignore[attr-defined]
            return
        d.update(defaults)
        for name, factory in factories:
            d[name] = factory()  # type: ignore[operator]
        d.update(zip(names, args))
        if kwargs:
            if not known.issuperset(kwargs) or args and not kwargs.keys().isdisjoint(names[:len(args)]):
                raise wrong(args, kwargs, d)
            d.update(kwargs)
        if len(d) != size or len(args) > count:
            raise wrong(args, kwargs, d)
        if post:
            self.__post_init__()  # type: ignore[attr-defined]

    return __init__


def _key(names: list[str]) -> Callable[[object], tuple]:
    """The values of the named fields, as a tuple, whatever their number."""
    if not names:
        return lambda _self: ()
    if len(names) == 1:
        get = attrgetter(names[0])
        return lambda self: (get(self),)
    return attrgetter(*names)  # type: ignore[return-value]


def _repr(names: list[str]) -> Callable[[object], str]:
    def __repr__(self: object) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in names)
        return f"{type(self).__qualname__}({shown})"

    return __repr__


def _eq(key: Callable[[object], tuple]) -> Callable[[object, object], bool]:
    def __eq__(self: object, other: object) -> bool:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    return __eq__


def _hash(key: Callable[[object], tuple]) -> Callable[[object], int]:
    def __hash__(self: object) -> int:
        return hash(key(self))

    return __hash__


def _compare(key: Callable[[object], tuple], op: Callable[[tuple, tuple], bool]) -> Callable[[object, object], bool]:
    def compare(self: object, other: object) -> bool:
        if other.__class__ is self.__class__:
            return op(key(self), key(other))
        return NotImplemented

    return compare


def _frozen(cls: type, names: frozenset[str], verb: str) -> Callable[..., None]:
    def refuse(self: object, name: str, *value: object) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot {verb} field {name!r}")
        parent = super(cls, self)
        parent.__setattr__(name, *value) if value else parent.__delattr__(name)

    return refuse
