#!/usr/bin/env python
# ruff: noqa: E501
"""Source of eval/dialogs.yaml: blind conversations for the plan bot (issue 8), written from the
plan texts before looking at any reply of the bot. `python eval/build_dialogs.py` regenerates
the YAML; the tune/test split is drawn with a fixed seed, stratified by kind."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_questions import ANN, BTN, KTN, MERGED, NS, NSR, SEED, SK, TC, assign_splits  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NEVER = ["chưa tìm thấy"]
NEVER_ST = ["chưa tìm thấy", "xin lỗi"]
PLANS = [BTN, KTN]
D: list[dict] = []


def T(say, expect=None, never=None, min_lines=None):
    t = {"say": say}
    if expect:
        t["expect"] = expect
    if never:
        t["never"] = never
    if min_lines:
        t["min_lines"] = min_lines
    return t


def dlg(id, kind, *turns):
    D.append({"id": id, "kind": kind, "turns": list(turns)})


# province swaps
dlg(
    "d-prov-bt-kt-train",
    "province_swap",
    T("Bình Thuận đặt chỉ tiêu đào tạo bao nhiêu người về đo lường đến 2025?", [["100"]]),
    T("còn Kon Tum thì sao?", [["25"]], NEVER),
)
dlg(
    "d-prov-kt-bt-ent",
    "province_swap",
    T(
        "Kon Tum đến 2030 hỗ trợ bao nhiêu lượt doanh nghiệp áp dụng chương trình đảm bảo đo lường?",
        [["20"]],
    ),
    T("Bình Thuận thì sao", [["10"]], NEVER),
)
dlg(
    "d-prov-nodiac",
    "province_swap",
    T("muc tieu dao tao 2030 cua kon tum", [["50"]]),
    T("con binh thuan?", [["200"]], NEVER),
)
dlg(
    "d-prov-english",
    "province_swap",
    T("How many enterprises will Kon Tum support by 2025?", [["10"]]),
    T("and Binh Thuan?", [["05", "5 doanh nghiệp", "5 enterprises"]], NEVER),
)
dlg(
    "d-prov-funding",
    "province_swap",
    T("Nguồn kinh phí thực hiện kế hoạch Kon Tum gồm những gì?", [["ngân sách"], ["doanh nghiệp"]]),
    T("Bình Thuận thì sao?", [["sự nghiệp"], ["đầu tư phát triển"], ["doanh nghiệp"]], NEVER),
)
dlg(
    "d-prov-phases",
    "province_swap",
    T("kon tum co bao nhieu giai doan thuc hien", [["2021"], ["2026"]]),
    T("binh thuan thi sao", [["2025"], ["2030"]], NEVER),
)
dlg(
    "d-prov-signer-en",
    "province_swap",
    T("Who signed the Kon Tum plan?", [["Nguyễn Hữu Tháp"]]),
    T("and Binh Thuan?", [NS + ["Phó Chủ tịch", "Vice Chair", "vice-chair"]], NEVER),
)

# year / period swaps
dlg(
    "d-year-bt-ent",
    "year_swap",
    T(
        "Bình Thuận hỗ trợ bao nhiêu doanh nghiệp áp dụng chương trình đảm bảo đo lường đến 2025?",
        [["05", "5 doanh nghiệp"]],
    ),
    T("năm 2030 thì sao?", [["10"]], NEVER),
)
dlg(
    "d-year-kt-labs",
    "year_swap",
    T("Kon Tum cần bao nhiêu phòng thí nghiệm được công nhận đến 2025?", [["01", "1 phòng"]]),
    T("đến 2030?", [["02", "2 phòng"]], NEVER),
)
dlg(
    "d-year-kt-std",
    "year_swap",
    T("Kon Tum xã hội hóa bao nhiêu chất chuẩn, chuẩn đo lường đến 2030?", [["10"]]),
    T("còn 2025?", [["05", "5 chất chuẩn"]], NEVER),
)
dlg(
    "d-year-bt-fields-nodiac",
    "year_swap",
    T("binh thuan giu chuan linh vuc nao den 2025", [["độ dài"]]),
    T("2030 thi sao", [["dung tích"], ["lưu lượng"]], NEVER),
)
dlg(
    "d-year-english",
    "year_swap",
    T("How many people will Binh Thuan train in metrology by 2025?", [["100"]]),
    T("what about 2030?", [["200"]], NEVER),
)
dlg(
    "d-period-kt-training",
    "year_swap",
    T("Theo phụ lục, Kon Tum bồi dưỡng bao nhiêu lượt người giai đoạn 2021-2025?", [["25"]]),
    T("giai đoạn 2026-2030 thì sao?", [["25"]], NEVER),
)

# agency swaps
dlg(
    "d-agency-kt-khdt-tc",
    "agency_swap",
    T("Sở Kế hoạch và Đầu tư Kon Tum có nhiệm vụ gì?", [["lồng ghép"]]),
    T("còn Sở Tài chính?", [["kinh phí"]], NEVER),
)
dlg(
    "d-agency-bt-tc-sk",
    "agency_swap",
    T("Sở Tài chính Bình Thuận làm gì trong kế hoạch?", [["kinh phí"]]),
    T("còn Sở Khoa học và Công nghệ?", [ANN], NEVER, 2),
)
dlg(
    "d-agency-kt-tttt-ubnd",
    "agency_swap",
    T("Sở TT&TT Kon Tum có nhiệm vụ gì?", [["báo chí"]]),
    T("còn UBND các huyện?", [["đề xuất", "chủ trì"], ["nhiệm vụ"]], NEVER),
)
dlg(
    "d-agency-english",
    "agency_swap",
    T(
        "What does Kon Tum's Department of Finance do in the plan?",
        [["kinh phí", "funding", "budget", "funds"]],
    ),
    T(
        "and the Department of Planning and Investment?",
        [["lồng ghép", "integrat"], ["phân bổ", "cân đối", "allocat"]],
        NEVER,
    ),
)
dlg(
    "d-agency-nodiac",
    "agency_swap",
    T("so tai chinh binh thuan lam gi", [["kinh phí"]]),
    T("con hiep hoi doanh nghiep?", [["tuyên truyền", "phổ biến"]], NEVER),
)

# pronoun follow-ups for the last task
dlg(
    "d-task-survey",
    "task_followup",
    T(
        "Ở Kon Tum, ai chủ trì khảo sát, lựa chọn doanh nghiệp áp dụng Chương trình đảm bảo đo lường?",
        [SK],
    ),
    T("phối hợp với ai?", [["doanh nghiệp"]], NEVER),
    T("kết quả dự kiến?", [["05", "5 lượt"], ["10"]], NEVER),
)
dlg(
    "d-task-equipment",
    "task_followup",
    T(
        "Ai chủ trì đầu tư trang thiết bị, chuẩn, chất chuẩn phục vụ thanh tra đo lường ở Kon Tum?",
        [SK],
    ),
    T("thời gian thực hiện?", [["2021"], ["2030"]], NEVER),
    T("kết quả dự kiến?", [["20"]], NEVER),
)
dlg(
    "d-task-training",
    "task_followup",
    T("Ai chủ trì bồi dưỡng chuyên môn nghiệp vụ đo lường ở Kon Tum?", [SK]),
    T("ai phối hợp việc đó?", [["doanh nghiệp"], ["dịch vụ", "cơ quan quản lý"]], NEVER),
)
dlg(
    "d-task-english",
    "task_followup",
    T(
        "Who leads the support for testing and calibration organisations to meet the national criteria in Kon Tum?",
        [SK],
    ),
    T(
        "who are the partners?",
        [
            [
                "tổ chức cung cấp",
                "các tổ chức cung",
                "service provider",
                "organisations providing",
                "organizations providing",
            ]
        ],
        NEVER,
    ),
    T(
        "expected results?",
        [["01", "1 doanh nghiệp", "1 enterprise"], ["02", "2 doanh nghiệp", "2 enterprises"]],
        NEVER,
    ),
)
dlg(
    "d-task-nodiac",
    "task_followup",
    T(
        "ai chu tri tang cuong phoi hop quan ly do luong voi co quan trong va ngoai tinh o kon tum",
        [SK],
    ),
    T("ket qua du kien?", [["05", "5 lượt"]], NEVER),
)
dlg(
    "d-task-check",
    "task_followup",
    T("Kon Tum có nhiệm vụ kiểm tra tình hình thực hiện kế hoạch không?", [["có"]]),
    T("ai chủ trì việc đó?", [SK], NEVER),
    T("bao lâu một lần?", [["hằng năm", "hàng năm"]], NEVER),
)
dlg(
    "d-task-bt-center",
    "task_followup",
    T("Ai chủ trì tăng cường năng lực cho đơn vị giữ chuẩn đo lường ở Bình Thuận?", [SK]),
    T("đơn vị đó là đơn vị nào?", [["Trung tâm Kỹ thuật"]], NEVER),
)

# small talk
dlg(
    "d-small-vi",
    "small_talk",
    T("xin chào", [BTN, KTN], NEVER_ST),
    T("bạn là ai?", None, NEVER_ST),
    T("cảm ơn", None, NEVER_ST),
)
dlg(
    "d-small-en",
    "small_talk",
    T("hello", [BTN, KTN], NEVER_ST),
    T("what can you do?", [BTN + KTN], NEVER_ST),
    T("bye", None, NEVER_ST),
)
dlg(
    "d-small-nodiac",
    "small_talk",
    T("chao ban", [BTN, KTN], NEVER_ST),
    T("ban lam duoc gi", [BTN + KTN], NEVER_ST),
    T("ok", None, NEVER_ST),
    T("tam biet", None, NEVER_ST),
)
dlg(
    "d-small-after-answer",
    "small_talk",
    T("Kế hoạch Kon Tum chia mấy giai đoạn?", [["2021"], ["2026"]]),
    T("cảm ơn nhé", None, NEVER_ST),
    T("ok", None, NEVER_ST),
)
dlg(
    "d-small-then-question",
    "small_talk",
    T("hi", None, NEVER_ST),
    T("Kon Tum ưu tiên những ngành nào?", [["logistics"]], NEVER),
)
dlg(
    "d-small-what",
    "small_talk",
    T("bạn làm được gì?", [BTN, KTN], NEVER_ST),
    T("thanks", None, NEVER_ST),
)

# merged provinces (2025 administrative map)
dlg(
    "d-merged-ld",
    "merged",
    T("Lâm Đồng có kế hoạch đo lường hỗ trợ doanh nghiệp không?", [BTN, MERGED]),
)
dlg(
    "d-merged-qn-train",
    "merged",
    T("Mục tiêu bồi dưỡng về đo lường của Quảng Ngãi đến 2030?", [["50"], KTN, MERGED]),
)
dlg(
    "d-merged-swap",
    "merged",
    T("Bình Thuận đào tạo bao nhiêu người về đo lường đến 2030?", [["200"]]),
    T("còn Quảng Ngãi thì sao?", [["50"], KTN], NEVER),
)
dlg(
    "d-merged-en",
    "merged",
    T("What are Lam Dong's metrology training targets by 2025?", [["100"], BTN]),
)
dlg(
    "d-merged-qn-nodiac",
    "merged",
    T("quang ngai uu tien nganh nao trong ke hoach do luong", [["logistics"], KTN]),
)

# a complete new question replaces the context
dlg(
    "d-new-funding",
    "new_question",
    T("Kon Tum bồi dưỡng bao nhiêu lượt người đến 2025?", [["25"]]),
    T(
        "Nguồn kinh phí thực hiện kế hoạch Bình Thuận gồm những gì?",
        [["sự nghiệp"], ["đầu tư phát triển"], ["doanh nghiệp"]],
    ),
)
dlg(
    "d-new-day",
    "new_question",
    T("Sở Tài chính Kon Tum làm gì?", [["kinh phí"]]),
    T("Ngày đo lường Việt Nam là ngày nào?", [["20/01", "20/1", "20 tháng 1"]]),
)
dlg(
    "d-new-province-in-question",
    "new_question",
    T("Bình Thuận hỗ trợ bao nhiêu doanh nghiệp đến 2030?", [["10"]]),
    T("Kon Tum cần mấy phòng thí nghiệm được công nhận đến 2025?", [["01", "1 phòng"]]),
)

# answer shapes
dlg(
    "d-shape-bt-targets-2025",
    "shape",
    T(
        "Mục tiêu đến năm 2025 của Bình Thuận là gì?",
        [["100"], ["05", "5 doanh nghiệp"], ["độ dài", "giữ chuẩn"]],
        None,
        3,
    ),
)
dlg(
    "d-shape-kt-targets-en",
    "shape",
    T(
        "What are Kon Tum's targets for 2025?",
        [
            ["05", "5 chất chuẩn", "5 standards"],
            ["25"],
            ["10"],
            ["01", "1 phòng", "1 lab", "one lab"],
        ],
        None,
        4,
    ),
)
dlg("d-shape-kt-number", "shape", T("kế hoạch kon tum số mấy, ban hành ngày nào?", [NS]))
dlg(
    "d-shape-bt-money",
    "shape",
    T("kế hoạch Bình Thuận có tổng kinh phí bao nhiêu?", [NS, ["ngân sách"]]),
)
dlg("d-shape-kt-achieved", "shape", T("mục tiêu 2025 của Kon Tum đã đạt chưa?", [NSR, ["25"]]))
dlg(
    "d-shape-kt-sk-duties",
    "shape",
    T(
        "Sở Khoa học và Công nghệ Kon Tum được giao những việc gì?",
        [ANN, ["kinh phí"], ["báo cáo"]],
        None,
        3,
    ),
)
dlg(
    "d-shape-bt-assoc",
    "shape",
    T(
        "các hội, hiệp hội doanh nghiệp Bình Thuận có vai trò gì?",
        [["tuyên truyền", "phổ biến"], ["hỗ trợ", "tạo điều kiện"]],
        None,
        2,
    ),
)
dlg(
    "d-shape-kt-legal",
    "shape",
    T("Căn cứ pháp lý của kế hoạch Kon Tum?", [["996"], ["82"], ["3807"], ["510"]], None, 4),
)
dlg(
    "d-shape-compare",
    "shape",
    T("So sánh mục tiêu đào tạo của hai tỉnh đến 2030", [["200"], ["50"], BTN, KTN], None, 2),
)
dlg(
    "d-shape-bt-budget-roles",
    "shape",
    T("Kinh phí kế hoạch Bình Thuận ai lập dự toán, ai tham mưu bố trí?", [SK, TC]),
)

HEADER = """\
# Blind conversations and answer shapes for the plan bot (issues 7 and 8), written from the plan
# texts before and without looking at the bot's replies. Generated by eval/build_dialogs.py.
#
# Same format as ../shared/eval/dev_dialogs.yaml; run through the real bot over the Bot API
# stand-in:   python3 ../shared/tools/dialogs.py eval/dialogs.yaml -v
# Each dialog is one private chat; its turns are sent in order, each after the previous reply.
# A turn holds when the reply (all messages it sent, HTML tags removed, lower-cased, without
# diacritics) contains every `expect` group (any one alternative of a group), none of the
# `never` strings, and at least `min_lines` non-empty lines.
#
# Extra fields (ignored by dialogs.py): `kind` (province_swap, year_swap, agency_swap,
# task_followup, small_talk, merged, new_question, shape) and `split` (tune | test, drawn with
# the same seeded, kind-stratified procedure as eval/questions.yaml). The test half must never
# be used for tuning.
"""


def main() -> int:
    assign_splits(D, SEED)
    out = [HEADER]
    for d in D:
        lines = [f"- id: {d['id']}", f"  kind: {d['kind']}", f"  split: {d['split']}", "  turns:"]
        for t in d["turns"]:
            lines.append(f"    - say: {json.dumps(t['say'], ensure_ascii=False)}")
            for k in ("expect", "never", "min_lines"):
                if k in t:
                    lines.append(f"      {k}: {json.dumps(t[k], ensure_ascii=False)}")
        out.append("\n".join(lines) + "\n")
    (ROOT / "eval" / "dialogs.yaml").write_text("\n".join(out), encoding="utf-8")
    kinds = sorted({d["kind"] for d in D})
    for k in kinds:
        n = [d for d in D if d["kind"] == k]
        print(
            f"{k:14s} tune={sum(d['split'] == 'tune' for d in n)} test={sum(d['split'] == 'test' for d in n)}"
        )
    print(f"{len(D)} dialogs, {sum(len(d['turns']) for d in D)} turns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
