"""The self-describing index folder: build (incremental, atomic), verify and load.

Layout::

    index/CURRENT                 name of the active build (replaced atomically)
    index/builds/<name>/manifest.json
    index/builds/<name>/vectors.faiss
    index/builds/<name>/chunks.jsonl
    index/builds/<name>/facts.json

A build is written completely into a fresh folder before CURRENT points at it, so a crash
mid-build leaves the previous index serving and never a half index that loads.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from bot import __version__
from bot.chunking import Chunk, chunk_plan
from bot.documents import PlanDocument, load_plans
from bot.drafts import describe, draft_for
from bot.embedding import Encoder
from bot.errors import IndexMismatchError, IndexMissingError, PlanBotError
from bot.settings import Settings

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
BUILD_HINT = "Build it with: python scripts/build_index.py"
KEEP_OLD_BUILDS = 1
# OCR text of scanned plans, by file hash (bot.ocr), inside the index folder.
OCR_CACHE = "ocr-cache"


class BuildError(PlanBotError):
    """The build could not produce a trustworthy index (nothing was replaced)."""


@dataclass(frozen=True)
class PlanInfo:
    """What the bot can say about a loaded plan."""

    id: str
    province: str
    title: str
    document_number: str | None
    date: str | None
    # True when the plan's facts were drafted at build (no curated file): not yet reviewed.
    facts_drafted: bool = False


@dataclass
class RefreshReport:
    """What a build did, for people (build script, /reload)."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    # Plans whose facts were drafted automatically (no curated file; not reviewed).
    drafted: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    embedded_chunks: int = 0
    reused_chunks: int = 0
    total_chunks: int = 0
    seconds: float = 0.0
    wrote_index: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """One short Vietnamese paragraph."""

        def names(ids: list[str]) -> str:
            return ", ".join(ids) if ids else "không có"

        lines = [
            f"Thêm: {names(self.added)}; thay đổi: {names(self.changed)}; "
            f"gỡ bỏ: {names(self.removed)}; giữ nguyên: {names(self.kept)}.",
            f"Có dữ kiện (facts): {names(self.facts)}"
            + (f" (tự trích, chưa được rà soát: {names(self.drafted)})." if self.drafted else "."),
            f"Đoạn văn: {self.total_chunks} (nhúng mới {self.embedded_chunks}, "
            f"dùng lại {self.reused_chunks}); {self.seconds:.1f} giây.",
        ]
        lines += [f"Lưu ý: {w}" for w in self.warnings]
        lines += [f"Lỗi: {e}" for e in self.errors]
        if not self.wrote_index:
            lines.append("Chỉ mục không thay đổi.")
        return "\n".join(lines)


@dataclass
class LoadedIndex:
    """An index read from disk and verified."""

    path: Path
    manifest: dict[str, Any]
    chunks: list[Chunk]
    vectors: faiss.Index
    facts: dict[str, dict[str, Any]]

    def plans(self) -> list[PlanInfo]:
        docs = self.manifest["documents"]
        return [
            PlanInfo(
                id=pid,
                province=d["province"],
                title=d["title"],
                document_number=d.get("document_number"),
                date=d.get("date"),
                facts_drafted=bool(d.get("facts_drafted", False)),
            )
            for pid, d in sorted(docs.items())
        ]


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def current_build_dir(index_dir: Path) -> Path | None:
    """The active build folder, or None when no index was built."""
    pointer = index_dir / "CURRENT"
    if not pointer.is_file():
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    build = index_dir / "builds" / name
    return build if name and build.is_dir() else None


def _encoder_signature(encoder: Encoder) -> dict[str, Any]:
    return {
        "model": encoder.name,
        "dimension": encoder.dim,
        "fold": bool(getattr(encoder, "fold", False)),
        "query_prefix": getattr(encoder, "query_prefix", ""),
        "passage_prefix": getattr(encoder, "passage_prefix", ""),
    }


def load_index(settings: Settings, encoder: Encoder | None = None) -> LoadedIndex:
    """Read and verify the active index; refuse one built with another model or corrupted."""
    build = current_build_dir(settings.index_dir)
    if build is None:
        raise IndexMissingError(f"No index in {settings.index_dir}. {BUILD_HINT}")
    manifest_path = build / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise IndexMismatchError(
            f"{manifest_path}: unreadable manifest ({exc}). Rebuild: python scripts/build_index.py"
        ) from exc
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexMismatchError(
            f"{build}: index format {manifest.get('format_version')} is not {FORMAT_VERSION}. "
            "Rebuild: python scripts/build_index.py"
        )
    if encoder is not None:
        want = _encoder_signature(encoder)
        have = {k: manifest.get(k) for k in want}
        if have != want:
            raise IndexMismatchError(
                f"{build}: index was built with model {have['model']!r} (dim {have['dimension']}), "
                f"but the bot is set to {want['model']!r} (dim {want['dimension']}). "
                "Rebuild: python scripts/build_index.py"
            )
    for name, digest in manifest.get("files", {}).items():
        path = build / name
        if not path.is_file() or _sha256_file(path) != digest:
            raise IndexMismatchError(
                f"{path}: missing or corrupt (hash differs from the manifest). "
                "Rebuild: python scripts/build_index.py"
            )
    try:
        vectors = faiss.read_index(str(build / "vectors.faiss"))
        with (build / "chunks.jsonl").open(encoding="utf-8") as fh:
            chunks = [Chunk(**json.loads(line)) for line in fh if line.strip()]
        facts = json.loads((build / "facts.json").read_text(encoding="utf-8"))
    except Exception as exc:
        raise IndexMismatchError(
            f"{build}: cannot read index files ({exc}). Rebuild: python scripts/build_index.py"
        ) from exc
    if vectors.ntotal != len(chunks) or vectors.d != manifest["dimension"]:
        raise IndexMismatchError(
            f"{build}: {vectors.ntotal} vectors for {len(chunks)} passages. "
            "Rebuild: python scripts/build_index.py"
        )
    return LoadedIndex(build, manifest, chunks, vectors, facts)


def _previous(
    settings: Settings, encoder: Encoder
) -> tuple[dict[str, np.ndarray], LoadedIndex | None]:
    """Vectors of the active build keyed by passage text, when built with the same model."""
    try:
        old = load_index(settings, encoder)
    except PlanBotError:
        return {}, None
    matrix = old.vectors.reconstruct_n(0, old.vectors.ntotal)
    cache = {_text_key(c.search_text): matrix[i] for i, c in enumerate(old.chunks)}
    return cache, old


def _load_facts(
    settings: Settings, docs: list[PlanDocument], unreadable: set[str]
) -> tuple[dict[str, dict[str, Any]], dict[str, str], list[str]]:
    """Validated fact files packed as JSON, their hashes, and errors (file, fact, reason)."""
    from bot.facts import load_all_facts

    texts = {d.plan_id: d.text for d in docs}
    if not settings.facts_dir.is_dir():
        return {}, {}, []
    good, all_errors = load_all_facts(settings.facts_dir, texts)
    # The fact file of a plan that cannot be read now is judged with that plan, not here.
    errors = [e for e in all_errors if Path(e.file).stem not in unreadable]
    packed = {pid: pf.model_dump(mode="json") for pid, pf in good.items()}
    hashes = {
        pid: _sha256_file(settings.facts_dir / f"{pid}.yaml")
        for pid in good
        if (settings.facts_dir / f"{pid}.yaml").is_file()
    }
    return packed, hashes, [str(e) for e in errors]


def _umask() -> int:
    """The process umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_build(
    index_dir: Path,
    manifest: dict[str, Any],
    chunks: list[Chunk],
    matrix: np.ndarray,
    facts: dict[str, dict[str, Any]],
) -> Path:
    builds = index_dir / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    name = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=builds))
    # mkdtemp makes the folder 0700; the bot may run as another user than the one who
    # builds (a deploy user), so it gets the mode a plain mkdir would (0755 under umask 022).
    tmp.chmod(0o777 & ~_umask())
    index = faiss.IndexFlatIP(int(manifest["dimension"]))
    if len(matrix):
        index.add(matrix)
    faiss.write_index(index, str(tmp / "vectors.faiss"))
    with (tmp / "chunks.jsonl").open("w", encoding="utf-8") as fh:
        for chunk in chunks:
            fh.write(json.dumps(asdict(chunk), ensure_ascii=False) + "\n")
    (tmp / "facts.json").write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    manifest["files"] = {
        n: _sha256_file(tmp / n) for n in ("vectors.faiss", "chunks.jsonl", "facts.json")
    }
    (tmp / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    for path in tmp.iterdir():
        with path.open("rb") as fh:
            os.fsync(fh.fileno())
    final = builds / name
    tmp.rename(final)
    pointer_tmp = index_dir / f".CURRENT.{os.getpid()}"
    pointer_tmp.write_text(name, encoding="utf-8")
    os.replace(pointer_tmp, index_dir / "CURRENT")
    _prune(builds, keep={name})
    return final


def _prune(builds: Path, keep: set[str]) -> None:
    """Remove old builds (a few kept for a process still reading) and crashed temp folders."""
    olds = sorted((p for p in builds.iterdir() if p.is_dir() and p.name not in keep), reverse=True)
    finished = [p for p in olds if not p.name.startswith(".")]
    for path in finished[KEEP_OLD_BUILDS:] + [p for p in olds if p.name.startswith(".")]:
        shutil.rmtree(path, ignore_errors=True)


def build_index(
    settings: Settings,
    encoder: Encoder,
    progress: bool = False,
    echo: Callable[[str], None] | None = None,
) -> RefreshReport:
    """Build or refresh the index from knowledge/; re-embeds only passages whose text changed."""
    started = time.perf_counter()
    say = echo or (lambda _msg: None)
    report = RefreshReport()
    docs, doc_errors = load_plans(settings.plans_dir, settings.index_dir / OCR_CACHE, say)
    report.errors += [str(e) for e in doc_errors]
    if not docs:
        raise BuildError(
            f"No readable plan in {settings.plans_dir} (.txt, .pdf or .docx)"
            + (": " + "; ".join(report.errors) if report.errors else "")
        )
    unreadable = {Path(e.path).stem for e in doc_errors}
    facts, fact_hashes, fact_errors = _load_facts(settings, docs, unreadable)
    if fact_errors:
        raise BuildError("Fact files failed validation:\n" + "\n".join(fact_errors))
    for doc in docs:
        report.warnings += list(doc.warnings)
        if doc.plan_id in facts:
            continue
        draft, notes = draft_for(doc)
        report.warnings += notes
        if draft is None:
            report.warnings.append(
                f"{doc.plan_id}: no fact file (knowledge/facts/{doc.plan_id}.yaml); "
                "answers use passages only"
            )
            continue
        facts[doc.plan_id] = draft
        report.drafted.append(doc.plan_id)
        report.warnings.append(
            f"{doc.plan_id}: facts drafted automatically ({describe(draft)}), not reviewed; "
            f"review with scripts/extract_facts.py into knowledge/facts/{doc.plan_id}.yaml"
        )
    report.facts = sorted(facts)

    cache, old = _previous(settings, encoder)
    old_manifest = old.manifest if old else {}
    old_docs = old_manifest.get("documents", {})
    chunks: list[Chunk] = []
    documents: dict[str, Any] = {}
    # A plan that was indexed before but cannot be read now keeps its previous passages.
    for err in doc_errors:
        stem = Path(err.path).stem
        if old and stem in old_docs and stem not in {d.plan_id for d in docs}:
            chunks.extend(c for c in old.chunks if c.plan == stem)
            documents[stem] = old_docs[stem]
            report.kept.append(stem)
            report.warnings.append(f"{stem}: kept the previously indexed version ({err.reason})")
            if stem in old.facts:
                facts[stem] = old.facts[stem]
                fact_hashes[stem] = old_manifest.get("facts_files", {}).get(stem, "")
    for doc in docs:
        doc_chunks = chunk_plan(doc.plan_id, doc.province, doc.text)
        chunks.extend(doc_chunks)
        documents[doc.plan_id] = {
            "file": doc.path.name,
            "sha256": doc.sha256,
            "chunks": len(doc_chunks),
            "province": doc.province,
            "title": doc.title,
            "issuing_body": doc.issuing_body,
            "document_number": doc.document_number,
            "date": doc.date,
            "facts": doc.plan_id in facts,
            "facts_drafted": doc.plan_id in report.drafted,
            "province_source": doc.province_source,
        }
        previous = old_docs.get(doc.plan_id)
        if previous is None:
            report.added.append(doc.plan_id)
        elif previous["sha256"] != doc.sha256:
            report.changed.append(doc.plan_id)
        else:
            report.kept.append(doc.plan_id)
    report.removed = sorted(set(old_docs) - set(documents))
    report.total_chunks = len(chunks)

    keys = [_text_key(c.search_text) for c in chunks]
    todo = [i for i, k in enumerate(keys) if k not in cache]
    signature = _encoder_signature(encoder)
    unchanged = (
        not todo
        and not report.added
        and not report.changed
        and not report.removed
        and old_manifest.get("facts_files") == fact_hashes
        and old is not None
        and old.facts == facts
        and old_manifest.get("chunk_count") == len(chunks)
        and all(old_manifest.get(k) == v for k, v in signature.items())
    )
    if unchanged:
        report.reused_chunks = len(chunks)
        report.seconds = time.perf_counter() - started
        return report

    if todo:
        say(f"Embedding {len(todo)} passages with {encoder.name} …")
        fresh = encoder.encode_passages([chunks[i].search_text for i in todo], progress=progress)
        for i, vec in zip(todo, fresh, strict=True):
            cache[keys[i]] = vec
    report.embedded_chunks = len(todo)
    report.reused_chunks = len(chunks) - len(todo)
    matrix = (
        np.stack([cache[k] for k in keys]).astype("float32")
        if chunks
        else np.zeros((0, encoder.dim), "float32")
    )
    manifest = {
        "format_version": FORMAT_VERSION,
        "package_version": __version__,
        **signature,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "chunk_count": len(chunks),
        "documents": documents,
        "facts_files": fact_hashes,
    }
    final = _write_build(settings.index_dir, manifest, chunks, matrix, facts)
    report.wrote_index = True
    report.seconds = time.perf_counter() - started
    log.info("index written to %s", final)
    return report
