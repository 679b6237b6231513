import json

from hypothesis import given, settings
from hypothesis import strategies as st

from allegiance.scale.shards import MIN_ITEMS, MIN_SHARDS, plan, read_range, shard_size


def _jsonl(path, n):
    path.write_text("".join(json.dumps({"text": f"Article {i} text about Putin and Rahmon."}) + "\n" for i in range(n)))


def test_directories_are_cut_into_file_batches(tmp_path):
    for i in range(7):
        (tmp_path / "d" / f"sub{i % 2}").mkdir(parents=True, exist_ok=True)
        (tmp_path / "d" / f"sub{i % 2}" / f"{i}.txt").write_text(f"text {i}")
    shards, rest = plan([str(tmp_path / "d")], files_per_shard=3)
    assert [len(s.paths) for s in shards] == [3, 3, 1]
    assert sorted(p for s in shards for p in s.paths) == sorted(str(p) for p in (tmp_path / "d").rglob("*.txt"))
    assert rest == []


def test_jsonl_ranges_cover_every_line_once(tmp_path):
    _jsonl(tmp_path / "a.jsonl", 23)
    shards, _ = plan([str(tmp_path / "a.jsonl")], lines_per_shard=5)
    assert len(shards) == 5
    lines = b"".join(read_range(s) for s in shards).splitlines()
    assert len(lines) == 23 and all(json.loads(line)["text"] for line in lines)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(alphabet="abc é\t", min_size=0, max_size=12), min_size=1, max_size=40), st.integers(1, 9))
def test_jsonl_ranges_partition_the_file(tmp_path_factory, rows, per_shard):
    path = tmp_path_factory.mktemp("j") / "x.jsonl"
    data = "".join(json.dumps({"text": r}) + "\n" for r in rows).encode()
    path.write_bytes(data)
    shards, _ = plan([str(path)], lines_per_shard=per_shard)
    assert b"".join(read_range(s) for s in shards) == data
    assert all(read_range(s).endswith(b"\n") for s in shards)


def test_shard_ids_are_stable_and_unshardable_inputs_are_left_over(tmp_path):
    _jsonl(tmp_path / "a.jsonl", 4)
    (tmp_path / "b.warc.gz").write_bytes(b"")
    first, rest = plan([str(tmp_path / "a.jsonl"), str(tmp_path / "b.warc.gz"), "https://example.org/x", "-"])
    again, _ = plan([str(tmp_path / "a.jsonl"), str(tmp_path / "b.warc.gz")])
    assert [s.id for s in first] == [s.id for s in again]
    assert [s.kind for s in first] == ["jsonl", "warc"]
    assert rest == ["https://example.org/x", "-"]


def test_a_small_file_is_cut_evenly_into_enough_shards_for_the_workers(tmp_path):
    _jsonl(tmp_path / "a.jsonl", 300)
    shards, _ = plan([str(tmp_path / "a.jsonl")], lines_per_shard=250)
    sizes = [len(read_range(s).splitlines()) for s in shards]
    assert len(shards) == MIN_SHARDS and sum(sizes) == 300
    assert max(sizes) - min(sizes) <= MIN_SHARDS  # not 250 + 50


@given(st.integers(0, 100_000), st.integers(1, 1_000))
def test_shard_size_keeps_the_cap_and_cuts_enough_even_shards(total, most):
    size = shard_size(total, most)
    pieces = -(-total // size)
    assert 1 <= size <= most
    if total >= MIN_SHARDS * MIN_ITEMS and most * MIN_SHARDS >= total:
        assert pieces >= MIN_SHARDS
    if total:
        assert total - (pieces - 1) * size > size - pieces  # the last shard is no stub
