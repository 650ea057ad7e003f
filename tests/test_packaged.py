"""The shipped YAML data files are read through committed JSON twins, which must say the same."""
from __future__ import annotations

import json
import os

import pytest

from scopelint import catalog, packaged
from scopelint.extractors.python import sdk_map


@pytest.mark.parametrize("name", packaged.NAMES)
def test_each_committed_twin_is_the_yaml_file_beside_it(name):
    """Fails after an edit of data/NAME.yaml until ``python -m scopelint.packaged`` is run."""
    with open(os.path.join(packaged.DATA, f"{name}.json"), encoding="utf-8") as fh:
        committed = fh.read()
    assert committed == packaged.twin_text(name), f"data/{name}.json is stale: run python -m scopelint.packaged"
    with open(os.path.join(packaged.DATA, f"{name}.yaml"), encoding="utf-8") as fh:
        assert json.loads(committed)["data"] == packaged.parse_yaml(fh.read())


def test_the_shipped_catalog_is_the_one_the_yaml_file_describes():
    with open(os.path.join(packaged.DATA, "catalog.yaml"), encoding="utf-8") as fh:
        from_yaml = catalog.build(packaged.parse_yaml(fh.read()))
    shipped = catalog.shipped()
    assert shipped == from_yaml
    assert len(shipped.scopes) > 30 and shipped.routes


def test_the_sdk_map_is_the_one_the_yaml_file_describes(monkeypatch, tmp_path):
    twin = sdk_map.sdk_map()
    sdk_map.sdk_map.cache_clear()
    fake = tmp_path / "data"
    fake.mkdir()
    (fake / "pycelonis.yaml").write_bytes(open(os.path.join(packaged.DATA, "pycelonis.yaml"), "rb").read())
    monkeypatch.setattr(packaged, "DATA", str(fake))  # no twin here: the YAML is parsed
    try:
        assert sdk_map.sdk_map() == twin
        assert {"Celonis", "DataPool", "DataModel"} <= set(twin.classes) and "get_celonis" in twin.functions
    finally:
        sdk_map.sdk_map.cache_clear()


def _data(tmp_path, monkeypatch, yaml_text: str, twin: str | None):
    (tmp_path / "catalog.yaml").write_text(yaml_text, encoding="utf-8")
    if twin is not None:
        (tmp_path / "catalog.json").write_text(twin, encoding="utf-8")
    monkeypatch.setattr(packaged, "DATA", str(tmp_path))
    return packaged.load("catalog")


def test_a_twin_that_matches_its_yaml_is_used(tmp_path, monkeypatch):
    text = "version: '1'\nscopes: []\n"
    digest = packaged._digest(text.encode())
    twin = json.dumps({"sha256": digest, "data": {"version": "from the twin"}})
    assert _data(tmp_path, monkeypatch, text, twin) == {"version": "from the twin"}


@pytest.mark.parametrize("twin", [
    json.dumps({"sha256": "0" * 64, "data": {"version": "stale"}}),  # made from another YAML text
    json.dumps({"data": {"version": "no hash"}}),
    json.dumps({"sha256": None, "data": {"version": "null hash"}}),
    "{not json",
    json.dumps(["a", "list"]),
    None,  # no twin at all
])
def test_a_twin_that_does_not_match_its_yaml_is_passed_over(tmp_path, monkeypatch, twin):
    assert _data(tmp_path, monkeypatch, "version: '2'\nscopes: []\n", twin) == {"version": "2", "scopes": []}


def test_a_twin_is_refused_for_values_json_cannot_carry(tmp_path, monkeypatch):
    (tmp_path / "catalog.yaml").write_text("version: '1'\ndate: 2026-12-01\n", encoding="utf-8")
    monkeypatch.setattr(packaged, "DATA", str(tmp_path))
    with pytest.raises(ValueError, match="JSON cannot carry unchanged"):
        packaged.twin_text("catalog")


def test_main_rewrites_the_twins(tmp_path, monkeypatch, capsys):
    for name in packaged.NAMES:
        (tmp_path / f"{name}.yaml").write_text(f"version: '{name}'\n", encoding="utf-8")
        (tmp_path / f"{name}.json").write_text("stale", encoding="utf-8")
    monkeypatch.setattr(packaged, "DATA", str(tmp_path))
    packaged.main()
    for name in packaged.NAMES:
        assert json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))["data"] == {"version": name}
        assert packaged.load(name) == {"version": name}
    assert sorted(os.listdir(tmp_path)) == sorted(f"{n}.{e}" for n in packaged.NAMES for e in ("json", "yaml"))
    assert capsys.readouterr().out.count("wrote ") == len(packaged.NAMES)
