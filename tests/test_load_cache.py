"""The parse cache behind `make check` and the build: same result as parsing, never stale."""

from __future__ import annotations

from macros.load import load_yaml, load_yaml_cached


def test_cached_load_equals_parse_and_follows_edits(tmp_path):
    path, cache = tmp_path / "x.yml", tmp_path / "cache"
    path.write_text("- id: a\n  start: 10:30\n  ok: no\n", encoding="utf-8")
    _first, problems = load_yaml_cached(path, "curriculum/x.yml", cache)
    assert problems == [] and list(cache.iterdir())
    again, _ = load_yaml_cached(path, "curriculum/x.yml", cache)
    parsed, _ = load_yaml(path, "curriculum/x.yml")
    assert again.data == parsed.data == [{"id": "a", "start": "10:30", "ok": "no"}]
    assert again.lines == parsed.lines and again.key_lines == parsed.key_lines
    path.write_text("- id: b\n", encoding="utf-8")
    edited, _ = load_yaml_cached(path, "curriculum/x.yml", cache)
    assert edited.data == [{"id": "b"}]


def test_problems_are_found_every_time(tmp_path):
    path, cache = tmp_path / "x.yml", tmp_path / "cache"
    path.write_text("a: 1\na: 2\n", encoding="utf-8")
    for _ in range(2):
        loaded, problems = load_yaml_cached(path, "curriculum/x.yml", cache)
        assert loaded is None and "står to ganger" in problems[0].message
