"""``@record`` behaves as ``@dataclass`` does: each class here is made twice, once by each, from
the same body, and the two are held equal on what scopelint's facts rely on."""
from __future__ import annotations

import copy
import dataclasses
import pathlib
import pickle
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scopelint.records import field, record

BOTH = pytest.mark.parametrize("make", ["dataclass", "record"])


def twins(body, **options):
    """The class ``body`` builds, made by ``dataclass`` and by ``record`` with the same options."""
    frozen = options.pop("frozen", True)
    by_dataclass = dataclasses.dataclass(frozen=frozen, **options)(body())
    by_record = record(frozen=frozen, **options)(body())
    return by_dataclass, by_record


def point():
    class Point:
        """A point with a label."""

        x: int
        y: int = 0
        label: str = field(default="", compare=False)
        tags: list = field(default_factory=list, repr=False)
    return Point


def plain():
    class Plain:
        name: str
        size: int = 1
    return Plain


def after():
    class After:
        a: int
        b: int = field(init=False, default=0)
        seen: list = field(init=False, default_factory=list)

        def __post_init__(self) -> None:
            self.seen.append(self.a)
    return After


CALLS = [((1,), {}), ((1, 2), {}), ((), {"x": 1}), ((1,), {"y": 5, "label": "p"}), ((1, 2, "l", ["t"]), {}),
         ((), {"tags": ["t"], "x": 3})]
BAD_CALLS = [((), {}), ((1, 2, "l", [], 9), {}), ((1,), {"z": 2}), ((1,), {"x": 2}), ((), {"y": 2})]


@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_arguments_bind_to_the_same_fields(args, kwargs):
    d_cls, r_cls = twins(point)
    d, r = d_cls(*args, **kwargs), r_cls(*args, **kwargs)
    assert dataclasses.astuple(d) == dataclasses.astuple(r)
    assert repr(d) == repr(r)
    assert [f.name for f in dataclasses.fields(r)] == ["x", "y", "label", "tags"]


@pytest.mark.parametrize(("args", "kwargs"), BAD_CALLS)
def test_wrong_arguments_are_a_type_error_for_both(args, kwargs):
    d_cls, r_cls = twins(point)
    with pytest.raises(TypeError):
        d_cls(*args, **kwargs)
    with pytest.raises(TypeError) as raised:
        r_cls(*args, **kwargs)
    assert "Point.__init__()" in str(raised.value)


def test_the_messages_name_what_is_wrong():
    _, cls = twins(point)
    with pytest.raises(TypeError, match=r"missing 1 required positional argument: 'x'"):
        cls()
    with pytest.raises(TypeError, match=r"unexpected keyword argument 'z'"):
        cls(1, z=2)
    with pytest.raises(TypeError, match=r"multiple values for argument 'x'"):
        cls(1, x=2)
    with pytest.raises(TypeError, match=r"takes 5 positional arguments but 6 were given"):
        cls(1, 2, "l", [], 9)


def test_a_default_factory_gives_each_instance_its_own_value():
    _, cls = twins(point)
    a, b = cls(1), cls(2)
    a.tags.append("t")
    assert b.tags == []


def test_equality_reads_compared_fields_of_the_same_class_only():
    d_cls, r_cls = twins(point)
    assert r_cls(1, 2, "a") == r_cls(1, 2, "b")  # label is not compared
    assert r_cls(1, 2) != r_cls(1, 3)
    assert r_cls(1, 2) != d_cls(1, 2)  # another class, even with the same fields
    assert r_cls(1) != (1, 0)
    assert (r_cls(1, 2) == r_cls(1, 3)) is (d_cls(1, 2) == d_cls(1, 3))


def test_a_frozen_record_hashes_as_the_dataclass_does_and_refuses_changes():
    d_cls, r_cls = twins(plain)
    assert hash(r_cls("a", 2)) == hash(d_cls("a", 2)) == hash(("a", 2))
    assert len({r_cls("a", 2), r_cls("a", 2), r_cls("b", 2)}) == 2
    item = r_cls("a")
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'name'"):
        item.name = "b"
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'size'"):
        del item.size
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.other = 1  # not a field, but on the class itself: refused as dataclass refuses it
    assert item == r_cls("a", 1)


def test_a_mutable_record_compared_by_value_is_unhashable_and_can_change():
    d_cls, r_cls = twins(plain, frozen=False)
    item = r_cls("a")
    item.size = 5
    assert item == r_cls("a", 5)
    with pytest.raises(TypeError):
        hash(item)
    with pytest.raises(TypeError):
        hash(d_cls("a"))


def test_without_equality_a_record_is_compared_and_hashed_by_identity():
    _, cls = twins(plain, frozen=False, eq=False)
    a, b = cls("a"), cls("a")
    assert a != b and a == a
    assert len({a, b}) == 2


def test_an_explicit_hash_or_equality_in_the_body_is_kept():
    def body():
        class Keyed:
            key: str
            note: str = ""

            def __eq__(self, other: object) -> bool:
                return isinstance(other, Keyed) and other.key == self.key

            def __hash__(self) -> int:
                return hash(self.key)
        return Keyed

    _, cls = twins(body)
    assert cls("k", "a") == cls("k", "b")
    assert hash(cls("k", "a")) == hash("k")


@given(st.lists(st.tuples(st.text(max_size=3), st.integers(-3, 3)), max_size=8))
def test_order_is_the_order_of_the_compared_fields(rows):
    d_cls, r_cls = twins(plain, order=True)
    assert [dataclasses.astuple(p) for p in sorted(r_cls(*row) for row in rows)] == \
        [dataclasses.astuple(p) for p in sorted(d_cls(*row) for row in rows)]
    if len(rows) >= 2:
        a, b = r_cls(*rows[0]), r_cls(*rows[1])
        assert (a < b, a <= b, a > b, a >= b) == (rows[0] < rows[1], rows[0] <= rows[1], rows[0] > rows[1],
                                                  rows[0] >= rows[1])


@given(st.integers(), st.integers(), st.text(max_size=5))
def test_equality_hash_and_repr_match_the_dataclass(x, y, label):
    d_cls, r_cls = twins(point)
    d, r = d_cls(x, y, label), r_cls(x, y, label)
    assert repr(d) == repr(r)
    assert (r == r_cls(x, y)) is (d == d_cls(x, y))


def test_post_init_runs_after_the_fields_and_init_false_fields_take_their_defaults():
    d_cls, r_cls = twins(after, frozen=False)
    d, r = d_cls(4), r_cls(4)
    assert (r.a, r.b, r.seen) == (d.a, d.b, d.seen) == (4, 0, [4])
    with pytest.raises(TypeError):
        r_cls(4, 1)  # b is not an argument


def test_replace_fields_pickle_and_copy_work_on_a_record():
    _, cls = twins(point)
    item = cls(1, 2, "l", ["t"])
    moved = dataclasses.replace(item, y=9)
    assert (moved.x, moved.y, moved.label, moved.tags) == (1, 9, "l", ["t"])
    assert dataclasses.is_dataclass(item)
    assert dataclasses.asdict(item) == {"x": 1, "y": 2, "label": "l", "tags": ["t"]}
    assert copy.deepcopy(item) == item


@record
class Pickled:
    """A module-level record (pickle finds classes by name)."""

    name: str
    items: tuple = ()


def test_a_frozen_record_crosses_a_process_boundary():
    item = Pickled("a", (1, 2))
    back = pickle.loads(pickle.dumps(item))
    assert back == item and hash(back) == hash(item)
    with pytest.raises(dataclasses.FrozenInstanceError):
        back.name = "b"


def test_a_record_without_a_docstring_gets_one_without_inspect():
    _, cls = twins(plain)
    assert cls.__doc__ == "Plain"
    assert twins(point)[1].__doc__ == "A point with a label."


def test_no_module_of_scopelint_uses_dataclass_directly():
    """Every data class of the package is a record: one ``@dataclass`` costs about 0.7 ms of start-up."""
    package = pathlib.Path(__file__).resolve().parent.parent / "scopelint"
    users = [str(p.relative_to(package)) for p in package.rglob("*.py")
             if p.name != "records.py" and re.search(r"^\s*@(dataclasses\.)?dataclass\b", p.read_text(), re.M)]
    assert users == []
