"""Index folder: atomic writes, incremental rebuilds, refusal of bad or mismatched indexes."""

from __future__ import annotations

import hashlib
import json

import faiss
import pytest

from bot.errors import IndexMismatchError, IndexMissingError
from bot.index_store import BuildError, build_index, current_build_dir, load_index
from bot.settings import Settings
from tests.conftest import FakeEncoder


def test_build_then_load_describes_itself(
    tmp_settings: Settings, fake_encoder: FakeEncoder
) -> None:
    report = build_index(tmp_settings, fake_encoder)
    assert report.ok and report.wrote_index
    assert sorted(report.added) == ["binh-thuan", "kon-tum"]
    loaded = load_index(tmp_settings, fake_encoder)
    manifest = loaded.manifest
    assert manifest["model"] == "fake-encoder" and manifest["dimension"] == 64
    assert set(manifest["documents"]) == {"binh-thuan", "kon-tum"}
    assert all(len(d["sha256"]) == 64 for d in manifest["documents"].values())
    assert manifest["chunk_count"] == len(loaded.chunks) == loaded.vectors.ntotal
    assert {"built_at", "package_version", "files"} <= set(manifest)
    assert sum(d["chunks"] for d in manifest["documents"].values()) == len(loaded.chunks)


def test_unchanged_rebuild_embeds_nothing(
    tmp_settings: Settings, fake_encoder: FakeEncoder
) -> None:
    build_index(tmp_settings, fake_encoder)
    before = current_build_dir(tmp_settings.index_dir)
    fake_encoder.calls.clear()
    report = build_index(tmp_settings, fake_encoder)
    assert fake_encoder.calls == []
    assert report.embedded_chunks == 0 and not report.wrote_index
    assert sorted(report.kept) == ["binh-thuan", "kon-tum"]
    assert current_build_dir(tmp_settings.index_dir) == before


def test_changed_plan_reembeds_only_its_changes(
    tmp_settings: Settings, fake_encoder: FakeEncoder
) -> None:
    build_index(tmp_settings, fake_encoder)
    plan = tmp_settings.plans_dir / "kon-tum.txt"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "- Giai đoạn 2: Từ năm 2026 đến 2030.",
            "- Giai đoạn 2: Từ năm 2026 đến 2030.\n\n- Giai đoạn 3: Từ năm 2031 đến 2035.",
        ),
        encoding="utf-8",
    )
    fake_encoder.calls.clear()
    report = build_index(tmp_settings, fake_encoder)
    assert report.changed == ["kon-tum"] and report.kept == ["binh-thuan"]
    # The new bullet, and the listing chunk of its heading that now lists it too.
    assert sum(fake_encoder.calls) == report.embedded_chunks == 2
    assert report.reused_chunks == report.total_chunks - 2
    loaded = load_index(tmp_settings, fake_encoder)
    assert any("Giai đoạn 3: Từ năm 2031 đến 2035" in c.text for c in loaded.chunks)


def test_added_and_removed_plans(tmp_settings: Settings, fake_encoder: FakeEncoder) -> None:
    build_index(tmp_settings, fake_encoder)
    src = tmp_settings.plans_dir / "binh-thuan.txt"
    (tmp_settings.plans_dir / "ninh-thuan.txt").write_text(
        src.read_text(encoding="utf-8").replace("Bình Thuận", "Ninh Thuận"), encoding="utf-8"
    )
    (tmp_settings.plans_dir / "kon-tum.txt").unlink()
    (tmp_settings.facts_dir / "kon-tum.yaml").unlink()
    report = build_index(tmp_settings, fake_encoder)
    assert report.added == ["ninh-thuan"] and report.removed == ["kon-tum"]
    # No fact file: its facts are drafted at build, flagged as not reviewed.
    assert report.drafted == ["ninh-thuan"]
    assert any("ninh-thuan: facts drafted automatically" in w for w in report.warnings)
    loaded = load_index(tmp_settings, fake_encoder)
    plans = {p.id: p.province for p in loaded.plans()}
    assert plans == {"binh-thuan": "Bình Thuận", "ninh-thuan": "Ninh Thuận"}
    drafted = {p.id: p.facts_drafted for p in loaded.plans()}
    assert drafted == {"binh-thuan": False, "ninh-thuan": True}
    draft = loaded.facts["ninh-thuan"]
    assert draft["plan"]["province"] == "Ninh Thuận"
    # The same numbers as Bình Thuận's curated targets, drafted from the text.
    curated = {(t["value"], t["year"]) for t in loaded.facts["binh-thuan"]["targets"]}
    got = {(t["value"], t["year"]) for t in draft["targets"] if t["value"] is not None}
    assert got and got <= curated


def test_model_change_forces_full_rebuild(
    tmp_settings: Settings, fake_encoder: FakeEncoder
) -> None:
    build_index(tmp_settings, fake_encoder)
    other = FakeEncoder(name="other-model", dim=32)
    with pytest.raises(IndexMismatchError, match="Rebuild"):
        load_index(tmp_settings, other)
    report = build_index(tmp_settings, other)
    assert report.embedded_chunks == report.total_chunks > 0
    assert load_index(tmp_settings, other).manifest["dimension"] == 32


def test_corrupt_index_is_refused(tmp_settings: Settings, fake_encoder: FakeEncoder) -> None:
    build_index(tmp_settings, fake_encoder)
    build = current_build_dir(tmp_settings.index_dir)
    assert build is not None
    vectors = build / "vectors.faiss"
    vectors.write_bytes(vectors.read_bytes()[:100])
    with pytest.raises(IndexMismatchError, match="corrupt"):
        load_index(tmp_settings, fake_encoder)


def test_missing_index_says_how_to_build(tmp_settings: Settings, fake_encoder: FakeEncoder) -> None:
    with pytest.raises(IndexMissingError, match="build_index.py"):
        load_index(tmp_settings, fake_encoder)


def test_crash_mid_build_keeps_previous_index(
    tmp_settings: Settings, fake_encoder: FakeEncoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_index(tmp_settings, fake_encoder)
    before = load_index(tmp_settings, fake_encoder)
    plan = tmp_settings.plans_dir / "binh-thuan.txt"
    plan.write_text(plan.read_text(encoding="utf-8") + "\n- Một mục mới.\n", encoding="utf-8")

    def boom(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(faiss, "write_index", boom)
    with pytest.raises(OSError):
        build_index(tmp_settings, fake_encoder)
    monkeypatch.undo()
    after = load_index(tmp_settings, fake_encoder)
    assert after.path == before.path and len(after.chunks) == len(before.chunks)
    # The next good build cleans up the crashed temp folder and succeeds.
    assert build_index(tmp_settings, fake_encoder).wrote_index
    leftovers = [p for p in (tmp_settings.index_dir / "builds").iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_unreadable_plan_reported_others_built(
    tmp_settings: Settings, fake_encoder: FakeEncoder
) -> None:
    (tmp_settings.plans_dir / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    (tmp_settings.plans_dir / "latin1.txt").write_bytes(
        "Kế hoạch".encode("cp1258", "replace") + b"\xff\xfe"
    )
    report = build_index(tmp_settings, fake_encoder)
    assert not report.ok and report.wrote_index
    assert any("broken.pdf" in e for e in report.errors)
    assert any("latin1.txt" in e and "UTF-8" in e for e in report.errors)
    assert {p.id for p in load_index(tmp_settings, fake_encoder).plans()} == {
        "binh-thuan",
        "kon-tum",
    }


def test_previously_indexed_plan_kept_when_it_becomes_unreadable(
    tmp_settings: Settings, fake_encoder: FakeEncoder
) -> None:
    build_index(tmp_settings, fake_encoder)
    (tmp_settings.plans_dir / "kon-tum.txt").write_bytes(b"\xff\xfe\x00broken")
    report = build_index(tmp_settings, fake_encoder)
    assert "kon-tum" in report.kept and any("previously indexed" in w for w in report.warnings)
    loaded = load_index(tmp_settings, fake_encoder)
    assert any(c.plan == "kon-tum" for c in loaded.chunks)


def test_bad_fact_file_fails_build_and_keeps_old_index(
    tmp_settings: Settings, fake_encoder: FakeEncoder
) -> None:
    build_index(tmp_settings, fake_encoder)
    before = current_build_dir(tmp_settings.index_dir)
    facts = tmp_settings.facts_dir / "kon-tum.yaml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace("ít nhất 50 lượt", "ít nhất 500 lượt", 1),
        encoding="utf-8",
    )
    with pytest.raises(BuildError) as info:
        build_index(tmp_settings, fake_encoder)
    message = str(info.value)
    assert "kon-tum.yaml" in message and "not found" in message
    assert current_build_dir(tmp_settings.index_dir) == before


def test_manifest_lists_file_hashes(tmp_settings: Settings, fake_encoder: FakeEncoder) -> None:
    build_index(tmp_settings, fake_encoder)
    build = current_build_dir(tmp_settings.index_dir)
    assert build is not None
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {"vectors.faiss", "chunks.jsonl", "facts.json"}
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((build / name).read_bytes()).hexdigest() == digest
