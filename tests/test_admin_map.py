"""The 2025 administrative map: validation, the provinces table built from it, notes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.admin_map import (
    ADMIN_MAP_FILE,
    AdminMapError,
    current_unit,
    load_admin_map,
    merger_note,
    plans_for_unit,
)
from bot.agency_notes import agency_note, agency_notes
from bot.provinces import PROVINCES, get_province, province_names, unit_label
from bot.query import parse_question

PLANS = {"binh-thuan": "Bình Thuận", "kon-tum": "Kon Tum"}


def test_map_has_34_units_and_every_old_province_once() -> None:
    admin = load_admin_map()
    assert len(admin.units) == 34
    absorbed = [f.name for u in admin.units for f in u.absorbed]
    assert len(absorbed) == 29  # 63 old units, 34 remain (Thừa Thiên Huế is now Huế)
    assert len({*absorbed, *(u.name for u in admin.units)}) == 63
    cities = {u.name for u in admin.units if u.kind == "thành phố"}
    assert cities == {
        "Hà Nội",
        "TP. Hồ Chí Minh",
        "Hải Phòng",
        "Đà Nẵng",
        "Cần Thơ",
        "Thừa Thiên Huế",
    }
    for unit in admin.units:
        assert unit.basis and all(key in admin.sources for key in unit.basis)


def test_provinces_table_comes_from_the_map() -> None:
    assert len(PROVINCES) == 63
    assert len(province_names(current_only=True)) == 34
    assert get_province("phan thiết").merged_into == "Lâm Đồng"  # type: ignore[union-attr]
    assert get_province("Lâm Đồng").current  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Hà Nội", "thành phố Hà Nội"),
        ("hcm", "Thành phố Hồ Chí Minh"),
        ("Hải Phòng", "thành phố Hải Phòng"),
        ("da nang", "thành phố Đà Nẵng"),
        ("Cần Thơ", "thành phố Cần Thơ"),
        ("Huế", "thành phố Huế"),
        ("Kon Tum", "tỉnh Kon Tum"),
        ("Lâm Đồng", "tỉnh Lâm Đồng"),
        ("Quảng Ngãi", "tỉnh Quảng Ngãi"),
    ],
)
def test_unit_label_says_tinh_or_thanh_pho(name: str, label: str) -> None:
    assert unit_label(name) == label


def test_plans_for_a_unit_include_absorbed_provinces() -> None:
    assert plans_for_unit("Lâm Đồng", PLANS) == ("binh-thuan",)
    assert plans_for_unit("lam dong", PLANS) == ("binh-thuan",)
    assert plans_for_unit("Quảng Ngãi", PLANS) == ("kon-tum",)
    assert plans_for_unit("Kon Tum", PLANS) == ("kon-tum",)
    assert plans_for_unit("Gia Lai", PLANS) == ()
    assert plans_for_unit("Atlantis", PLANS) == ()
    assert current_unit("Bình Thuận").name == "Lâm Đồng"  # type: ignore[union-attr]


def test_merger_note() -> None:
    note = merger_note("Bình Thuận")
    assert note is not None
    assert note.startswith(
        "Kế hoạch của tỉnh Bình Thuận (cũ) — nay thuộc tỉnh Lâm Đồng từ 1/7/2025"
    )
    assert "202/2025/QH15" in note
    assert "thành phố Đà Nẵng" in (merger_note("Quảng Nam") or "")
    assert merger_note("Lâm Đồng") is None  # a unit itself
    assert merger_note("Hà Nội") is None


def test_agency_notes() -> None:
    # Department mergers are read from agencies.yaml (`merged_into`), their one copy.
    note = agency_note("Sở Kế hoạch và Đầu tư")
    assert note is not None and "Sở Tài chính" in note and "45/2025/NĐ-CP" in note
    assert "Sở Khoa học và Công nghệ" in (agency_note("sở thông tin và truyền thông") or "")
    assert "Sở Khoa học và Công nghệ" in (agency_note("Sở TT&TT") or "")
    assert "cấp huyện" in (agency_note("UBND các huyện") or "")
    assert agency_note("Sở Tài chính") is None
    text = "gửi Sở Kế hoạch và Đầu tư và Sở Tài chính; phối hợp: UBND các huyện/thành phố"
    assert len(agency_notes(text)) == 2
    assert agency_notes("Sở Khoa học và Công nghệ chủ trì") == []


def test_questions_naming_a_new_unit_reach_the_absorbed_plan() -> None:
    q = parse_question("Tỉnh Quảng Ngãi có kế hoạch đo lường không?", PLANS)
    assert q.plan_ids == ("kon-tum",) and q.unknown_provinces == ()
    assert q.merged_units == ("Quảng Ngãi",)
    q = parse_question("Gia Lai có kế hoạch không?", PLANS)
    assert q.plan_ids == () and q.unknown_provinces == ("Gia Lai",)
    q = parse_question("Bình Thuận đào tạo bao nhiêu người?", PLANS)
    assert q.merged_units == ()


def _write(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load(ADMIN_MAP_FILE.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "admin_map.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["units"][0].update(capital="x"), "units[0].capital"),
        (lambda d: d["units"][0].update(kind="huyện"), "units[0].kind"),
        (lambda d: d["units"].pop(), "expected 34 units"),
        (lambda d: d["units"][3].update(basis=["nq-999"]), "unknown source 'nq-999'"),
        (lambda d: d["units"][3].update(basis=[]), "a legal basis is required"),
        (lambda d: d["district_level"].pop("basis"), "district_level.basis"),
        (
            lambda d: d["units"][1]["absorbed"].append({"name": "Kon Tum"}),
            "'Kon Tum' is listed twice",
        ),
    ],
)
def test_invalid_map_names_file_key_and_problem(tmp_path: Path, mutate, expected: str) -> None:
    path = _write(tmp_path, mutate)
    with pytest.raises(AdminMapError) as err:
        load_admin_map(path)
    assert str(path) in str(err.value) and expected in str(err.value)
