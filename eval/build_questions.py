#!/usr/bin/env python
# ruff: noqa: E501
"""Source of eval/questions.yaml: the blind question set for the plan bot (issue 7, item 5).

Written from the plan texts (knowledge/plans/*.txt) only, before looking at any answer of the bot.
Run `python eval/build_questions.py` to regenerate eval/questions.yaml (deterministic: the
tune/test split is drawn with a fixed seed, stratified by kind) and `--check` to verify every
evidence string against the plan texts.
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261122

# ---------------------------------------------------------------- vocabulary of answers
SK = [
    "Sở Khoa học và Công nghệ",
    "Sở KH&CN",
    "Sở KHCN",
    "Sở Khoa học & Công nghệ",
    "Department of Science and Technology",
    "Science and Technology",
]
TC = ["Tài chính", "Finance"]
KHDT = ["Kế hoạch và Đầu tư", "KH&ĐT", "KHĐT", "Planning and Investment"]
TTTT = ["Thông tin và Truyền thông", "TT&TT", "TTTT", "Information and Communication"]
ANN = ["kế hoạch hàng năm", "kế hoạch hằng năm", "annual plan"]
UBT = ["UBND tỉnh", "Ủy ban nhân dân tỉnh", "Uỷ ban nhân dân tỉnh", "People's Committee"]
BTN = ["Bình Thuận", "Binh Thuan"]
KTN = ["Kon Tum"]
MERGED = [
    "nay thuộc",
    "sáp nhập",
    "hợp nhất",
    "nhập vào",
    "1/7/2025",
    "01/7/2025",
    "merged",
    "now part",
]
NS = [
    "không nêu",
    "không đề cập",
    "chưa nêu",
    "không có thông tin",
    "không quy định",
    "không ghi",
    "chưa ghi",
    "chưa có thông tin",
    "để trống",
    "bỏ trống",
    "không được nêu",
    "chưa được nêu",
    "không có quy định",
    "not stated",
    "does not state",
    "doesn't state",
    "not specified",
    "not mentioned",
    "does not mention",
    "doesn't mention",
]
NSR = NS + [
    "không báo cáo",
    "chưa có số liệu",
    "không có số liệu",
    "không có kết quả",
    "chưa có kết quả",
    "no results",
    "does not report",
    "doesn't report",
]
NO = ["không"]
YES = ["có"]
D2530 = ["20/01", "20/1", "20 tháng 1", "20 tháng 01", "January 20", "20 January"]

CASES: list[dict] = []


def Q(id, kind, plan, q, evidence, answer):
    CASES.append(
        {"id": id, "kind": kind, "plan": plan, "q": q, "evidence": evidence, "answer": answer}
    )


def OOS(id, kind, q):
    CASES.append({"id": id, "kind": kind, "plan": "none", "q": q, "evidence": [], "answer": []})


# ---------------------------------------------------------------- value: one number, date, name
Q(
    "v-bt-train-2025",
    "value",
    "binh-thuan",
    "Bình Thuận đặt chỉ tiêu bao nhiêu lượt người được tập huấn về đo lường tới 2025?",
    ["Ít nhất 100 lượt người"],
    [["100"]],
)
Q(
    "v-bt-train-2030",
    "value",
    "binh-thuan",
    "đến 2030 bình thuận phải đào tạo tối thiểu bao nhiêu người làm đo lường",
    ["Ít nhất 200 lượt người"],
    [["200"]],
)
Q(
    "v-bt-ent-2025",
    "value",
    "binh-thuan",
    "Bình Thuận hỗ trợ mấy doanh nghiệp áp dụng chương trình đảm bảo đo lường tới năm 2025?",
    ["cho ít nhất 05 doanh nghiệp"],
    [["05", "5 doanh nghiệp"]],
)
Q(
    "v-bt-ent-2030",
    "value",
    "binh-thuan",
    "Số doanh nghiệp Bình Thuận dự kiến triển khai Chương trình bảo đảm đo lường vào năm 2030?",
    ["cho ít nhất 10 doanh nghiệp"],
    [["10"]],
)
Q(
    "v-kt-std-2025",
    "value",
    "kon-tum",
    "Kon Tum cần xã hội hóa được bao nhiêu chất chuẩn, chuẩn đo lường tới 2025?",
    ["ít nhất 05 chất chuẩn"],
    [["05", "5 chất chuẩn"]],
)
Q(
    "v-kt-train-2025",
    "value",
    "kon-tum",
    "Số lượt người Kon Tum bồi dưỡng nghiệp vụ đo lường đến 2025 là bao nhiêu",
    ["ít nhất 25 lượt"],
    [["25"]],
)
Q(
    "v-kt-ent-2030",
    "value",
    "kon-tum",
    "Đến 2030 có bao nhiêu lượt doanh nghiệp ở Kon Tum được triển khai chương trình đảm bảo đo lường?",
    ["nhất 20 lượt doanh nghiệp"],
    [["20"]],
)
Q(
    "v-kt-labs-2030",
    "value",
    "kon-tum",
    "Kon Tum phấn đấu có mấy phòng thí nghiệm được công nhận áp dụng bộ tiêu chí quốc gia vào năm 2030?",
    ["nhất 02 phòng thí nghiệm"],
    [["02", "2 phòng"]],
)
Q(
    "v-metrology-day",
    "value",
    "binh-thuan",
    "Kỷ niệm Ngày Đo lường VN rơi vào ngày nào trong năm?",
    ["Ngày Đo lường Việt Nam (20/01)"],
    [D2530],
)
Q(
    "v-996-date",
    "value",
    "both",
    "Quyết định 996/QĐ-TTg được ký ngày nào?",
    ["996/QĐ-TTg"],
    [["10/8/2018", "10/08/2018", "10 tháng 8 năm 2018", "10 tháng 08 năm 2018"]],
)
Q(
    "v-3807-date",
    "value",
    "both",
    "QĐ 3807/QĐ-BKHCN ban hành ngày bao nhiêu?",
    ["3807/QĐ-BKHCN"],
    [["18/12/2019", "18 tháng 12 năm 2019"]],
)
Q(
    "v-82-date",
    "value",
    "kon-tum",
    "Quyết định 82/QĐ-BKHCN ngày mấy?",
    ["82/QĐ-BKHCN"],
    [["16/01/2019", "16/1/2019", "16 tháng 01 năm 2019", "16 tháng 1 năm 2019"]],
)
Q(
    "v-510-date",
    "value",
    "kon-tum",
    "Quyết định 510/QĐ-BKHCN ký ngày nào vậy?",
    ["510/QĐ-BKHCN"],
    [["17/03/2021", "17/3/2021", "17 tháng 03 năm 2021", "17 tháng 3 năm 2021"]],
)
Q(
    "v-kt-signer-title",
    "value",
    "kon-tum",
    "Người ký kế hoạch Kon Tum giữ chức vụ gì?",
    ["Nguyễn Hữu Tháp", "PHÓ CHỦ TỊCH"],
    [["Phó Chủ tịch"]],
)
Q(
    "v-kt-orgs-2030",
    "value",
    "kon-tum",
    "Kon Tum nâng cao năng lực cho ít nhất bao nhiêu tổ chức dịch vụ kiểm định, hiệu chuẩn, thử nghiệm?",
    ["ít nhất 02 tổ", "02 tổ chức"],
    [["02", "2 tổ chức"]],
)
Q(
    "v-kt-std-appendix",
    "value",
    "kon-tum",
    "Theo phụ lục, Kon Tum phát triển được ít nhất bao nhiêu chuẩn đo lường, phương tiện đo các loại?",
    ["Phát triển được ít nhất 10 chuẩn"],
    [["10"]],
)
Q(
    "v-kt-lab-upgrade",
    "value",
    "kon-tum",
    "Phụ lục Kon Tum: nâng cấp cơ sở vật chất cho mấy phòng thí nghiệm?",
    ["20 chuẩn, chất", "nâng cấp"],
    [["02", "2 phòng"]],
)
Q(
    "v-kt-coord-2025",
    "value",
    "kon-tum",
    "Kon Tum tăng cường phối hợp với cơ quan trong và ngoài tỉnh về quản lý đo lường bao nhiêu lượt giai đoạn 2021-2025?",
    ["ngoài tỉnh"],
    [["05", "5 lượt"]],
)
Q(
    "v-kt-survey-2030",
    "value",
    "kon-tum",
    "Giai đoạn 2026-2030 Kon Tum khảo sát, lựa chọn bao nhiêu lượt doanh nghiệp?",
    ["Khảo sát, đánh giá và lựa chọn doanh nghiệp"],
    [["10"]],
)
Q(
    "v-kt-survey-2025",
    "value",
    "kon-tum",
    "kon tum khảo sát lựa chọn mấy lượt doanh nghiệp trong giai đoạn 2021-2025 theo phụ lục",
    ["Khảo sát, đánh giá và lựa chọn doanh nghiệp"],
    [["05", "5 lượt"]],
)
Q(
    "v-kt-news-2030",
    "value",
    "kon-tum",
    "Bao nhiêu tin bài tuyên truyền Kon Tum dự kiến cho giai đoạn sau 2025?",
    ["5 tin, bài"],
    [["5 tin", "05 tin"]],
)
Q(
    "v-bt-center",
    "value",
    "binh-thuan",
    "Đơn vị giữ chuẩn đo lường của tỉnh Bình Thuận là đơn vị nào?",
    ["đơn vị giữ chuẩn đo lường là Trung tâm"],
    [
        [
            "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng",
            "Trung tâm Kỹ thuật TC-ĐL-CL",
            "Trung tâm Kỹ thuật TCĐLCL",
        ]
    ],
)
Q(
    "v-bt-issuer",
    "value",
    "binh-thuan",
    "Cơ quan nào ban hành kế hoạch đo lường của Bình Thuận?",
    ["UBND tỉnh Bình Thuận ban hành"],
    [UBT + ["UBND"]],
)
Q(
    "v-kt-signer",
    "value",
    "kon-tum",
    "Ai là người ký kế hoạch đo lường của UBND tỉnh Kon Tum vậy?",
    ["Nguyễn Hữu Tháp"],
    [["Nguyễn Hữu Tháp"]],
)
Q(
    "v-kt-year",
    "value",
    "kon-tum",
    "Phụ lục kế hoạch Kon Tum ghi năm ban hành là năm nào?",
    ["Kèm theo Kế hoạch số"],
    [["2021"]],
)
Q(
    "v-kt-iso9001",
    "value",
    "kon-tum",
    "Tổ chức kiểm định ở Kon Tum được chứng nhận theo ISO 9001 phiên bản năm nào?",
    ["9001:2015"],
    [["9001:2015", "2015"]],
)
Q(
    "v-kt-report-freq",
    "value",
    "kon-tum",
    "Sở KHCN Kon Tum báo cáo UBND tỉnh bao lâu một lần?",
    ["định kỳ hàng năm báo cáo"],
    [["hàng năm", "hằng năm", "annual"]],
)
Q(
    "v-bt-elec-milestone",
    "value",
    "binh-thuan",
    "Theo kế hoạch BT, giữ chuẩn điện - điện từ được nâng cao năng lực vào mốc năm nào?",
    ["độ dài, điện"],
    [["2025"]],
)
Q(
    "v-kt-review-result",
    "value",
    "kon-tum",
    "Kết quả dự kiến của nhiệm vụ rà soát văn bản quy phạm pháp luật ở Kon Tum là gì?",
    ["Báo cáo rà soát"],
    [["báo cáo rà soát"]],
)
Q(
    "v-kt-orgs-period",
    "value",
    "kon-tum",
    "Nâng cao năng lực 02 tổ chức dịch vụ kiểm định ở Kon Tum làm trong thời gian nào?",
    ["02 tổ chức", "ít nhất 02 tổ"],
    [["2021"], ["2030"]],
)
Q(
    "v-kt-support-2025",
    "value",
    "kon-tum",
    "Giai đoạn 2021-2025 Kon Tum hỗ trợ mấy doanh nghiệp/tổ chức dịch vụ kiểm định đáp ứng Bộ tiêu chí quốc gia?",
    ["Hỗ trợ các tổ chức cung cấp dịch vụ kiểm định", "01 doanh nghiệp"],
    [["01", "1 doanh nghiệp"]],
)
Q(
    "v-bt-directorate",
    "value",
    "binh-thuan",
    "Kế hoạch Bình Thuận gửi tới tổng cục nào?",
    ["Tổng cục Tiêu chuẩn Đo lường Chất lượng"],
    [["Tổng cục Tiêu chuẩn Đo lường Chất lượng"]],
)
Q(
    "v-kt-report-to",
    "value",
    "kon-tum",
    "Sở Khoa học và Công nghệ Kon Tum báo cáo tình hình thực hiện cho cơ quan nào?",
    ["định kỳ hàng năm báo cáo"],
    [UBT],
)
Q(
    "v-kt-inspect-count",
    "value",
    "kon-tum",
    "kon tum mua bao nhiêu chuẩn, chất chuẩn để phục vụ thử nghiệm, thanh tra đo lường",
    ["20 chuẩn, chất"],
    [["20"]],
)
Q(
    "v-bt-center-2030",
    "value",
    "binh-thuan",
    "Nâng năng lực giữ chuẩn dung tích cho Trung tâm Kỹ thuật ở Bình Thuận là mục tiêu của mốc năm nào?",
    ["khối lượng, dung tích"],
    [["2030"]],
)
Q(
    "v-kt-labs-2025",
    "value",
    "kon-tum",
    "Năm 2025 Kon Tum cần ít nhất mấy phòng thí nghiệm được công nhận áp dụng bộ tiêu chí?",
    ["nhất 01 phòng thí nghiệm"],
    [["01", "1 phòng"]],
)
Q(
    "v-kt-iso17025",
    "value",
    "kon-tum",
    "Tiêu chuẩn quốc gia nào về năng lực phòng thí nghiệm được nêu trong phụ lục Kon Tum?",
    ["17025"],
    [["17025"]],
)
Q(
    "v-bt-train-whom",
    "value",
    "binh-thuan",
    "Ở Bình Thuận, 100 lượt người được đào tạo về đo lường là nhắm tới mốc năm nào?",
    ["Ít nhất 100 lượt người"],
    [["2025"]],
)
Q(
    "v-kt-std-2030",
    "value",
    "kon-tum",
    "mục tiêu xã hội hoá chuẩn đo lường, phương tiện đo của Kon Tum năm 2030 là bao nhiêu",
    ["ít nhất 10 chất chuẩn"],
    [["10"]],
)
Q(
    "v-kt-signing-unit",
    "value",
    "kon-tum",
    "Kế hoạch Kon Tum ký thay mặt cơ quan nào?",
    ["TM. ỦY BAN NHÂN DÂN"],
    [["Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND"]],
)

# ---------------------------------------------------------------- list: every item must be there
Q(
    "l-bt-targets-2025",
    "list",
    "binh-thuan",
    "Các chỉ tiêu đến 2025 của Bình Thuận?",
    ["Mục tiêu đến năm 2025", "Ít nhất 100 lượt người"],
    [["100"], ["05", "5 doanh nghiệp"], ["độ dài", "giữ chuẩn"]],
)
Q(
    "l-bt-targets-2030",
    "list",
    "binh-thuan",
    "liệt kê hết mục tiêu 2030 của Bình Thuận",
    ["Mục tiêu đến năm 2030", "Ít nhất 200 lượt người"],
    [["200"], ["10"], ["dung tích", "lưu lượng", "giữ chuẩn"]],
)
Q(
    "l-kt-targets-2025",
    "list",
    "kon-tum",
    "Kon Tum đặt ra những mục tiêu gì cho năm 2025?",
    ["ít nhất 05 chất chuẩn", "ít nhất 25 lượt"],
    [["05", "5 chất chuẩn"], ["25"], ["10"], ["01", "1 phòng"]],
)
Q(
    "l-kt-targets-2030",
    "list",
    "kon-tum",
    "tất cả chỉ tiêu đến năm 2030 của Kon Tum",
    ["ít nhất 10 chất chuẩn", "ít nhất 50 lượt"],
    [["10"], ["50"], ["20"], ["02", "2 phòng"]],
)
Q(
    "l-bt-targets-all",
    "list",
    "binh-thuan",
    "Mục tiêu cụ thể của kế hoạch Bình Thuận gồm những gì?",
    ["Mục tiêu cụ thể", "Ít nhất 100 lượt người"],
    [["100"], ["200"], ["05", "5 doanh nghiệp"], ["10"], ["độ dài"], ["dung tích", "lưu lượng"]],
)
Q(
    "l-kt-targets-all",
    "list",
    "kon-tum",
    "Các mục tiêu cụ thể của Kon Tum, cả mốc 2025 lẫn 2030?",
    ["Mục tiêu cụ thể", "ít nhất 25 lượt"],
    [["05", "5 chất chuẩn"], ["25"], ["01", "1 phòng"], ["50"], ["20"], ["02", "2 phòng"]],
)
Q(
    "l-bt-legal",
    "list",
    "binh-thuan",
    "Kế hoạch Bình Thuận căn cứ vào những văn bản nào?",
    ["Quyết định số 996/QĐ-TTg", "3807/QĐ-"],
    [["996"], ["3807"]],
)
Q(
    "l-kt-legal",
    "list",
    "kon-tum",
    "Căn cứ pháp lý của kế hoạch Kon Tum là gì?",
    ["996/QĐ-TTg", "82/QĐ-BKHCN"],
    [["996"], ["82/QĐ", "82"], ["3807"], ["510"]],
)
Q(
    "l-kt-ministry-decisions",
    "list",
    "kon-tum",
    "Kon Tum viện dẫn những quyết định nào của Bộ Khoa học và Công nghệ?",
    ["82/QĐ-BKHCN", "510/QĐ-BKHCN"],
    [["82"], ["3807"], ["510"]],
)
Q(
    "l-bt-funding",
    "list",
    "binh-thuan",
    "Tiền để làm kế hoạch đo lường ở Bình Thuận lấy từ đâu?",
    ["Nguồn kinh phí chi sự nghiệp khoa học", "NGUỒN KINH PHÍ THỰC HIỆN"],
    [["sự nghiệp"], ["đầu tư phát triển"], ["doanh nghiệp"], ["hợp pháp khác", "nguồn hợp pháp"]],
)
Q(
    "l-kt-funding",
    "list",
    "kon-tum",
    "Kon Tum lấy kinh phí thực hiện kế hoạch từ các nguồn nào?",
    ["Nguồn kinh phí thực hiện", "đóng góp của doanh nghiệp"],
    [["ngân sách"], ["doanh nghiệp"], ["hợp pháp khác", "nguồn hợp pháp"], ["đầu tư phát triển"]],
)
Q(
    "l-kt-sectors",
    "list",
    "kon-tum",
    "Những ngành, lĩnh vực Kon Tum tập trung hỗ trợ về đo lường?",
    ["dịch vụ logistics"],
    [["logistics"], ["điện tử"], ["viễn thông", "kinh tế số"], ["nông nghiệp công nghệ cao"]],
)
Q(
    "l-kt-fund-recipients",
    "list",
    "kon-tum",
    "Sở KHCN Kon Tum gửi bản tổng hợp kinh phí cho những sở nào?",
    ["tổng hợp kinh phí thực hiện gửi Sở"],
    [KHDT, TC],
)
Q(
    "l-bt-report-to",
    "list",
    "binh-thuan",
    "Sở KHCN Bình Thuận định kỳ báo cáo cho những cơ quan nào?",
    ["định kỳ báo cáo UBND tỉnh"],
    [UBT, ["Bộ Khoa học và Công nghệ", "Bộ KH&CN", "Bộ KHCN", "Ministry of Science"]],
)
Q(
    "l-bt-fields-2030",
    "list",
    "binh-thuan",
    "Ngoài khối lượng, Bình Thuận nâng năng lực giữ chuẩn lĩnh vực gì đến 2030?",
    ["khối lượng, dung tích"],
    [["dung tích"], ["lưu lượng"]],
)
Q(
    "l-bt-fields-2025",
    "list",
    "binh-thuan",
    "Những lĩnh vực giữ chuẩn Bình Thuận nâng cao năng lực tới 2025",
    ["độ dài, điện"],
    [["khối lượng"], ["độ dài"], ["điện"]],
)
Q(
    "l-bt-ent-types",
    "list",
    "binh-thuan",
    "BT hỗ trợ loại doanh nghiệp nào áp dụng Chương trình đảm bảo đo lường: nhà nước hay tư nhân?",
    ["doanh nghiệp tư nhân"],
    [["vốn nhà nước"], ["tư nhân"]],
)
Q(
    "l-kt-trainees",
    "list",
    "kon-tum",
    "Đối tượng được bồi dưỡng về đo lường ở Kon Tum gồm những ai?",
    ["xã, phường, thị trấn", "Đào tạo theo nhu cầu của doanh nghiệp"],
    [["công chức"], ["xã, phường", "cấp xã", "phường"], ["doanh nghiệp"]],
)
Q(
    "l-kt-other-tasks",
    "list",
    "kon-tum",
    "Mục 'Các nhiệm vụ khác' trong phụ lục Kon Tum gồm những việc gì?",
    ["Các nhiệm vụ khác", "Kiểm tra tình hình thực hiện Kế hoạch"],
    [["kiểm tra tình hình"], ["báo cáo định kỳ", "báo cáo"], ["sơ kết", "tổng kết"]],
)
Q(
    "l-kt-iso",
    "list",
    "kon-tum",
    "Tổ chức kiểm định ở Kon Tum cần chứng nhận theo những tiêu chuẩn nào?",
    ["17025"],
    [["17025"], ["9001"]],
)
Q(
    "l-bt-outcomes",
    "list",
    "binh-thuan",
    "Doanh nghiệp đổi mới hoạt động đo lường ở Bình Thuận phải đạt được những gì?",
    ["Tiết kiệm nguyên vật liệu"],
    [["tiết kiệm"], ["chất lượng"], ["an toàn lao động"], ["chuỗi cung ứng"]],
)
Q(
    "l-bt-qlnn",
    "list",
    "binh-thuan",
    "Bình Thuận nâng cao hiệu quả quản lý nhà nước về đo lường bằng những giải pháp gì?",
    ["Tăng cường đầu tư trang thiết bị", "mạng lưới kiểm định"],
    [["trang thiết bị"], ["mạng lưới"], ["phối hợp"], ["bồi dưỡng"], ["thanh tra"]],
)
Q(
    "l-kt-appendix-groups",
    "list",
    "kon-tum",
    "Phụ lục của Kon Tum chia nhiệm vụ thành những nhóm nào?",
    ["TRIỂN KHAI THỰC HIỆN CÁC NHIỆM VỤ KẾ HOẠCH", "CÔNG TÁC TUYÊN TRUYỀN"],
    [
        ["tuyên truyền"],
        ["cơ chế"],
        ["hạ tầng"],
        ["quản lý nhà nước"],
        ["hỗ trợ doanh nghiệp", "chất lượng sản phẩm"],
    ],
)
Q(
    "l-bt-partners",
    "list",
    "binh-thuan",
    "Những đơn vị nào phải phối hợp với Sở KHCN Bình Thuận?",
    ["Các sở, ngành và UBND các huyện", "Các hội, hiệp hội doanh nghiệp và các tổ chức"],
    [["sở, ngành", "các sở"], ["huyện"], ["hiệp hội"]],
)
Q(
    "l-kt-std-milestones",
    "list",
    "kon-tum",
    "Kon Tum xã hội hóa chất chuẩn theo từng mốc: bao nhiêu?",
    ["ít nhất 05 chất chuẩn", "ít nhất 10 chất chuẩn"],
    [["05", "5 chất chuẩn"], ["10"]],
)
Q(
    "l-kt-actors",
    "list",
    "kon-tum",
    "Những cơ quan, đơn vị nào được phân công trong kế hoạch Kon Tum?",
    ["TỔ CHỨC THỰC HIỆN", "Sở Kế hoạch và Đầu tư"],
    [SK, TC, KHDT, TTTT, ["huyện"], ["hiệp hội"]],
)
Q(
    "l-bt-actors",
    "list",
    "binh-thuan",
    "kế hoạch bình thuận giao việc cho những cơ quan nào",
    ["TỔ CHỨC THỰC HIỆN", "Sở Tài chính: Hàng năm"],
    [SK, TC, ["huyện"], ["hiệp hội"]],
)
Q(
    "l-kt-legal-dates",
    "list",
    "kon-tum",
    "Liệt kê các quyết định làm căn cứ cho kế hoạch Kon Tum kèm ngày ban hành",
    ["82/QĐ-BKHCN", "996/QĐ-TTg"],
    [
        ["10/8/2018", "10 tháng 8 năm 2018", "10/08/2018"],
        ["16/01/2019", "16/1/2019", "16 tháng 01 năm 2019"],
        ["18/12/2019", "18 tháng 12 năm 2019"],
        ["17/03/2021", "17/3/2021", "17 tháng 03 năm 2021"],
    ],
)

# ---------------------------------------------------------------- section: items of a section
Q(
    "s-bt-general",
    "section",
    "binh-thuan",
    "Mục tiêu chung của kế hoạch Bình Thuận là gì?",
    ["Mục tiêu và yêu cầu chung", "nâng cao nhận thức, phổ biến sâu rộng"],
    [
        ["tuyên truyền"],
        ["Chương trình bảo đảm đo lường", "Chương trình đảm bảo đo lường"],
        ["nghiên cứu", "ứng dụng"],
        ["bộ tiêu chí"],
    ],
)
Q(
    "s-kt-general",
    "section",
    "kon-tum",
    "mục tiêu chung của kh kon tum",
    ["Mục tiêu chung", "Phát triển cơ sở vật chất"],
    [
        ["cơ sở vật chất", "hạ tầng"],
        ["ưu tiên", "Chương trình"],
        ["xã hội hóa", "xã hội hoá"],
        ["bộ tiêu chí"],
        ["tuyên truyền"],
    ],
)
Q(
    "s-bt-tasks",
    "section",
    "binh-thuan",
    "Phần nhiệm vụ và giải pháp của Bình Thuận có những nội dung gì?",
    ["NHIỆM VỤ VÀ GIẢI PHÁP", "Đẩy mạnh công tác truyền thông"],
    [
        ["truyền thông"],
        ["cơ chế"],
        ["hạ tầng"],
        ["quản lý nhà nước"],
        ["chất lượng sản phẩm", "hỗ trợ doanh nghiệp"],
    ],
)
Q(
    "s-kt-tasks",
    "section",
    "kon-tum",
    "Kế hoạch Kon Tum nêu những nhiệm vụ, giải pháp nào?",
    ["NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN", "Áp dụng cơ chế, chính sách tạo thuận lợi"],
    [
        ["cơ chế"],
        ["hạ tầng"],
        ["quản lý nhà nước"],
        ["chất lượng sản phẩm", "hỗ trợ doanh nghiệp"],
        ["truyền thông"],
    ],
)
Q(
    "s-bt-org",
    "section",
    "binh-thuan",
    "Phần tổ chức thực hiện kế hoạch Bình Thuận nói gì?",
    ["TỔ CHỨC THỰC HIỆN", "Chủ trì xây dựng kế hoạch hàng năm"],
    [SK, TC, ["huyện"], ["hiệp hội"]],
)
Q(
    "s-kt-org",
    "section",
    "kon-tum",
    "Tổ chức thực hiện kế hoạch Kon Tum ra sao?",
    ["TỔ CHỨC THỰC HIỆN", "Chủ trì xây dựng kế hoạch hằng năm"],
    [SK, TC, KHDT, TTTT, ["huyện"], ["hiệp hội"]],
)
Q(
    "s-kt-scope",
    "section",
    "kon-tum",
    "Phạm vi của kế hoạch Kon Tum?",
    ["Phạm vi và đối tượng", "hàng đóng gói sẵn"],
    [
        ["phương tiện đo"],
        ["hàng đóng gói sẵn"],
        ["kiểm định", "phòng thí nghiệm"],
        ["cơ quan nhà nước", "Cơ quan Nhà nước"],
    ],
)
Q(
    "s-bt-scope",
    "section",
    "binh-thuan",
    "Phạm vi áp dụng kế hoạch Bình Thuận?",
    ["trên địa bàn tỉnh Bình Thuận"],
    [["địa bàn tỉnh", "địa bàn"]],
)
Q(
    "s-kt-infra",
    "section",
    "kon-tum",
    "Nhóm nhiệm vụ tăng cường phát triển hạ tầng đo lường của Kon Tum có những việc gì?",
    ["Tăng cường phát triển hạ tầng đo lường của tỉnh", "duy trì hệ thống chuẩn đo lường"],
    [
        ["đồng bộ", "hiện đại"],
        ["tổ chức cung cấp dịch vụ", "dịch vụ kiểm định"],
        ["bồi dưỡng"],
        ["nghiên cứu"],
    ],
)
Q(
    "s-bt-infra",
    "section",
    "binh-thuan",
    "Giải pháp tăng cường phát triển hạ tầng đo lường của Bình Thuận?",
    ["Tăng cường phát triển hạ tầng đo lường", "hạ tầng đo lường cấp tỉnh"],
    [["Trung tâm"], ["cấp tỉnh", "liên kết", "độ chính xác"], ["nghiên cứu"]],
)
Q(
    "s-bt-policy",
    "section",
    "binh-thuan",
    "mục Áp dụng cơ chế chính sách tạo thuận lợi hoạt động đo lường của BT có nội dung gì",
    ["Khảo sát năng lực về hoạt động đo lường", "Rà soát các văn bản quy phạm pháp luật"],
    [["rà soát"], ["khảo sát"], ["bộ tiêu chí"]],
)
Q(
    "s-kt-policy",
    "section",
    "kon-tum",
    "Kon Tum: mục áp dụng cơ chế, chính sách gồm những gì?",
    ["Xây dựng kế hoạch định kỳ rà soát", "Thúc đẩy xã hội hóa hoạt động đo lường"],
    [
        ["rà soát"],
        ["xã hội hóa", "xã hội hoá"],
        ["tổ chức kinh doanh dịch vụ", "dịch vụ kiểm định"],
    ],
)
Q(
    "s-bt-support",
    "section",
    "binh-thuan",
    "Nội dung hỗ trợ doanh nghiệp đảm bảo chất lượng sản phẩm hàng hóa ở Bình Thuận?",
    [
        "Triển khai hỗ trợ doanh nghiệp đảm bảo chất lượng",
        "Hướng dẫn, hỗ trợ doanh nghiệp triển khai",
    ],
    [
        ["Chương trình"],
        ["dịch vụ kiểm định", "kiểm định, hiệu chuẩn"],
        ["tiết kiệm", "đổi mới"],
        ["nghiên cứu"],
        ["phương pháp kiểm soát", "kiểm soát đo lường"],
    ],
)
Q(
    "s-kt-support",
    "section",
    "kon-tum",
    "Kon Tum hỗ trợ doanh nghiệp đảm bảo chất lượng sản phẩm hàng hóa thế nào?",
    [
        "Hỗ trợ doanh nghiệp triển khai áp dụng Chương trình",
        "Triển khai công tác hỗ trợ doanh nghiệp",
    ],
    [["Chương trình"], ["bộ tiêu chí"], ["nghiên cứu"]],
)
Q(
    "s-kt-qlnn",
    "section",
    "kon-tum",
    "Nâng cao hiệu quả quản lý nhà nước về đo lường ở Kon Tum gồm gì?",
    [
        "Đầu tư trang thiết bị phục vụ công tác kiểm tra",
        "Nâng cao hiệu quả công tác quản lý Nhà nước",
    ],
    [["trang thiết bị"], ["phối hợp"]],
)
Q(
    "s-bt-outline",
    "section",
    "binh-thuan",
    "Kế hoạch Bình Thuận gồm những phần lớn nào?",
    ["MỤC TIÊU, YÊU CẦU", "NHIỆM VỤ VÀ GIẢI PHÁP"],
    [["mục tiêu"], ["nhiệm vụ"], ["kinh phí"], ["tổ chức thực hiện"]],
)
Q(
    "s-kt-outline",
    "section",
    "kon-tum",
    "Kế hoạch Kon Tum có mấy phần lớn, là những phần nào?",
    ["PHẠM VI, ĐỐI TƯỢNG, THỜI GIAN", "NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN"],
    [["mục tiêu"], ["nhiệm vụ"], ["phạm vi"], ["kinh phí"], ["tổ chức thực hiện"]],
)
Q(
    "s-kt-appendix",
    "section",
    "kon-tum",
    "Phụ lục kế hoạch Kon Tum có những nội dung gì?",
    ["NỘI DUNG VÀ TIẾN ĐỘ THỰC HIỆN", "CÔNG TÁC TUYÊN TRUYỀN"],
    [
        ["tuyên truyền"],
        ["cơ chế"],
        ["hạ tầng"],
        ["quản lý nhà nước"],
        ["hỗ trợ doanh nghiệp", "chất lượng sản phẩm"],
        ["kiểm tra", "báo cáo", "nhiệm vụ khác"],
    ],
)
Q(
    "s-bt-comms",
    "section",
    "binh-thuan",
    "đẩy mạnh truyền thông về đo lường ở BT gồm những nội dung nào",
    ["Đẩy mạnh công tác truyền thông", "Ngày Đo lường Việt Nam (20/01)"],
    [
        ["tuyên truyền", "thông tin"],
        ["tập huấn", "hội nghị", "hội thảo"],
        ["Ngày Đo lường", "20/01"],
    ],
)
Q(
    "s-kt-comms",
    "section",
    "kon-tum",
    "Hoạt động truyền thông về đo lường của Kon Tum có những gì?",
    ["Tổ chức hội nghị, hội thảo về đo lường", "thi đua, khen thưởng"],
    [["hội nghị", "hội thảo"], ["ngày đo lường"], ["thi đua", "khen thưởng"], ["tuyên truyền"]],
)

# ---------------------------------------------------------------- duties: what an agency must do
BT_SK_DUTIES = [ANN, ["báo cáo"], ["giữ chuẩn", "Trung tâm"], ["dự toán", "kinh phí"]]
KT_SK_DUTIES = [ANN, ["sơ kết", "tổng kết"], ["báo cáo"], ["kinh phí", "dự toán"]]
Q(
    "d-bt-sk-assigned",
    "duties",
    "binh-thuan",
    "Sở KHCN Bình Thuận được giao việc gì?",
    ["Chủ trì xây dựng kế hoạch hàng năm"],
    BT_SK_DUTIES,
)
Q(
    "d-bt-sk-role",
    "duties",
    "binh-thuan",
    "Vai trò của Sở Khoa học và Công nghệ Bình Thuận trong kế hoạch là gì?",
    ["Chủ trì xây dựng kế hoạch hàng năm"],
    BT_SK_DUTIES,
)
Q(
    "d-bt-tc-resp",
    "duties",
    "binh-thuan",
    "Sở Tài chính Bình Thuận chịu trách nhiệm những việc gì?",
    ["Sở Tài chính: Hàng năm"],
    [["kinh phí"], ["tham mưu", "bố trí"]],
)
Q(
    "d-bt-tc-do",
    "duties",
    "binh-thuan",
    "Sở Tài chính tỉnh Bình Thuận làm gì trong kế hoạch đo lường",
    ["Sở Tài chính: Hàng năm"],
    [["kinh phí"]],
)
Q(
    "d-bt-districts",
    "duties",
    "binh-thuan",
    "UBND các huyện ở Bình Thuận có nhiệm vụ gì?",
    ["Các sở, ngành và UBND các huyện", "tháo gỡ khó khăn"],
    [["chính xác"], ["khó khăn"], ["hướng dẫn"]],
)
Q(
    "d-bt-depts-role",
    "duties",
    "binh-thuan",
    "Các sở, ngành ở Bình Thuận có vai trò gì trong kế hoạch đo lường?",
    ["Các sở, ngành và UBND các huyện", "tháo gỡ khó khăn"],
    [["chính xác"], ["khó khăn"], ["hướng dẫn"]],
)
Q(
    "d-bt-assoc-assigned",
    "duties",
    "binh-thuan",
    "hiệp hội doanh nghiệp Bình Thuận được giao việc gì",
    ["Các hội, hiệp hội doanh nghiệp và các tổ chức"],
    [["hỗ trợ", "tạo điều kiện"], ["tuyên truyền", "phổ biến"]],
)
Q(
    "d-bt-polorg",
    "duties",
    "binh-thuan",
    "Các tổ chức chính trị - xã hội ở Bình Thuận tham gia kế hoạch thế nào?",
    ["Các hội, hiệp hội doanh nghiệp và các tổ chức"],
    [["hỗ trợ", "tạo điều kiện"], ["tuyên truyền", "phổ biến"]],
)
Q(
    "d-kt-sk-resp",
    "duties",
    "kon-tum",
    "Sở Khoa học và Công nghệ Kon Tum chịu trách nhiệm những việc gì?",
    ["Chủ trì xây dựng kế hoạch hằng năm"],
    KT_SK_DUTIES,
)
Q(
    "d-kt-tc-assigned",
    "duties",
    "kon-tum",
    "Sở Tài chính Kon Tum được giao việc gì?",
    ["Sở Tài chính phối hợp với Sở Khoa học"],
    [["tham mưu"], ["kinh phí"]],
)
Q(
    "d-kt-tc-role",
    "duties",
    "kon-tum",
    "Sở Tài chính tỉnh Kon Tum có vai trò gì trong việc bố trí kinh phí?",
    ["Sở Tài chính phối hợp với Sở Khoa học"],
    [["tham mưu"]],
)
Q(
    "d-kt-khdt-do",
    "duties",
    "kon-tum",
    "Sở Kế hoạch và Đầu tư Kon Tum làm gì?",
    ["Sở Kế hoạch và Đầu tư", "lồng ghép hoạt động"],
    [["lồng ghép"], ["phân bổ", "cân đối"]],
)
Q(
    "d-kt-tttt-resp",
    "duties",
    "kon-tum",
    "Sở Thông tin và Truyền thông Kon Tum chịu trách nhiệm gì",
    ["Sở Thông tin và Truyền thông: Chỉ đạo"],
    [["báo chí"], ["tuyên truyền"]],
)
Q(
    "d-kt-districts",
    "duties",
    "kon-tum",
    "UBND các huyện, thành phố ở Kon Tum được giao việc gì?",
    ["Các sở, ban ngành và Ủy ban nhân dân các huyện", "chủ trì, đề xuất và phối hợp"],
    [["đề xuất", "chủ trì"], ["nhiệm vụ"]],
)
Q(
    "d-kt-depts",
    "duties",
    "kon-tum",
    "Các sở, ban ngành tỉnh Kon Tum phải làm gì theo kế hoạch?",
    ["Các sở, ban ngành và Ủy ban nhân dân các huyện", "chủ trì, đề xuất và phối hợp"],
    [["đề xuất", "chủ trì"], ["phê duyệt", "xây dựng"]],
)
Q(
    "d-kt-ent-assoc",
    "duties",
    "kon-tum",
    "Doanh nghiệp và hiệp hội ở Kon Tum có trách nhiệm gì?",
    ["Các doanh nghiệp, các hội, hiệp hội doanh nghiệp"],
    [["hỗ trợ", "tạo điều kiện"], ["tuyên truyền", "phổ biến"]],
)
Q(
    "d-kt-polorg",
    "duties",
    "kon-tum",
    "Các tổ chức chính trị - xã hội - nghề nghiệp ở Kon Tum tham gia thế nào?",
    ["Các doanh nghiệp, các hội, hiệp hội doanh nghiệp", "trị - xã hội - nghề nghiệp"],
    [["hỗ trợ", "tạo điều kiện"], ["tuyên truyền", "phổ biến"]],
)
Q(
    "d-bt-ubnd",
    "duties",
    "binh-thuan",
    "UBND tỉnh Bình Thuận làm gì trong kế hoạch này?",
    [
        "UBND tỉnh Bình Thuận ban hành",
        "báo cáo UBND tỉnh xem xét, chỉ đạo",
        "đề xuất UBND tỉnh đặt hàng",
    ],
    [["ban hành", "chỉ đạo", "bố trí", "đặt hàng", "báo cáo"]],
)
Q(
    "d-kt-sk-budget",
    "duties",
    "kon-tum",
    "Sở KHCN Kon Tum phải làm gì với kinh phí hàng năm?",
    ["tổng hợp kinh phí thực hiện gửi Sở"],
    [["rà soát", "tổng hợp"], KHDT, TC],
)
Q(
    "d-bt-sk-budget",
    "duties",
    "binh-thuan",
    "Sở KHCN Bình Thuận có trách nhiệm gì về kinh phí?",
    ["tổng hợp nhu", "lập dự toán hàng năm"],
    [["dự toán"], ["tổng hợp", "nhu cầu kinh phí"]],
)
Q(
    "d-bt-sk-coord",
    "duties",
    "binh-thuan",
    "Sở Khoa học và Công nghệ Bình Thuận phối hợp với các sở ngành làm những gì?",
    [
        "hàng năm đề xuất UBND tỉnh đặt hàng",
        "Phối hợp với các sở, ngành liên quan tổ chức nghiên cứu",
    ],
    [["sửa đổi", "bổ sung"], ["đặt hàng"], ["đầu tư công"]],
)
Q(
    "d-bt-center-role",
    "duties",
    "binh-thuan",
    "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Bình Thuận có vai trò gì?",
    ["đơn vị giữ chuẩn đo lường là Trung tâm"],
    [["giữ chuẩn"]],
)
Q(
    "d-kt-problems",
    "duties",
    "kon-tum",
    "Khi có vướng mắc, các đơn vị ở Kon Tum phải làm gì?",
    ["kịp thời phản ánh về Sở khoa học"],
    [["phản ánh"], SK],
)
Q(
    "d-bt-problems",
    "duties",
    "binh-thuan",
    "gặp khó khăn khi thực hiện kế hoạch BT thì báo cho ai",
    ["phản ánh về Sở Khoa học và Công nghệ"],
    [SK],
)
Q(
    "d-bt-export",
    "duties",
    "binh-thuan",
    "Các sở ngành Bình Thuận phải làm gì để giúp doanh nghiệp xuất nhập khẩu về đo lường?",
    ["tháo gỡ khó khăn"],
    [["tháo gỡ", "khó khăn"]],
)
Q(
    "d-bt-tc-basis",
    "duties",
    "binh-thuan",
    "Sở Tài chính Bình Thuận căn cứ vào đâu để bố trí kinh phí?",
    ["Sở Tài chính: Hàng năm"],
    [["dự toán"], ["cân đối ngân sách"]],
)
Q(
    "d-kt-tc-whom",
    "duties",
    "kon-tum",
    "Sở Tài chính Kon Tum tham mưu cho ai, trình ai bố trí kinh phí?",
    ["Sở Tài chính phối hợp với Sở Khoa học"],
    [UBT, ["cấp có thẩm quyền"]],
)
Q(
    "d-kt-sk-appendix",
    "duties",
    "kon-tum",
    "Trong phụ lục, Sở KHCN Kon Tum chủ trì những nhiệm vụ nào?",
    ["Khảo sát, đánh giá và lựa chọn doanh nghiệp", "NỘI DUNG VÀ TIẾN ĐỘ"],
    [["tuyên truyền"], ["rà soát"], ["khảo sát"], ["bồi dưỡng"]],
)
Q(
    "d-kt-khdt-what",
    "duties",
    "kon-tum",
    "Sở Kế hoạch và Đầu tư Kon Tum có nhiệm vụ gì trong kế hoạch đo lường?",
    ["Sở Kế hoạch và Đầu tư", "lồng ghép hoạt động"],
    [["lồng ghép"], ["phân bổ", "cân đối"]],
)
Q(
    "d-kt-tttt-task",
    "duties",
    "kon-tum",
    "Sở Thông tin và Truyền thông Kon Tum được giao làm gì?",
    ["Sở Thông tin và Truyền thông: Chỉ đạo"],
    [["báo chí"]],
)
Q(
    "d-bt-assoc-role",
    "duties",
    "binh-thuan",
    "Các hội, hiệp hội doanh nghiệp tỉnh Bình Thuận có vai trò gì?",
    ["Các hội, hiệp hội doanh nghiệp và các tổ chức"],
    [["hỗ trợ", "tạo điều kiện"], ["tuyên truyền", "phổ biến"]],
)
Q(
    "d-bt-sk-do",
    "duties",
    "binh-thuan",
    "Sở Khoa học và Công nghệ Bình Thuận làm gì?",
    ["Chủ trì xây dựng kế hoạch hàng năm"],
    BT_SK_DUTIES,
)
Q(
    "d-kt-sk-do",
    "duties",
    "kon-tum",
    "sở khoa học công nghệ kon tum làm những gì trong kế hoạch",
    ["Chủ trì xây dựng kế hoạch hằng năm"],
    KT_SK_DUTIES,
)
Q(
    "d-kt-ubnd-districts-role",
    "duties",
    "kon-tum",
    "Ủy ban nhân dân các huyện, thành phố tỉnh Kon Tum có vai trò gì?",
    ["Các sở, ban ngành và Ủy ban nhân dân các huyện", "chủ trì, đề xuất và phối hợp"],
    [["đề xuất", "chủ trì"], ["nhiệm vụ"]],
)

# ---------------------------------------------------------------- lead: who leads / partners a task
Q(
    "ld-bt-center",
    "lead",
    "binh-thuan",
    "Ai chủ trì tăng cường năng lực cho Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Bình Thuận?",
    ["Chủ trì tăng cường năng lực cho đơn vị giữ chuẩn"],
    [SK],
)
Q(
    "ld-bt-estimate",
    "lead",
    "binh-thuan",
    "Đơn vị nào lập dự toán kinh phí hàng năm cho kế hoạch Bình Thuận?",
    ["lập dự toán hàng năm"],
    [SK],
)
Q(
    "ld-bt-allocate",
    "lead",
    "binh-thuan",
    "Ai tham mưu UBND tỉnh Bình Thuận bố trí kinh phí sự nghiệp?",
    ["tham mưu UBND tỉnh bố trí kinh phí"],
    [["Sở Tài chính", "Department of Finance"]],
)
Q(
    "ld-bt-difficulty-partners",
    "lead",
    "binh-thuan",
    "Sở KHCN Bình Thuận phối hợp với ai để tháo gỡ khó khăn về đo lường cho doanh nghiệp?",
    ["tháo gỡ khó khăn"],
    [["sở, ngành", "các sở"], ["huyện"]],
)
Q(
    "ld-bt-review",
    "lead",
    "binh-thuan",
    "Ai tổ chức sơ kết, tổng kết kế hoạch ở Bình Thuận?",
    ["tổ chức sơ kết và tổng kết"],
    [SK],
)
Q(
    "ld-bt-order",
    "lead",
    "binh-thuan",
    "Ai đề xuất UBND tỉnh đặt hàng nhiệm vụ khoa học công nghệ về đo lường ở Bình Thuận?",
    ["đề xuất UBND tỉnh đặt hàng"],
    [SK],
)
Q(
    "ld-bt-invest",
    "lead",
    "binh-thuan",
    "Đơn vị nào xây dựng dự án đầu tư công về đo lường ở BT?",
    ["xây dựng dự án đầu tư công"],
    [SK],
)
Q(
    "ld-bt-promote-partner",
    "lead",
    "binh-thuan",
    "Ai cùng Sở KHCN Bình Thuận tuyên truyền kế hoạch tới doanh nghiệp?",
    ["Các hội, hiệp hội doanh nghiệp và các tổ chức"],
    [["hiệp hội", "hội"]],
)
Q(
    "ld-kt-survey-partner",
    "lead",
    "kon-tum",
    "Đơn vị phối hợp khảo sát, lựa chọn doanh nghiệp ở Kon Tum là ai?",
    ["Khảo sát, đánh giá và lựa chọn doanh nghiệp"],
    [["doanh nghiệp"]],
)
Q(
    "ld-kt-standards",
    "lead",
    "kon-tum",
    "Ai chủ trì phát triển chuẩn đo lường, phương tiện đo ở Kon Tum?",
    ["Phát triển được ít nhất 10 chuẩn"],
    [SK],
)
Q(
    "ld-kt-training-partners",
    "lead",
    "kon-tum",
    "Việc bồi dưỡng chuyên môn đo lường ở Kon Tum phối hợp với những đơn vị nào?",
    ["Đào tạo theo nhu cầu của doanh nghiệp", "chức cung cấp dịch vụ về đo lường"],
    [["cơ quan quản lý"], ["doanh nghiệp"], ["tổ chức cung cấp dịch vụ"]],
)
Q(
    "ld-kt-equip-partners",
    "lead",
    "kon-tum",
    "Ai phối hợp đầu tư trang thiết bị, chuẩn phục vụ thanh tra đo lường ở Kon Tum?",
    ["20 chuẩn, chất", "Đầu tư trang thiết bị, chuẩn"],
    [["ngành liên quan"], ["huyện"], ["doanh nghiệp"]],
)
Q(
    "ld-kt-lab-criteria",
    "lead",
    "kon-tum",
    "Đơn vị chủ trì triển khai bộ tiêu chí quốc gia với phòng thí nghiệm được công nhận ở Kon Tum?",
    ["đối với phòng thí nghiệm được công nhận", "vực đo lường đối với phòng thí nghiệm"],
    [SK],
)
Q(
    "ld-kt-lab-partner",
    "lead",
    "kon-tum",
    "Ai phối hợp triển khai bộ tiêu chí quốc gia cho phòng thí nghiệm ở Kon Tum?",
    ["đối với phòng thí nghiệm được công nhận", "vực đo lường đối với phòng thí nghiệm"],
    [["phòng thí nghiệm được công nhận"]],
)
Q(
    "ld-kt-coord",
    "lead",
    "kon-tum",
    "Ai chủ trì tăng cường phối hợp quản lý đo lường với cơ quan trong và ngoài tỉnh (Kon Tum)?",
    ["ngoài tỉnh"],
    [SK],
)
Q(
    "ld-kt-orgs-partner",
    "lead",
    "kon-tum",
    "Nâng cao năng lực tổ chức dịch vụ kiểm định ở Kon Tum do ai phối hợp?",
    ["02 tổ chức", "ít nhất 02 tổ"],
    [["tổ chức cung cấp dịch vụ", "tổ chức cung cấp", "các tổ chức cung"]],
)
Q(
    "ld-kt-check",
    "lead",
    "kon-tum",
    "Ai chịu trách nhiệm kiểm tra tình hình thực hiện kế hoạch ở Kon Tum?",
    ["Kiểm tra tình hình thực hiện Kế hoạch", "hướng dẫn, kiểm tra, tổ chức sơ kết"],
    [SK],
)
Q(
    "ld-kt-press",
    "lead",
    "kon-tum",
    "Cơ quan nào chỉ đạo báo chí tuyên truyền về kế hoạch ở Kon Tum?",
    ["Sở Thông tin và Truyền thông: Chỉ đạo"],
    [TTTT],
)
Q(
    "ld-kt-integrate",
    "lead",
    "kon-tum",
    "Lồng ghép kế hoạch với các chương trình hỗ trợ phát triển doanh nghiệp ở Kon Tum do sở nào phụ trách?",
    ["lồng ghép hoạt động"],
    [KHDT],
)
Q(
    "ld-kt-annual",
    "lead",
    "kon-tum",
    "Ai lo xây dựng kế hoạch hằng năm ở Kon Tum?",
    ["Chủ trì xây dựng kế hoạch hằng năm"],
    [SK],
)
Q(
    "ld-kt-support-orgs",
    "lead",
    "kon-tum",
    "Hỗ trợ tổ chức dịch vụ đáp ứng bộ tiêu chí ở Kon Tum: ai chủ trì, ai phối hợp?",
    ["Hỗ trợ các tổ chức cung cấp dịch vụ kiểm định"],
    [SK, ["tổ chức cung cấp dịch vụ", "các tổ chức cung"]],
)
Q(
    "ld-kt-legal-review",
    "lead",
    "kon-tum",
    "Ai chủ trì rà soát văn bản quy phạm pháp luật về đo lường ở Kon Tum?",
    ["Định kỳ rà soát các văn bản", "Xây dựng kế hoạch định kỳ rà soát"],
    [SK],
)
Q(
    "ld-bt-inspect",
    "lead",
    "binh-thuan",
    "Ai kiểm tra hoạt động đo lường, thiết bị đo lường theo kế hoạch Bình Thuận?",
    ["kiểm tra hoạt động đo lường, thiết bị"],
    [SK],
)
Q(
    "ld-kt-budget-partners",
    "lead",
    "kon-tum",
    "Ai cùng cân đối, đề xuất phân bổ ngân sách thực hiện kế hoạch Kon Tum?",
    ["cân đối, đề"],
    [KHDT, TC],
)
Q(
    "ld-kt-approve-tasks",
    "lead",
    "kon-tum",
    "Ai đề xuất, xây dựng các nhiệm vụ thuộc kế hoạch trong phạm vi quản lý của mình ở Kon Tum?",
    ["chủ trì, đề xuất và phối hợp"],
    [["sở, ban ngành", "các sở"], ["huyện"]],
)
Q(
    "ld-bt-districts-partner",
    "lead",
    "binh-thuan",
    "Các sở và UBND cấp huyện ở Bình Thuận phối hợp với đơn vị nào?",
    ["Phối hợp với Sở Khoa học và Công nghệ thực hiện đảm bảo đo lường"],
    [SK],
)
Q(
    "ld-kt-news-lead",
    "lead",
    "kon-tum",
    "ai phụ trách việc tuyên truyền, phổ biến pháp luật về đo lường trên phương tiện thông tin đại chúng ở kon tum",
    ["Tuyên truyền, phổ biến trên các phương tiện thông tin"],
    [SK],
)

# ---------------------------------------------------------------- yes/no
Q(
    "y-bt-phases",
    "yesno",
    "binh-thuan",
    "Kế hoạch Bình Thuận có chia giai đoạn thực hiện không?",
    ["Mục tiêu đến năm 2025", "Mục tiêu đến năm 2030"],
    [NO + NS, ["2025"], ["2030"]],
)
Q(
    "y-kt-logistics",
    "yesno",
    "kon-tum",
    "Kon Tum có hỗ trợ lĩnh vực logistics không?",
    ["dịch vụ logistics"],
    [YES, ["logistics"]],
)
Q(
    "y-kt-tourism",
    "yesno",
    "kon-tum",
    "Kon Tum có ưu tiên ngành du lịch trong kế hoạch đo lường không?",
    ["dịch vụ logistics"],
    [NO, ["logistics", "nông nghiệp công nghệ cao"]],
)
Q(
    "y-bt-labs",
    "yesno",
    "binh-thuan",
    "Bình Thuận có đặt chỉ tiêu về phòng thí nghiệm được công nhận không?",
    ["Mục tiêu cụ thể", "Ít nhất 100 lượt người"],
    [NO, ["giữ chuẩn", "100", "đào tạo"]],
)
Q(
    "y-kt-awards",
    "yesno",
    "kon-tum",
    "Kon Tum có tổ chức thi đua khen thưởng về đo lường không?",
    ["thi đua, khen thưởng"],
    [YES, ["thi đua", "khen thưởng"]],
)
Q(
    "y-bt-day",
    "yesno",
    "binh-thuan",
    "BT có tổ chức hoạt động kỷ niệm Ngày Đo lường Việt Nam không?",
    ["Ngày Đo lường Việt Nam (20/01)"],
    [YES, D2530],
)
Q(
    "y-bt-private",
    "yesno",
    "binh-thuan",
    "Doanh nghiệp tư nhân ở Bình Thuận có được hỗ trợ áp dụng Chương trình đảm bảo đo lường không?",
    ["doanh nghiệp tư nhân"],
    [YES, ["tư nhân"]],
)
Q(
    "y-kt-state",
    "yesno",
    "kon-tum",
    "Doanh nghiệp có vốn nhà nước ở Kon Tum có thuộc diện triển khai Chương trình đảm bảo đo lường không?",
    ["doanh nghiệp có vốn nhà nước"],
    [YES, ["vốn nhà nước"]],
)
Q(
    "y-bt-ent-contrib",
    "yesno",
    "binh-thuan",
    "Doanh nghiệp có đóng góp kinh phí cho kế hoạch Bình Thuận không?",
    ["Nguồn kinh phí đóng góp từ các doanh nghiệp"],
    [YES, ["đóng góp"]],
)
Q(
    "y-kt-invest",
    "yesno",
    "kon-tum",
    "Kế hoạch Kon Tum có dùng vốn chi đầu tư phát triển không?",
    ["Nguồn kinh phí chi đầu tư phát triển"],
    [YES, ["đầu tư phát triển"]],
)
Q(
    "y-kt-appendix",
    "yesno",
    "kon-tum",
    "Kế hoạch Kon Tum có phụ lục tiến độ không?",
    ["Phụ lục", "NỘI DUNG VÀ TIẾN ĐỘ"],
    [YES, ["phụ lục"]],
)
Q(
    "y-kt-prepack",
    "yesno",
    "kon-tum",
    "Hàng đóng gói sẵn có thuộc phạm vi kế hoạch Kon Tum không?",
    ["hàng đóng gói sẵn"],
    [YES, ["hàng đóng gói sẵn"]],
)
Q(
    "y-kt-17025",
    "yesno",
    "kon-tum",
    "Kon Tum có yêu cầu tổ chức kiểm định đạt ISO/IEC 17025 không?",
    ["17025"],
    [YES, ["17025"]],
)
Q(
    "y-bt-tttt",
    "yesno",
    "binh-thuan",
    "Kế hoạch Bình Thuận có giao việc cho Sở Thông tin và Truyền thông không?",
    ["TỔ CHỨC THỰC HIỆN", "Sở Tài chính: Hàng năm"],
    [NO, SK + ["Sở Tài chính", "hiệp hội"]],
)
Q(
    "y-kt-khdt",
    "yesno",
    "kon-tum",
    "Kon Tum có giao nhiệm vụ cho Sở Kế hoạch và Đầu tư không?",
    ["Sở Kế hoạch và Đầu tư"],
    [YES, ["lồng ghép", "phân bổ"]],
)
Q(
    "y-bt-khdt",
    "yesno",
    "binh-thuan",
    "Kế hoạch BT có giao việc cho Sở Kế hoạch và Đầu tư không?",
    ["TỔ CHỨC THỰC HIỆN", "Sở Tài chính: Hàng năm"],
    [NO, ["Sở Tài chính", "Sở Khoa học"]],
)
Q(
    "y-kt-commune",
    "yesno",
    "kon-tum",
    "Công chức UBND cấp xã ở Kon Tum có được bồi dưỡng về đo lường không?",
    ["xã, phường, thị trấn"],
    [YES, ["xã, phường", "cấp xã", "phường", "UBND xã", "Ủy ban nhân dân xã"]],
)
Q(
    "y-bt-district-staff",
    "yesno",
    "binh-thuan",
    "Cán bộ UBND cấp huyện ở Bình Thuận có được bồi dưỡng nghiệp vụ đo lường không?",
    ["UBND cấp huyện và doanh nghiệp"],
    [YES, ["huyện"]],
)
Q(
    "y-kt-socialize",
    "yesno",
    "kon-tum",
    "Kon Tum có đặt chỉ tiêu xã hội hóa chuẩn đo lường không?",
    ["ít nhất 05 chất chuẩn", "ít nhất 10 chất chuẩn"],
    [YES, ["05", "10"]],
)
Q(
    "y-bt-flow",
    "yesno",
    "binh-thuan",
    "Bình Thuận có nâng năng lực giữ chuẩn lưu lượng không?",
    ["khối lượng, dung tích"],
    [YES, ["2030"]],
)
Q(
    "y-bt-temperature",
    "yesno",
    "binh-thuan",
    "BT có nâng cao năng lực giữ chuẩn nhiệt độ không?",
    ["khối lượng, dung tích", "độ dài, điện"],
    [NO, ["khối lượng"]],
)
Q(
    "y-kt-adhoc",
    "yesno",
    "kon-tum",
    "Kon Tum có kiểm tra đột xuất việc thực hiện kế hoạch không?",
    ["Hằng năm, đột", "Báo cáo định kỳ, đột xuất"],
    [YES, ["đột xuất"]],
)
Q(
    "y-bt-research",
    "yesno",
    "binh-thuan",
    "Kế hoạch Bình Thuận có khuyến khích nghiên cứu, ứng dụng KHCN về đo lường không?",
    ["Khuyến khích tổ chức, cá nhân"],
    [YES, ["nghiên cứu"]],
)
Q(
    "y-kt-commercial",
    "yesno",
    "kon-tum",
    "Kế hoạch Kon Tum có nói đến thương mại hóa kết quả nghiên cứu không?",
    ["thương mại hóa"],
    [YES, ["thương mại hóa", "thương mại hoá"]],
)
Q(
    "y-bt-news",
    "yesno",
    "binh-thuan",
    "Bình Thuận có đặt chỉ tiêu số tin bài tuyên truyền không?",
    ["Đẩy mạnh công tác truyền thông", "Đẩy mạnh công tác thông tin, tuyên truyền"],
    [NO + NS, ["tuyên truyền", "truyền thông"]],
)
Q(
    "y-kt-criteria",
    "yesno",
    "kon-tum",
    "Bộ tiêu chí quốc gia đánh giá lĩnh vực đo lường có được áp dụng ở Kon Tum không?",
    ["bộ tiêu chí quốc gia đánh giá các lĩnh vực đo lường ít"],
    [YES, ["phòng thí nghiệm"]],
)
Q(
    "y-kt-tc-alloc",
    "yesno",
    "kon-tum",
    "Sở Tài chính Kon Tum có tự quyết định bố trí kinh phí không?",
    ["Sở Tài chính phối hợp với Sở Khoa học"],
    [NO, ["tham mưu"]],
)

# ---------------------------------------------------------------- not stated
Q(
    "n-bt-number",
    "not_stated",
    "binh-thuan",
    "Kế hoạch đo lường Bình Thuận số bao nhiêu?",
    ["UBND tỉnh Bình Thuận ban hành", "Thực hiện Quyết định số 996"],
    [NS, ["996"] + UBT],
)
Q(
    "n-bt-date",
    "not_stated",
    "binh-thuan",
    "bình thuận ban hành kế hoạch này ngày nào",
    ["UBND tỉnh Bình Thuận ban hành", "Thực hiện Quyết định số 996"],
    [NS, ["996"] + UBT],
)
Q(
    "n-kt-number",
    "not_stated",
    "kon-tum",
    "Số hiệu kế hoạch Kon Tum là gì?",
    ["Kèm theo Kế hoạch số", "Kon Tum, ngày"],
    [NS, ["KH-UBND", "2021"] + UBT],
)
Q(
    "n-kt-date",
    "not_stated",
    "kon-tum",
    "Kế hoạch Kon Tum ký ngày mấy tháng mấy?",
    ["Kèm theo Kế hoạch số", "Kon Tum, ngày"],
    [NS, ["2021", "Nguyễn Hữu Tháp"]],
)
Q(
    "n-bt-signer",
    "not_stated",
    "binh-thuan",
    "Ai ký kế hoạch của Bình Thuận?",
    ["PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH"],
    [NS, ["Phó Chủ tịch"]],
)
Q(
    "n-bt-total",
    "not_stated",
    "binh-thuan",
    "Tổng kinh phí kế hoạch Bình Thuận là bao nhiêu tỷ đồng?",
    ["NGUỒN KINH PHÍ THỰC HIỆN", "Nguồn kinh phí chi sự nghiệp"],
    [NS, ["ngân sách", "sự nghiệp", "doanh nghiệp"]],
)
Q(
    "n-kt-total",
    "not_stated",
    "kon-tum",
    "Kon Tum bố trí bao nhiêu tiền cho kế hoạch đo lường?",
    ["Nguồn kinh phí thực hiện", "KINH PHÍ THỰC HIỆN"],
    [NS, ["ngân sách"]],
)
Q(
    "n-kt-training-cost",
    "not_stated",
    "kon-tum",
    "Mỗi năm Kon Tum chi bao nhiêu triệu cho bồi dưỡng đo lường?",
    ["Nguồn kinh phí thực hiện", "KINH PHÍ THỰC HIỆN", "25 lượt"],
    [NS, ["ngân sách", "sự nghiệp", "25"]],
)
Q(
    "n-bt-achieved",
    "not_stated",
    "binh-thuan",
    "Mục tiêu 2025 của Bình Thuận đã hoàn thành chưa?",
    ["Mục tiêu đến năm 2025", "Ít nhất 100 lượt người"],
    [NSR, ["100"]],
)
Q(
    "n-kt-achieved",
    "not_stated",
    "kon-tum",
    "Kon Tum đã bồi dưỡng được bao nhiêu lượt người tính đến nay?",
    ["ít nhất 25 lượt", "ít nhất 50 lượt"],
    [NSR, ["25", "50"]],
)
Q(
    "n-kt-phase1-results",
    "not_stated",
    "kon-tum",
    "Kết quả thực hiện kế hoạch Kon Tum giai đoạn 1 ra sao?",
    ["Giai đoạn 1: Từ năm 2021 đến 2025", "ít nhất 25 lượt"],
    [NSR, ["25", "05", "01", "10"]],
)
Q(
    "n-bt-phone",
    "not_stated",
    "binh-thuan",
    "Số điện thoại Sở KHCN Bình Thuận?",
    ["phản ánh về Sở Khoa học và Công nghệ"],
    [NS, SK],
)
Q(
    "n-kt-phone",
    "not_stated",
    "kon-tum",
    "Cho xin số điện thoại liên hệ Sở Khoa học và Công nghệ Kon Tum",
    ["kịp thời phản ánh về Sở khoa học"],
    [NS, SK],
)
Q(
    "n-kt-email",
    "not_stated",
    "kon-tum",
    "Email của đơn vị chủ trì kế hoạch Kon Tum là gì?",
    ["kịp thời phản ánh về Sở khoa học", "Chủ trì xây dựng kế hoạch hằng năm"],
    [NS, SK],
)
Q(
    "n-bt-ent-done",
    "not_stated",
    "binh-thuan",
    "Bình Thuận đã có bao nhiêu doanh nghiệp áp dụng xong Chương trình đảm bảo đo lường?",
    ["cho ít nhất 05 doanh nghiệp", "cho ít nhất 10 doanh nghiệp"],
    [NSR, ["05", "10"]],
)
Q(
    "n-kt-news-cost",
    "not_stated",
    "kon-tum",
    "Kinh phí cho nhiệm vụ tuyên truyền của Kon Tum là bao nhiêu?",
    ["5 tin, bài", "Nguồn kinh phí thực hiện"],
    [NS, ["ngân sách", "sự nghiệp", "5 tin"]],
)
Q(
    "n-bt-deadline",
    "not_stated",
    "binh-thuan",
    "Hạn chót đăng ký tham gia chương trình đảm bảo đo lường ở Bình Thuận là khi nào?",
    ["cho ít nhất 05 doanh nghiệp", "Hướng dẫn, hỗ trợ doanh nghiệp triển khai"],
    [NS, ["2025", "2030"] + SK],
)
Q(
    "n-kt-lab-names",
    "not_stated",
    "kon-tum",
    "Tên phòng thí nghiệm được công nhận ở Kon Tum là gì?",
    ["nhất 01 phòng thí nghiệm", "02 phòng thí"],
    [NS, ["01", "02"]],
)
Q(
    "n-bt-ent-names",
    "not_stated",
    "binh-thuan",
    "Tên các doanh nghiệp Bình Thuận được chọn hỗ trợ?",
    ["cho ít nhất 05 doanh nghiệp", "Khảo sát năng lực về hoạt động đo lường"],
    [NS, ["05", "10", "khảo sát"]],
)
Q(
    "n-bt-expiry",
    "not_stated",
    "binh-thuan",
    "Kế hoạch Bình Thuận hết hiệu lực ngày nào?",
    ["Mục tiêu đến năm 2030", "định hướng đến năm 2030"],
    [NS, ["2030"]],
)
Q(
    "n-kt-max-support",
    "not_stated",
    "kon-tum",
    "Mức hỗ trợ tối đa cho mỗi doanh nghiệp ở Kon Tum là bao nhiêu tiền?",
    ["Nguồn kinh phí thực hiện", "Hỗ trợ doanh nghiệp triển khai áp dụng Chương trình"],
    [NS, ["ngân sách", "Chương trình", "kinh phí"]],
)
Q(
    "n-bt-percent",
    "not_stated",
    "binh-thuan",
    "Bình Thuận dành bao nhiêu phần trăm ngân sách KHCN cho đo lường?",
    ["Nguồn kinh phí chi sự nghiệp khoa học"],
    [NS, ["sự nghiệp"]],
)
Q(
    "n-kt-labs-now",
    "not_stated",
    "kon-tum",
    "Hiện Kon Tum đang có bao nhiêu phòng thí nghiệm được công nhận?",
    ["nhất 01 phòng thí nghiệm", "nhất 02 phòng thí nghiệm"],
    [NSR, ["01", "02"]],
)
Q(
    "n-kt-address",
    "not_stated",
    "kon-tum",
    "Địa chỉ Sở KHCN Kon Tum ở đâu?",
    ["kịp thời phản ánh về Sở khoa học", "Chủ trì xây dựng kế hoạch hằng năm"],
    [NS, SK],
)
Q(
    "n-bt-news-target",
    "not_stated",
    "binh-thuan",
    "Chỉ tiêu tin bài tuyên truyền của Bình Thuận là bao nhiêu?",
    ["Đẩy mạnh công tác truyền thông", "Đẩy mạnh công tác thông tin, tuyên truyền"],
    [NS, ["tuyên truyền", "truyền thông"]],
)
Q(
    "n-bt-lab-target",
    "not_stated",
    "binh-thuan",
    "Bình Thuận: mục tiêu số phòng thí nghiệm được công nhận đến 2030?",
    ["Mục tiêu đến năm 2030", "Ít nhất 200 lượt người"],
    [NS, ["giữ chuẩn", "dung tích", "lưu lượng", "200", "10"]],
)
Q(
    "n-kt-central",
    "not_stated",
    "kon-tum",
    "Ngân sách trung ương cấp bao nhiêu tiền cho Kon Tum thực hiện kế hoạch?",
    ["dự toán ngân sách Trung ương", "Sở Tài chính phối hợp"],
    [NS, ["ngân sách"]],
)
Q(
    "n-bt-signer-name",
    "not_stated",
    "binh-thuan",
    "Phó chủ tịch nào ký kế hoạch đo lường Bình Thuận, tên gì?",
    ["PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH", "Đ/c Minh"],
    [NS, ["Phó Chủ tịch"]],
)

# ---------------------------------------------------------------- comparison (both plans)
Q(
    "c-train-2025",
    "comparison",
    "both",
    "So sánh chỉ tiêu đào tạo đến 2025 giữa Bình Thuận và Kon Tum",
    ["Ít nhất 100 lượt người", "ít nhất 25 lượt"],
    [["100"], ["25"]],
)
Q(
    "c-train-2030",
    "comparison",
    "both",
    "đào tạo đo lường đến 2030: BT với KT mỗi bên bao nhiêu?",
    ["Ít nhất 200 lượt người", "ít nhất 50 lượt"],
    [["200"], ["50"]],
)
Q(
    "c-ent-2030-more",
    "comparison",
    "both",
    "Tỉnh nào đặt mục tiêu nhiều doanh nghiệp áp dụng Chương trình đảm bảo đo lường hơn vào 2030?",
    ["cho ít nhất 10 doanh nghiệp", "nhất 20 lượt doanh nghiệp"],
    [["10"], ["20"], ["Kon Tum"]],
)
Q(
    "c-ent-2025",
    "comparison",
    "both",
    "So sánh số doanh nghiệp triển khai chương trình đảm bảo đo lường đến 2025 của hai tỉnh",
    ["cho ít nhất 05 doanh nghiệp", "nhất 10 lượt doanh nghiệp"],
    [["05", "5 doanh nghiệp"], ["10"]],
)
Q(
    "c-phases",
    "comparison",
    "both",
    "Hai tỉnh chia giai đoạn thực hiện giống nhau không?",
    ["Giai đoạn 1: Từ năm 2021 đến 2025", "Giai đoạn 2: Từ năm 2026"],
    [["2021"], ["2026"], BTN],
)
Q(
    "c-pm-decision",
    "comparison",
    "both",
    "Cả hai kế hoạch căn cứ vào quyết định nào của Thủ tướng?",
    ["996/QĐ-TTg"],
    [["996"]],
)
Q(
    "c-3807-both",
    "comparison",
    "both",
    "Quyết định 3807 có được viện dẫn trong cả hai kế hoạch không?",
    ["3807/QĐ-BKHCN"],
    [YES, ["3807"]],
)
Q(
    "c-funding",
    "comparison",
    "both",
    "So sánh nguồn kinh phí của Bình Thuận và Kon Tum",
    ["Nguồn kinh phí chi sự nghiệp khoa học", "Nguồn kinh phí thực hiện"],
    [BTN, KTN, ["ngân sách"], ["doanh nghiệp"]],
)
Q(
    "c-finance",
    "comparison",
    "both",
    "Nhiệm vụ của Sở Tài chính ở Bình Thuận và Kon Tum khác nhau thế nào?",
    ["Sở Tài chính: Hàng năm", "Sở Tài chính phối hợp với Sở Khoa học"],
    [BTN, KTN, ["kinh phí"], ["tham mưu"]],
)
Q(
    "c-annual-lead",
    "comparison",
    "both",
    "Ở hai tỉnh ai chủ trì xây dựng kế hoạch hằng năm?",
    ["Chủ trì xây dựng kế hoạch hàng năm", "Chủ trì xây dựng kế hoạch hằng năm"],
    [SK],
)
Q(
    "c-labs",
    "comparison",
    "both",
    "Chỉ tiêu phòng thí nghiệm được công nhận của hai tỉnh là bao nhiêu?",
    ["nhất 01 phòng thí nghiệm", "nhất 02 phòng thí nghiệm"],
    [["01", "1 phòng"], ["02", "2 phòng"], NS + ["không có", "không đặt"]],
)
Q(
    "c-tttt",
    "comparison",
    "both",
    "Kế hoạch nào giao việc cho Sở Thông tin và Truyền thông?",
    ["Sở Thông tin và Truyền thông: Chỉ đạo"],
    [KTN],
)
Q(
    "c-standards-2030",
    "comparison",
    "both",
    "Đến 2030, về chuẩn đo lường hai tỉnh đặt mục tiêu khác nhau ra sao?",
    ["khối lượng, dung tích", "ít nhất 10 chất chuẩn"],
    [["dung tích", "lưu lượng"], ["10"]],
)
Q(
    "c-news",
    "comparison",
    "both",
    "Tỉnh nào có chỉ tiêu số tin bài tuyên truyền về đo lường?",
    ["5 tin, bài"],
    [KTN, ["5 tin", "05 tin"]],
)
Q(
    "c-general",
    "comparison",
    "both",
    "Mục tiêu chung của Bình Thuận và Kon Tum giống nhau ở điểm nào?",
    ["Mục tiêu chung", "Mục tiêu và yêu cầu chung"],
    [["tuyên truyền"], ["bộ tiêu chí"]],
)
Q(
    "c-sectors",
    "comparison",
    "both",
    "Kon Tum và Bình Thuận ưu tiên những ngành nào?",
    ["dịch vụ logistics", "Danh mục ngành, lĩnh vực sản xuất, kinh doanh trọng tâm"],
    [["logistics"], ["3807", "Danh mục"]],
)
Q(
    "c-appendix",
    "comparison",
    "both",
    "Trong hai kế hoạch, cái nào có phụ lục nội dung và tiến độ?",
    ["NỘI DUNG VÀ TIẾN ĐỘ THỰC HIỆN"],
    [KTN],
)
Q(
    "c-ratio-2025",
    "comparison",
    "both",
    "Số lượt người được bồi dưỡng đến 2025: Bình Thuận gấp mấy lần Kon Tum?",
    ["Ít nhất 100 lượt người", "ít nhất 25 lượt"],
    [["100"], ["25"]],
)
Q(
    "c-problems",
    "comparison",
    "both",
    "Khi gặp vướng mắc, hai tỉnh đều yêu cầu phản ánh về đâu?",
    ["phản ánh về Sở Khoa học và Công nghệ", "kịp thời phản ánh về Sở khoa học"],
    [SK],
)
Q(
    "c-signers",
    "comparison",
    "both",
    "Ai ký kế hoạch ở mỗi tỉnh?",
    ["Nguyễn Hữu Tháp", "PHÓ CHỦ TỊCH"],
    [["Nguyễn Hữu Tháp"], NS + ["Phó Chủ tịch"]],
)
Q(
    "c-task-groups",
    "comparison",
    "both",
    "So sánh các nhóm nhiệm vụ của Bình Thuận và Kon Tum",
    ["NHIỆM VỤ VÀ GIẢI PHÁP"],
    [["truyền thông"], ["hạ tầng"], ["quản lý nhà nước"], ["cơ chế"]],
)
Q(
    "c-ent-2025-more",
    "comparison",
    "both",
    "đến 2025 tỉnh nào hỗ trợ nhiều doanh nghiệp áp dụng CT đảm bảo đo lường hơn, BT hay Kon Tum?",
    ["cho ít nhất 05 doanh nghiệp", "nhất 10 lượt doanh nghiệp"],
    [["05", "5 doanh nghiệp"], ["10"], KTN],
)

# ---------------------------------------------------------------- no diacritics
Q(
    "nd-bt-train-2025",
    "nodiacritics",
    "binh-thuan",
    "binh thuan dao tao bao nhieu nguoi den 2025",
    ["Ít nhất 100 lượt người"],
    [["100"]],
)
Q(
    "nd-kt-train-2030",
    "nodiacritics",
    "kon-tum",
    "kon tum boi duong bao nhieu luot nguoi den nam 2030",
    ["ít nhất 50 lượt"],
    [["50"]],
)
Q(
    "nd-kt-targets-2025",
    "nodiacritics",
    "kon-tum",
    "muc tieu 2025 cua kon tum la gi",
    ["ít nhất 05 chất chuẩn", "ít nhất 25 lượt"],
    [["05", "5 chất chuẩn"], ["25"], ["10"], ["01", "1 phòng"]],
)
Q(
    "nd-ent-2030-compare",
    "nodiacritics",
    "both",
    "so sanh muc tieu doanh nghiep binh thuan va kon tum nam 2030",
    ["cho ít nhất 10 doanh nghiệp", "nhất 20 lượt doanh nghiệp"],
    [["10"], ["20"]],
)
Q(
    "nd-kt-standards-lead",
    "nodiacritics",
    "kon-tum",
    "ai chu tri phat trien chuan do luong kon tum",
    ["Phát triển được ít nhất 10 chuẩn"],
    [SK],
)
Q(
    "nd-kt-tc",
    "nodiacritics",
    "kon-tum",
    "so tai chinh kon tum co nhiem vu gi",
    ["Sở Tài chính phối hợp với Sở Khoa học"],
    [["kinh phí"], ["tham mưu"]],
)
Q(
    "nd-bt-sk",
    "nodiacritics",
    "binh-thuan",
    "so khcn binh thuan duoc giao viec gi",
    ["Chủ trì xây dựng kế hoạch hàng năm"],
    [ANN, ["dự toán", "kinh phí"], ["giữ chuẩn", "Trung tâm"]],
)
Q(
    "nd-kt-funding",
    "nodiacritics",
    "kon-tum",
    "nguon kinh phi kon tum",
    ["Nguồn kinh phí thực hiện", "đóng góp của doanh nghiệp"],
    [["ngân sách"], ["doanh nghiệp"], ["hợp pháp khác", "nguồn hợp pháp"]],
)
Q(
    "nd-bt-funding",
    "nodiacritics",
    "binh-thuan",
    "nguon kinh phi thuc hien ke hoach binh thuan",
    ["Nguồn kinh phí chi sự nghiệp khoa học", "NGUỒN KINH PHÍ THỰC HIỆN"],
    [["sự nghiệp"], ["đầu tư phát triển"], ["doanh nghiệp"]],
)
Q(
    "nd-kt-sectors",
    "nodiacritics",
    "kon-tum",
    "cac nganh uu tien cua kon tum",
    ["dịch vụ logistics"],
    [["logistics"], ["điện tử"], ["viễn thông", "kinh tế số"], ["nông nghiệp công nghệ cao"]],
)
Q(
    "nd-kt-phase2",
    "nodiacritics",
    "kon-tum",
    "giai doan 2 kon tum tu nam nao",
    ["Giai đoạn 2: Từ năm 2026"],
    [["2026"]],
)
Q(
    "nd-kt-phases",
    "nodiacritics",
    "kon-tum",
    "ke hoach kon tum co may giai doan",
    ["Giai đoạn 1: Từ năm 2021", "Giai đoạn 2: Từ năm 2026"],
    [["2 giai đoạn", "hai giai đoạn", "giai đoạn 2", "02 giai đoạn"]],
)
Q(
    "nd-bt-fields-2025",
    "nodiacritics",
    "binh-thuan",
    "linh vuc giu chuan binh thuan den 2025",
    ["độ dài, điện"],
    [["khối lượng"], ["độ dài"]],
)
Q(
    "nd-kt-labs-2030",
    "nodiacritics",
    "kon-tum",
    "kon tum can bao nhieu phong thi nghiem duoc cong nhan den 2030",
    ["nhất 02 phòng thí nghiệm"],
    [["02", "2 phòng"]],
)
Q(
    "nd-kt-tttt",
    "nodiacritics",
    "kon-tum",
    "so thong tin va truyen thong kon tum lam gi",
    ["Sở Thông tin và Truyền thông: Chỉ đạo"],
    [["báo chí"], ["tuyên truyền"]],
)
Q(
    "nd-bt-assoc",
    "nodiacritics",
    "binh-thuan",
    "hiep hoi doanh nghiep binh thuan co vai tro gi",
    ["Các hội, hiệp hội doanh nghiệp và các tổ chức"],
    [["tuyên truyền", "phổ biến"], ["hỗ trợ", "tạo điều kiện"]],
)
Q(
    "nd-kt-signer",
    "nodiacritics",
    "kon-tum",
    "ai ky ke hoach kon tum",
    ["Nguyễn Hữu Tháp"],
    [["Nguyễn Hữu Tháp"]],
)
Q(
    "nd-bt-number",
    "nodiacritics",
    "binh-thuan",
    "ke hoach binh thuan so may ngay nao",
    ["UBND tỉnh Bình Thuận ban hành", "Thực hiện Quyết định số 996"],
    [NS, ["996", "UBND"] + UBT],
)
Q(
    "nd-kt-scope",
    "nodiacritics",
    "kon-tum",
    "pham vi ap dung ke hoach kon tum",
    ["Phạm vi và đối tượng", "hàng đóng gói sẵn"],
    [["phương tiện đo"], ["hàng đóng gói sẵn"]],
)
Q(
    "nd-bt-general",
    "nodiacritics",
    "binh-thuan",
    "muc tieu chung ke hoach binh thuan",
    ["Mục tiêu và yêu cầu chung", "nâng cao nhận thức, phổ biến sâu rộng"],
    [["tuyên truyền"], ["Chương trình"], ["nghiên cứu"], ["bộ tiêu chí"]],
)
Q(
    "nd-kt-khdt",
    "nodiacritics",
    "kon-tum",
    "so ke hoach va dau tu kon tum phoi hop viec gi",
    ["Sở Kế hoạch và Đầu tư", "lồng ghép hoạt động"],
    [["lồng ghép"], ["phân bổ", "cân đối"]],
)
Q(
    "nd-bt-allocate",
    "nodiacritics",
    "binh-thuan",
    "ai tham muu bo tri kinh phi su nghiep o binh thuan",
    ["tham mưu UBND tỉnh bố trí kinh phí"],
    [["Sở Tài chính"]],
)
Q(
    "nd-kt-std-2025",
    "nodiacritics",
    "kon-tum",
    "kon tum xa hoi hoa bao nhieu chat chuan den 2025",
    ["ít nhất 05 chất chuẩn"],
    [["05", "5 chất chuẩn"]],
)
Q(
    "nd-metrology-day",
    "nodiacritics",
    "binh-thuan",
    "ngay do luong viet nam la ngay nao",
    ["Ngày Đo lường Việt Nam (20/01)"],
    [D2530],
)
Q(
    "nd-kt-news-2025",
    "nodiacritics",
    "kon-tum",
    "tin bai tuyen truyen kon tum 2021-2025 bao nhieu",
    ["5 tin, bài"],
    [["5 tin", "05 tin"]],
)
Q(
    "nd-bt-ent-2025",
    "nodiacritics",
    "binh-thuan",
    "tinh binh thuan ho tro bao nhieu doanh nghiep den nam 2025",
    ["cho ít nhất 05 doanh nghiệp"],
    [["05", "5 doanh nghiệp"]],
)
Q(
    "nd-kt-legal",
    "nodiacritics",
    "kon-tum",
    "can cu phap ly ke hoach kon tum",
    ["996/QĐ-TTg", "82/QĐ-BKHCN"],
    [["996"], ["82"], ["3807"], ["510"]],
)

# ---------------------------------------------------------------- typos
Q(
    "t-bt-train-2030",
    "typo",
    "binh-thuan",
    "Bình Thuân đào tạo bao nhieu lượt ngừoi đến 2030",
    ["Ít nhất 200 lượt người"],
    [["200"]],
)
Q(
    "t-kt-ent-2025",
    "typo",
    "kon-tum",
    "Kontum mục tiêu doanh nghiep 2025",
    ["nhất 10 lượt doanh nghiệp"],
    [["10"]],
)
Q(
    "t-kt-tc",
    "typo",
    "kon-tum",
    "Sỏ Tài chinh Kom Tum có nhiệm vu gì",
    ["Sở Tài chính phối hợp với Sở Khoa học"],
    [["kinh phí"]],
)
Q(
    "t-bt-fields-2030",
    "typo",
    "binh-thuan",
    "Bính Thuận giữ chuẩn lỉnh vực nào 2030",
    ["khối lượng, dung tích"],
    [["dung tích"], ["lưu lượng"]],
)
Q(
    "t-kt-labs-2025",
    "typo",
    "kon-tum",
    "Kon Tun có bao nhiu phòng thí nghiêm đc công nhận năm 2025",
    ["nhất 01 phòng thí nghiệm"],
    [["01", "1 phòng"]],
)
Q(
    "t-bt-funding",
    "typo",
    "binh-thuan",
    "nguồn kinh phi kế hoach Binh Thuan gồm nhưng gì",
    ["Nguồn kinh phí chi sự nghiệp khoa học", "NGUỒN KINH PHÍ THỰC HIỆN"],
    [["sự nghiệp"], ["đầu tư phát triển"], ["doanh nghiệp"]],
)
Q(
    "t-kt-survey-lead",
    "typo",
    "kon-tum",
    "ai chủ trì khảo sat lựa chon doanh ngiệp Kon Tum",
    ["Khảo sát, đánh giá và lựa chọn doanh nghiệp"],
    [SK],
)
Q(
    "t-kt-phase1",
    "typo",
    "kon-tum",
    "giai đoan 1 kế hoạch kon tum từ nam nào đên năm nào",
    ["Giai đoạn 1: Từ năm 2021 đến 2025"],
    [["2021"], ["2025"]],
)
Q(
    "t-bt-sk",
    "typo",
    "binh-thuan",
    "So Khoa hoc va Cong ngh Binh Thuan co nhiem vu j",
    ["Chủ trì xây dựng kế hoạch hàng năm"],
    [ANN, ["dự toán", "kinh phí"]],
)
Q(
    "t-kt-sectors",
    "typo",
    "kon-tum",
    "Kon Tum ưu tiên nghành nào",
    ["dịch vụ logistics"],
    [["logistics"], ["nông nghiệp công nghệ cao"]],
)
Q(
    "t-kt-tttt",
    "typo",
    "kon-tum",
    "sỏ thông tin truyền thong kon tum làm j",
    ["Sở Thông tin và Truyền thông: Chỉ đạo"],
    [["báo chí"], ["tuyên truyền"]],
)
Q(
    "t-metrology-day",
    "typo",
    "binh-thuan",
    "ngày đo lừơng việt nam là ngay nao vậy",
    ["Ngày Đo lường Việt Nam (20/01)"],
    [D2530],
)
Q(
    "t-kt-train-2030",
    "typo",
    "kon-tum",
    "Kontum boi dưỡng bn lượt ng đến 2030",
    ["ít nhất 50 lượt"],
    [["50"]],
)
Q(
    "t-bt-targets-2025",
    "typo",
    "binh-thuan",
    "Binhthuan mục tiu 2025",
    ["Mục tiêu đến năm 2025", "Ít nhất 100 lượt người"],
    [["100"], ["05", "5 doanh nghiệp"], ["độ dài", "giữ chuẩn"]],
)
Q(
    "t-510",
    "typo",
    "kon-tum",
    "quyêt định 510 ban hành gì",
    ["510/QĐ-BKHCN"],
    [["Chương trình đảm bảo đo lường"]],
)
Q(
    "t-kt-signer",
    "typo",
    "kon-tum",
    "ke hoach kontum ai ky vay",
    ["Nguyễn Hữu Tháp"],
    [["Nguyễn Hữu Tháp"]],
)

# ---------------------------------------------------------------- abbreviations
Q(
    "a-bt-skhcn",
    "abbreviation",
    "binh-thuan",
    "SKHCN BT có nv gì",
    ["Chủ trì xây dựng kế hoạch hàng năm"],
    BT_SK_DUTIES,
)
Q(
    "a-kt-khcn",
    "abbreviation",
    "kon-tum",
    "Sở KH&CN Kon Tum có những nhiệm vụ gì?",
    ["Chủ trì xây dựng kế hoạch hằng năm"],
    KT_SK_DUTIES,
)
Q(
    "a-kt-khdt",
    "abbreviation",
    "kon-tum",
    "Sở KHĐT Kon Tum làm gì",
    ["Sở Kế hoạch và Đầu tư", "lồng ghép hoạt động"],
    [["lồng ghép"], ["phân bổ", "cân đối"]],
)
Q(
    "a-kt-tt&tt",
    "abbreviation",
    "kon-tum",
    "Sở TT&TT Kon Tum có nhiệm vụ gì",
    ["Sở Thông tin và Truyền thông: Chỉ đạo"],
    [["báo chí"], ["tuyên truyền"]],
)
Q(
    "a-kt-tttt",
    "abbreviation",
    "kon-tum",
    "Sở TTTT Kon Tum có vai trò gì",
    ["Sở Thông tin và Truyền thông: Chỉ đạo"],
    [["báo chí"], ["tuyên truyền"]],
)
Q(
    "a-bt-center",
    "abbreviation",
    "binh-thuan",
    "TT KT TC-ĐL-CL Bình Thuận được nâng năng lực giữ chuẩn lĩnh vực nào đến 2025",
    ["độ dài, điện"],
    [["khối lượng"], ["độ dài"]],
)
Q(
    "a-kt-ubnd",
    "abbreviation",
    "kon-tum",
    "UBND các huyện Kon Tum được giao việc gì",
    ["Các sở, ban ngành và Ủy ban nhân dân các huyện", "chủ trì, đề xuất và phối hợp"],
    [["đề xuất", "chủ trì"], ["nhiệm vụ"]],
)
Q(
    "a-bt-ubnd",
    "abbreviation",
    "binh-thuan",
    "UBND huyện BT có nv gì trong KH",
    ["Các sở, ngành và UBND các huyện", "tháo gỡ khó khăn"],
    [["chính xác"], ["khó khăn"]],
)
Q(
    "a-kt-dn",
    "abbreviation",
    "kon-tum",
    "DN ở Kon Tum đc hỗ trợ gì theo KH",
    [
        "Hỗ trợ doanh nghiệp triển khai áp dụng Chương trình",
        "Triển khai công tác hỗ trợ doanh nghiệp",
    ],
    [["Chương trình"]],
)
Q(
    "a-bt-dn-2030",
    "abbreviation",
    "binh-thuan",
    "KH BT hỗ trợ bn DN đến 2030",
    ["cho ít nhất 10 doanh nghiệp"],
    [["10"]],
)
Q(
    "a-kt-ctdbdl-2025",
    "abbreviation",
    "kon-tum",
    "Kon Tum: CT ĐBĐL cho bn lượt DN đến 2025",
    ["nhất 10 lượt doanh nghiệp"],
    [["10"]],
)
Q(
    "a-kt-ptn-2030",
    "abbreviation",
    "kon-tum",
    "PTN được công nhận ở Kon Tum – chỉ tiêu 2030",
    ["nhất 02 phòng thí nghiệm"],
    [["02", "2 phòng"]],
)
Q(
    "a-kt-qd82",
    "abbreviation",
    "kon-tum",
    "QĐ 82/QĐ-BKHCN nói về gì",
    ["82/QĐ-BKHCN"],
    [["Kế hoạch triển khai Đề án", "kế hoạch triển khai"]],
)
Q(
    "a-qd996",
    "abbreviation",
    "both",
    "QĐ 996/QĐ-TTg phê duyệt gì",
    ["996/QĐ-TTg"],
    [["Đề án"], ["đo lường"]],
)
Q(
    "a-kt-nsnn",
    "abbreviation",
    "kon-tum",
    "NSNN chi cho KH Kon Tum từ những nguồn nào",
    ["Nguồn kinh phí chi thường xuyên", "Nguồn kinh phí chi đầu tư phát triển"],
    [["sự nghiệp", "chi thường xuyên"], ["đầu tư phát triển"]],
)
Q(
    "a-bt-khcn",
    "abbreviation",
    "binh-thuan",
    "Sở KHCN BT chủ trì những việc gì",
    ["Chủ trì xây dựng kế hoạch hàng năm", "Chủ trì tăng cường năng lực"],
    [ANN, ["giữ chuẩn", "Trung tâm"]],
)
Q(
    "a-kt-tc",
    "abbreviation",
    "kon-tum",
    "Sở TC Kon Tum làm gì",
    ["Sở Tài chính phối hợp với Sở Khoa học"],
    [["kinh phí"], ["tham mưu"]],
)
Q(
    "a-bt-tc",
    "abbreviation",
    "binh-thuan",
    "Sở TC BT làm gì",
    ["Sở Tài chính: Hàng năm"],
    [["kinh phí"]],
)
Q(
    "a-bt-qlnn",
    "abbreviation",
    "binh-thuan",
    "QLNN về đo lường ở BT có những giải pháp nào",
    ["Tăng cường đầu tư trang thiết bị", "mạng lưới kiểm định"],
    [["trang thiết bị"], ["mạng lưới"], ["phối hợp"], ["bồi dưỡng"], ["thanh tra"]],
)
Q(
    "a-kt-kdhctn",
    "abbreviation",
    "kon-tum",
    "tổ chức KĐ, HC, TN ở Kon Tum: bao nhiêu tổ chức được nâng cao năng lực",
    ["ít nhất 02 tổ", "02 tổ chức"],
    [["02", "2 tổ chức"]],
)
Q(
    "a-kt-ubnd-reports",
    "abbreviation",
    "kon-tum",
    "UBND tỉnh Kon Tum nhận báo cáo thực hiện KH từ ai",
    ["định kỳ hàng năm báo cáo"],
    [SK],
)
Q(
    "a-bt-bkhcn",
    "abbreviation",
    "binh-thuan",
    "BKHCN có vai trò gì trong KH của Bình Thuận",
    ["Bộ Khoa học và Công nghệ về", "theo hướng dẫn của Bộ Khoa học và Công nghệ"],
    [["báo cáo", "hướng dẫn"]],
)

# ---------------------------------------------------------------- English
Q(
    "e-bt-train-2025",
    "english",
    "binh-thuan",
    "What is Binh Thuan's training target for 2025?",
    ["Ít nhất 100 lượt người"],
    [["100"]],
)
Q(
    "e-kt-train-2030",
    "english",
    "kon-tum",
    "How many people will Kon Tum train in metrology by 2030?",
    ["ít nhất 50 lượt"],
    [["50"]],
)
Q(
    "e-kt-targets-2025",
    "english",
    "kon-tum",
    "What are Kon Tum's targets for 2025?",
    ["ít nhất 05 chất chuẩn", "ít nhất 25 lượt"],
    [["05", "5 chất chuẩn", "5 standards"], ["25"], ["10"], ["01", "1 phòng", "1 lab", "one lab"]],
)
Q(
    "e-bt-targets-2030",
    "english",
    "binh-thuan",
    "List all of Binh Thuan's 2030 targets",
    ["Mục tiêu đến năm 2030", "Ít nhất 200 lượt người"],
    [["200"], ["10"], ["dung tích", "lưu lượng", "volume", "flow", "giữ chuẩn"]],
)
Q(
    "e-kt-phases",
    "english",
    "kon-tum",
    "How many phases does the Kon Tum plan have?",
    ["Giai đoạn 1: Từ năm 2021", "Giai đoạn 2: Từ năm 2026"],
    [["2 giai đoạn", "hai giai đoạn", "giai đoạn 2", "two", "2 phases", "phase 2"]],
)
Q(
    "e-kt-survey-lead",
    "english",
    "kon-tum",
    "Who leads the enterprise survey in Kon Tum?",
    ["Khảo sát, đánh giá và lựa chọn doanh nghiệp"],
    [SK],
)
Q(
    "e-bt-finance",
    "english",
    "binh-thuan",
    "What does the Department of Finance of Binh Thuan do?",
    ["Sở Tài chính: Hàng năm"],
    [["kinh phí", "funding", "budget", "funds"]],
)
Q(
    "e-kt-sectors",
    "english",
    "kon-tum",
    "Which sectors does Kon Tum prioritise?",
    ["dịch vụ logistics"],
    [["logistics"], ["điện tử", "electronic"], ["nông nghiệp công nghệ cao", "agricultur"]],
)
Q(
    "e-bt-funding",
    "english",
    "binh-thuan",
    "Where does the funding for Binh Thuan's plan come from?",
    ["Nguồn kinh phí chi sự nghiệp khoa học", "NGUỒN KINH PHÍ THỰC HIỆN"],
    [["ngân sách", "state budget"], ["doanh nghiệp", "enterprise"]],
)
Q(
    "e-kt-phase2",
    "english",
    "kon-tum",
    "When does phase 2 of Kon Tum's plan run?",
    ["Giai đoạn 2: Từ năm 2026"],
    [["2026"], ["2030"]],
)
Q(
    "e-kt-signer",
    "english",
    "kon-tum",
    "Who signed the Kon Tum plan?",
    ["Nguyễn Hữu Tháp"],
    [["Nguyễn Hữu Tháp"]],
)
Q(
    "e-996",
    "english",
    "both",
    "Which decision approved the national metrology scheme?",
    ["996/QĐ-TTg"],
    [["996"]],
)
Q(
    "e-bt-sk-duties",
    "english",
    "binh-thuan",
    "What are the duties of Binh Thuan's Department of Science and Technology?",
    ["Chủ trì xây dựng kế hoạch hàng năm"],
    [ANN, ["dự toán", "budget estimate", "estimate", "kinh phí"]],
)
Q(
    "e-kt-tttt",
    "english",
    "kon-tum",
    "What is the role of Kon Tum's Department of Information and Communications?",
    ["Sở Thông tin và Truyền thông: Chỉ đạo"],
    [["báo chí", "press", "media"]],
)
Q(
    "e-kt-labs-2025",
    "english",
    "kon-tum",
    "How many accredited labs should Kon Tum have by 2025?",
    ["nhất 01 phòng thí nghiệm"],
    [["01", "1 phòng", "1 lab", "one lab", "one accredited"]],
)
Q(
    "e-bt-ent-2030",
    "english",
    "binh-thuan",
    "How many enterprises will Binh Thuan support by 2030?",
    ["cho ít nhất 10 doanh nghiệp"],
    [["10"]],
)
Q(
    "e-compare-train-2030",
    "english",
    "both",
    "Compare the 2030 training targets of Binh Thuan and Kon Tum",
    ["Ít nhất 200 lượt người", "ít nhất 50 lượt"],
    [["200"], ["50"]],
)
Q(
    "e-kt-scope",
    "english",
    "kon-tum",
    "What is the scope of the Kon Tum plan?",
    ["Phạm vi và đối tượng", "hàng đóng gói sẵn"],
    [
        ["phương tiện đo", "measuring instrument"],
        ["hàng đóng gói sẵn", "prepackaged", "pre-packaged"],
    ],
)
Q(
    "e-metrology-day",
    "english",
    "binh-thuan",
    "When is Vietnam Metrology Day?",
    ["Ngày Đo lường Việt Nam (20/01)"],
    [D2530],
)
Q(
    "e-kt-legal",
    "english",
    "kon-tum",
    "What legal documents is Kon Tum's plan based on?",
    ["996/QĐ-TTg", "82/QĐ-BKHCN"],
    [["996"], ["82"], ["3807"], ["510"]],
)
Q(
    "e-bt-number",
    "english",
    "binh-thuan",
    "What is the number of Binh Thuan's plan document?",
    ["UBND tỉnh Bình Thuận ban hành", "Thực hiện Quyết định số 996"],
    [NS, ["996"] + UBT + ["UBND"]],
)
Q(
    "e-kt-money",
    "english",
    "kon-tum",
    "How much money is allocated to Kon Tum's plan?",
    ["Nguồn kinh phí thực hiện", "KINH PHÍ THỰC HIỆN"],
    [NS, ["ngân sách", "budget"]],
)
Q(
    "e-bt-fields-2025",
    "english",
    "binh-thuan",
    "Which measurement fields will Binh Thuan's metrology centre hold standards for by 2025?",
    ["độ dài, điện"],
    [["khối lượng", "mass"], ["độ dài", "length"]],
)
Q(
    "e-kt-budget-coord",
    "english",
    "kon-tum",
    "Who works with the Department of Science and Technology on budget allocation in Kon Tum?",
    ["cân đối, đề", "Sở Tài chính phối hợp với Sở Khoa học"],
    [KHDT, TC],
)
Q(
    "e-kt-general",
    "english",
    "kon-tum",
    "What are the general objectives of Kon Tum's plan?",
    ["Mục tiêu chung", "Phát triển cơ sở vật chất"],
    [
        ["xã hội hóa", "xã hội hoá", "socializ", "socialis", "mobiliz", "mobilis"],
        ["bộ tiêu chí", "criteria"],
        ["tuyên truyền", "awareness", "communication"],
    ],
)
Q(
    "e-bt-tasks",
    "english",
    "binh-thuan",
    "What are the main task groups in Binh Thuan's plan?",
    ["NHIỆM VỤ VÀ GIẢI PHÁP", "Đẩy mạnh công tác truyền thông"],
    [
        ["truyền thông", "communication"],
        ["hạ tầng", "infrastructure"],
        ["quản lý nhà nước", "state management"],
    ],
)
Q(
    "e-kt-problems",
    "english",
    "kon-tum",
    "Who should be told if problems come up while implementing the Kon Tum plan?",
    ["kịp thời phản ánh về Sở khoa học"],
    [SK],
)

# ---------------------------------------------------------------- new administrative names (2025)
Q(
    "na-ld-train-2025",
    "new_admin",
    "binh-thuan",
    "Lâm Đồng đặt mục tiêu đào tạo đo lường bao nhiêu người đến 2025?",
    ["Ít nhất 100 lượt người"],
    [["100"], BTN],
)
Q(
    "na-qn-labs-2030",
    "new_admin",
    "kon-tum",
    "Quảng Ngãi có mục tiêu gì về phòng thí nghiệm đo lường đến 2030?",
    ["nhất 02 phòng thí nghiệm"],
    [["02", "2 phòng"], KTN],
)
Q(
    "na-ld-funding",
    "new_admin",
    "binh-thuan",
    "Kế hoạch đo lường hỗ trợ doanh nghiệp của tỉnh Lâm Đồng có những nguồn kinh phí nào?",
    ["Nguồn kinh phí chi sự nghiệp khoa học", "NGUỒN KINH PHÍ THỰC HIỆN"],
    [["sự nghiệp"], ["đầu tư phát triển"], ["doanh nghiệp"], BTN],
)
Q(
    "na-qn-survey-lead",
    "new_admin",
    "kon-tum",
    "tỉnh Quảng Ngãi ai chủ trì khảo sát doanh nghiệp áp dụng chương trình đảm bảo đo lường",
    ["Khảo sát, đánh giá và lựa chọn doanh nghiệp"],
    [SK, KTN],
)
Q(
    "na-ld-sk",
    "new_admin",
    "binh-thuan",
    "Sở KHCN Lâm Đồng có nhiệm vụ gì theo kế hoạch đo lường?",
    ["Chủ trì xây dựng kế hoạch hàng năm"],
    [ANN, ["dự toán", "kinh phí"], BTN],
)
Q(
    "na-qn-sectors",
    "new_admin",
    "kon-tum",
    "Quảng Ngãi ưu tiên ngành nào trong kế hoạch đo lường?",
    ["dịch vụ logistics"],
    [["logistics"], KTN],
)
Q(
    "na-ld-ent-2030",
    "new_admin",
    "binh-thuan",
    "lam dong ho tro bao nhieu doanh nghiep den 2030",
    ["cho ít nhất 10 doanh nghiệp"],
    [["10"], BTN],
)
Q(
    "na-qn-train-2025",
    "new_admin",
    "kon-tum",
    "quang ngai boi duong bao nhieu luot nguoi den 2025",
    ["ít nhất 25 lượt"],
    [["25"], KTN],
)
Q(
    "na-qn-phases",
    "new_admin",
    "kon-tum",
    "Kế hoạch đo lường của Quảng Ngãi chia làm mấy giai đoạn?",
    ["Giai đoạn 1: Từ năm 2021", "Giai đoạn 2: Từ năm 2026"],
    [["2021"], ["2026"], KTN],
)
Q(
    "na-ld-center",
    "new_admin",
    "binh-thuan",
    "Ở Lâm Đồng, theo kế hoạch đo lường thì trung tâm nào giữ chuẩn?",
    ["đơn vị giữ chuẩn đo lường là Trung tâm"],
    [["Trung tâm Kỹ thuật"], BTN],
)
Q(
    "na-qn-tc",
    "new_admin",
    "kon-tum",
    "Quảng Ngãi: Sở Tài chính có nhiệm vụ gì trong kế hoạch đo lường?",
    ["Sở Tài chính phối hợp với Sở Khoa học"],
    [["kinh phí"], KTN],
)
Q(
    "na-ld-has-plan",
    "new_admin",
    "binh-thuan",
    "Lâm Đồng có kế hoạch triển khai Đề án 996 về đo lường không?",
    ["996/QĐ-TTg"],
    [BTN, MERGED],
)
Q(
    "na-qn-targets-2030",
    "new_admin",
    "kon-tum",
    "Mục tiêu 2030 của Quảng Ngãi về đo lường?",
    ["ít nhất 10 chất chuẩn", "ít nhất 50 lượt"],
    [["10"], ["50"], ["20"], ["02", "2 phòng"], KTN],
)
Q(
    "na-ld-targets-2025-en",
    "new_admin",
    "binh-thuan",
    "What are Lam Dong's metrology targets for 2025?",
    ["Mục tiêu đến năm 2025", "Ít nhất 100 lượt người"],
    [["100"], ["05", "5 enterprises", "5 doanh nghiệp"], BTN],
)
Q(
    "na-qn-tttt",
    "new_admin",
    "kon-tum",
    "Quảng Ngãi giao Sở Thông tin và Truyền thông làm gì trong kế hoạch đo lường?",
    ["Sở Thông tin và Truyền thông: Chỉ đạo"],
    [["báo chí"], KTN],
)
Q(
    "na-compare-train-2030",
    "new_admin",
    "both",
    "So sánh mục tiêu đào tạo đo lường đến 2030 của Lâm Đồng và Quảng Ngãi",
    ["Ít nhất 200 lượt người", "ít nhất 50 lượt"],
    [["200"], ["50"]],
)

# ---------------------------------------------------------------- timeline / phases
Q(
    "tl-kt-span",
    "timeline",
    "kon-tum",
    "Kon Tum thực hiện kế hoạch trong khoảng thời gian nào?",
    ["Giai đoạn 1: Từ năm 2021", "Giai đoạn 2: Từ năm 2026"],
    [["2021"], ["2030"]],
)
Q(
    "tl-kt-phase1-end",
    "timeline",
    "kon-tum",
    "Giai đoạn 1 ở Kon Tum kết thúc năm nào?",
    ["Giai đoạn 1: Từ năm 2021 đến 2025"],
    [["2025"]],
)
Q(
    "tl-kt-phases",
    "timeline",
    "kon-tum",
    "Kon Tum chia kế hoạch thành những giai đoạn nào?",
    ["Giai đoạn 1: Từ năm 2021", "Giai đoạn 2: Từ năm 2026"],
    [["2021"], ["2025"], ["2026"], ["2030"]],
)
Q(
    "tl-bt-horizon",
    "timeline",
    "binh-thuan",
    "Kế hoạch Bình Thuận định hướng đến năm nào?",
    ["định hướng đến năm 2030", "Mục tiêu đến năm 2030"],
    [["2030"]],
)
Q(
    "tl-kt-news-period",
    "timeline",
    "kon-tum",
    "Thời gian thực hiện nhiệm vụ tuyên truyền ở Kon Tum?",
    ["Tuyên truyền, phổ biến trên các phương tiện thông tin", "5 tin, bài"],
    [["2021"], ["2030"]],
)
Q(
    "tl-kt-review-cycle",
    "timeline",
    "kon-tum",
    "Kon Tum sơ kết, tổng kết kế hoạch theo chu kỳ mấy năm?",
    ["Sơ kết, tổng kết các giai đoạn", "3 năm, 5"],
    [["3 năm"], ["5 năm"]],
)
Q(
    "tl-kt-equip-period",
    "timeline",
    "kon-tum",
    "Việc đầu tư 20 chuẩn, chất chuẩn ở Kon Tum thực hiện trong giai đoạn nào?",
    ["20 chuẩn, chất"],
    [["2021"], ["2030"]],
)
Q(
    "tl-bt-review-freq",
    "timeline",
    "binh-thuan",
    "Bình Thuận rà soát văn bản, cơ chế chính sách hỗ trợ doanh nghiệp bao lâu một lần?",
    ["doanh nghiệp hàng năm phù hợp"],
    [["hàng năm", "hằng năm", "annual"]],
)
Q(
    "tl-bt-estimate-freq",
    "timeline",
    "binh-thuan",
    "Sở KHCN BT lập dự toán kinh phí kế hoạch khi nào?",
    ["lập dự toán hàng năm"],
    [["hàng năm", "hằng năm", "annual"]],
)
Q(
    "tl-kt-train-2026-2030",
    "timeline",
    "kon-tum",
    "Giai đoạn 2026-2030 Kon Tum bồi dưỡng bao nhiêu lượt người theo phụ lục?",
    ["25 lượt", "Đào tạo theo nhu cầu của doanh nghiệp"],
    [["25"]],
)
Q(
    "tl-kt-std-2026-2030",
    "timeline",
    "kon-tum",
    "Giai đoạn 2026-2030 Kon Tum phát triển thêm bao nhiêu chuẩn đo lường, phương tiện đo theo phụ lục?",
    ["05 chuẩn đo", "Phát triển được ít nhất 10 chuẩn"],
    [["05", "5 chuẩn"]],
)
Q(
    "tl-bt-day-freq",
    "timeline",
    "binh-thuan",
    "Bình Thuận tổ chức hoạt động nhân Ngày Đo lường Việt Nam bao lâu một lần?",
    ["thiết thực hàng năm", "Ngày Đo lường Việt Nam (20/01)"],
    [["hàng năm", "hằng năm", "annual"]],
)
Q(
    "tl-kt-tc-freq",
    "timeline",
    "kon-tum",
    "Sở Tài chính Kon Tum tham mưu bố trí kinh phí khoa học công nghệ bao lâu một lần?",
    ["Sở Tài chính phối hợp với Sở Khoa học", "khoa học và công nghệ hàng năm"],
    [["hàng năm", "hằng năm", "annual"]],
)
Q(
    "tl-kt-orgs-deadline",
    "timeline",
    "kon-tum",
    "Kon Tum nâng cao năng lực 02 tổ chức dịch vụ kiểm định đến năm nào?",
    ["02 tổ chức", "ít nhất 02 tổ"],
    [["2030"]],
)
Q(
    "tl-kt-report-freq",
    "timeline",
    "kon-tum",
    "Báo cáo thực hiện kế hoạch Kon Tum theo kỳ hạn nào?",
    ["Báo cáo định kỳ, đột xuất", "định kỳ hàng năm báo cáo"],
    [["hằng năm", "hàng năm", "định kỳ", "annual"]],
)

# ---------------------------------------------------------------- funding
Q(
    "f-bt-invest-use",
    "funding",
    "binh-thuan",
    "Nguồn chi đầu tư phát triển ở Bình Thuận dùng cho việc gì?",
    ["Nguồn kinh phí chi đầu tư phát triển"],
    [["hạ tầng"], ["giữ chuẩn"]],
)
Q(
    "f-kt-invest-use",
    "funding",
    "kon-tum",
    "Vốn đầu tư phát triển ở Kon Tum dùng để làm gì?",
    ["Nguồn kinh phí chi đầu tư phát triển"],
    [["hạ tầng"]],
)
Q(
    "f-bt-manage",
    "funding",
    "binh-thuan",
    "Kinh phí ngân sách của kế hoạch Bình Thuận được quản lý, sử dụng theo quy định nào?",
    ["Quản lý, sử dụng kinh phí"],
    [["ngân sách nhà nước"]],
)
Q(
    "f-kt-recurrent",
    "funding",
    "kon-tum",
    "Kinh phí chi thường xuyên ở Kon Tum dùng cho những nội dung gì?",
    ["Nguồn kinh phí chi thường xuyên"],
    [
        ["chính sách"],
        ["hạ tầng"],
        ["quản lý nhà nước"],
        ["chất lượng sản phẩm", "hỗ trợ doanh nghiệp"],
        ["truyền thông"],
    ],
)
Q(
    "f-bt-science",
    "funding",
    "binh-thuan",
    "Nguồn sự nghiệp KHCN của BT chi cho những việc gì?",
    ["Nguồn kinh phí chi sự nghiệp khoa học"],
    [["cơ chế"], ["quản lý nhà nước"], ["đào tạo", "bồi dưỡng"], ["truyền thông"], ["khảo sát"]],
)
Q(
    "f-kt-balance",
    "funding",
    "kon-tum",
    "Sở Tài chính Kon Tum bố trí kinh phí phải phù hợp với điều gì?",
    ["khả năng cân đối ngân sách tỉnh"],
    [["cân đối ngân sách"], ["Trung ương"]],
)
Q(
    "f-bt-law",
    "funding",
    "binh-thuan",
    "Kinh phí sự nghiệp cho kế hoạch BT được bố trí theo luật nào?",
    ["Luật Ngân sách nhà nước"],
    [["Ngân sách nhà nước"]],
)
Q(
    "f-kt-who-submits",
    "funding",
    "kon-tum",
    "Kinh phí sự nghiệp KH&CN hàng năm cho kế hoạch Kon Tum do ai tham mưu bố trí?",
    ["Sở Tài chính phối hợp với Sở Khoa học"],
    [TC, UBT],
)
Q(
    "f-bt-nonbudget",
    "funding",
    "binh-thuan",
    "Ngoài ngân sách, kế hoạch BT còn huy động kinh phí từ đâu?",
    ["Nguồn kinh phí đóng góp từ các doanh nghiệp"],
    [["doanh nghiệp"], ["hợp pháp khác", "nguồn hợp pháp"]],
)
Q(
    "f-kt-nonbudget",
    "funding",
    "kon-tum",
    "Ngoài ngân sách nhà nước, Kon Tum huy động kinh phí từ đâu?",
    ["đóng góp của doanh nghiệp"],
    [["doanh nghiệp"], ["hợp pháp khác", "nguồn hợp pháp"]],
)
Q(
    "f-bt-survey-funded",
    "funding",
    "binh-thuan",
    "Bình Thuận có dùng kinh phí sự nghiệp KHCN cho việc khảo sát doanh nghiệp không?",
    ["khảo sát lựa chọn các doanh nghiệp"],
    [YES, ["khảo sát"]],
)
Q(
    "f-kt-compile",
    "funding",
    "kon-tum",
    "Kon Tum: ai tổng hợp kinh phí gửi Sở KH&ĐT và Sở Tài chính?",
    ["tổng hợp kinh phí thực hiện gửi Sở"],
    [SK],
)
Q(
    "f-bt-compile",
    "funding",
    "binh-thuan",
    "Ai tổng hợp nhu cầu kinh phí để lập dự toán cho kế hoạch BT?",
    ["tổng hợp nhu", "lập dự toán hàng năm"],
    [SK],
)
Q(
    "f-kt-allocate-propose",
    "funding",
    "kon-tum",
    "Sở nào đề xuất phân bổ ngân sách thực hiện kế hoạch ở Kon Tum?",
    ["cân đối, đề"],
    [KHDT],
)
Q(
    "f-both-invest",
    "funding",
    "both",
    "Kinh phí chi đầu tư phát triển có trong kế hoạch của cả hai tỉnh không?",
    ["Nguồn kinh phí chi đầu tư phát triển"],
    [YES, ["hạ tầng"]],
)
Q(
    "f-kt-manage",
    "funding",
    "kon-tum",
    "kinh phí ngân sách kế hoạch kon tum quản lý theo quy định nào",
    ["Quản lý, sử dụng kinh phí ngân sách Nhà nước"],
    [["ngân sách nhà nước"]],
)

# ---------------------------------------------------------------- out of scope: near the plans' subject
near = [
    "Phí kiểm định cột đo xăng dầu là bao nhiêu?",
    "Hiệu chuẩn cân điện tử 30kg hết bao nhiêu tiền?",
    "Thủ tục đăng ký kiểm định phương tiện đo của doanh nghiệp như thế nào?",
    "Làm sao đăng ký phương tiện đo nhóm 2 cho công ty?",
    "Đồng hồ nước nhà tôi chạy nhanh bất thường, khiếu nại ở đâu?",
    "Chu kỳ kiểm định công tơ điện là mấy năm?",
    "Cân ô tô phải kiểm định bao lâu một lần?",
    "Cả nước hiện có bao nhiêu phòng thí nghiệm VILAS?",
    "Địa chỉ Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng 3 (QUATEST 3) ở đâu?",
    "Dân số tỉnh Kon Tum năm 2024 là bao nhiêu?",
    "GDP bình quân đầu người của Bình Thuận năm 2023?",
    "Luật Đo lường có hiệu lực từ ngày nào?",
    "Nghị định 86/2012/NĐ-CP quy định gì về đo lường?",
    "Phương tiện đo nhóm 2 gồm những loại nào theo thông tư của Bộ KH&CN?",
    "Mức phạt cao nhất khi vi phạm hành chính về đo lường là bao nhiêu?",
    "Kế hoạch đo lường hỗ trợ doanh nghiệp của Đà Nẵng có mục tiêu gì?",
    "Hà Nội đặt mục tiêu bao nhiêu doanh nghiệp áp dụng chương trình đảm bảo đo lường?",
    "Nghệ An có kế hoạch triển khai Đề án đo lường đến 2030 không, mục tiêu là gì?",
    "Mục tiêu đào tạo đo lường của thành phố Cần Thơ đến 2025?",
    "Hồ sơ đăng ký hoạt động kiểm định, hiệu chuẩn gồm những gì?",
    "Phòng thí nghiệm của trung tâm đo lường Bình Thuận làm việc mấy giờ?",
    "Giá hiệu chuẩn nhiệt kế ở Kon Tum bao nhiêu?",
    "Làm thế nào để phòng thí nghiệm được công nhận ISO/IEC 17025?",
    "Văn phòng Công nhận Chất lượng BoA ở đâu?",
    "Sai số cho phép của cột đo xăng dầu là bao nhiêu?",
    "Hàng đóng gói sẵn phải ghi nhãn định lượng như thế nào?",
    "Doanh nghiệp tự hiệu chuẩn thiết bị đo nội bộ có hợp pháp không?",
    "Giám đốc Sở Khoa học và Công nghệ Lâm Đồng hiện nay là ai?",
    "Bộ trưởng Bộ Khoa học và Công nghệ hiện nay là ai?",
    "Tổng cục Tiêu chuẩn Đo lường Chất lượng nay đổi tên thành cơ quan nào?",
    "Lương của kiểm định viên đo lường khoảng bao nhiêu?",
    "Học phí khóa đào tạo kiểm định viên đo lường là bao nhiêu?",
    "Chuẩn quốc gia về khối lượng của Việt Nam được đặt ở đâu?",
    "Viện Đo lường Việt Nam có bao nhiêu phòng thí nghiệm?",
    "Quy trình kiểm định taximet gồm những bước nào?",
    "Kiểm định đồng hồ đo điện 3 pha giá bao nhiêu?",
    "Doanh nghiệp nhỏ mua thiết bị đo có được miễn thuế không?",
    "Nhãn năng lượng cho máy điều hòa đăng ký ở đâu?",
    "Đăng ký mã số mã vạch GS1 cho sản phẩm thế nào?",
    "Chứng nhận ISO 9001:2015 cho công ty tốn bao nhiêu tiền?",
    "Tỷ lệ doanh nghiệp cả nước đã áp dụng chương trình đảm bảo đo lường là bao nhiêu?",
    "1 inch bằng bao nhiêu cm?",
    "Đơn vị đo áp suất trong hệ SI là gì?",
    "Mét được định nghĩa như thế nào?",
    "How much does it cost to calibrate a fuel dispenser in Vietnam?",
    "What is the population of Kon Tum province?",
    "Số lượng doanh nghiệp đang hoạt động ở Bình Thuận là bao nhiêu?",
]
far = [
    "Giá xăng RON 95 tuần này bao nhiêu?",
    "Thời tiết Phan Thiết ngày mai thế nào?",
    "Kết quả trận Việt Nam - Thái Lan tối qua?",
    "Cách nấu phở bò ngon tại nhà?",
    "Tỷ giá đô la Mỹ hôm nay là bao nhiêu?",
    "Làm visa đi Nhật cần giấy tờ gì?",
    "Viết giúp tôi một bài thơ về mùa thu",
    "2 cộng 2 bằng mấy?",
    "Thủ đô của Pháp là gì?",
    "Giá vàng SJC hôm nay?",
    "Kể một câu chuyện cười đi",
    "Lịch thi THPT quốc gia năm nay?",
    "Phim nào đang chiếu ở rạp CGV?",
    "Cách đổi bằng lái xe máy sang thẻ PET?",
    "Bệnh viện nào ở Kon Tum khám nhi tốt?",
    "Khách sạn gần biển Mũi Né giá rẻ?",
    "Tra cứu điểm thi đại học 2026",
    "Làm sao để giảm cân nhanh?",
    "Xổ số miền Nam hôm nay ra số mấy?",
    "Dịch câu 'good morning' sang tiếng Việt",
    "Cổ phiếu VNM hôm nay tăng hay giảm?",
    "Thủ tục ly hôn đơn phương thế nào?",
    "Cách cài đặt Python trên Windows?",
    "Đường từ Kon Tum đi Đà Lạt bao xa?",
    "Mức lương tối thiểu vùng năm 2026 là bao nhiêu?",
    "Bảo hiểm xã hội một lần rút thế nào?",
    "Ai là tác giả Truyện Kiều?",
    "What's the weather in Ho Chi Minh City today?",
    "Recommend a good laptop for programming",
    "Who won the World Cup 2022?",
    "Thuế thu nhập cá nhân tính như thế nào?",
    "Cách đăng ký thành lập doanh nghiệp tư nhân?",
    "Quy định nghỉ Tết Nguyên đán 2027 cho công chức?",
    "Mật khẩu wifi quán cà phê là gì?",
    "Đặc sản Kon Tum là gì?",
    "Bãi biển đẹp nhất Bình Thuận là ở đâu?",
    "Vé máy bay Hà Nội - Pleiku bao nhiêu tiền?",
    "Làm sao trồng sầu riêng năng suất cao?",
    "Cách nuôi tôm thẻ chân trắng?",
    "Hướng dẫn nộp thuế môn bài online",
    "Tính diện tích hình tròn bán kính 5cm",
    "Giờ mở cửa bưu điện tỉnh Kon Tum?",
    "Giá thanh long Bình Thuận hôm nay?",
    "Tháng này có ngày lễ nào?",
    "Chó nhà tôi bỏ ăn phải làm sao?",
    "Ai là Chủ tịch UBND tỉnh Lâm Đồng hiện nay?",
    "Lịch cúp điện khu vực Phan Thiết tuần này?",
    "Học tiếng Anh giao tiếp ở đâu tốt?",
]
for i, q in enumerate(near, 1):
    OOS(f"oos-near-{i:02d}", "oos_near", q)
for i, q in enumerate(far, 1):
    OOS(f"oos-far-{i:02d}", "oos_far", q)


# ---------------------------------------------------------------- split, check, write
def fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.lower()).replace("đ", "d")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", s).strip()


def assign_splits(cases: list[dict], seed: int = SEED) -> None:
    """Stratified by kind: shuffle each kind's ids with a seeded RNG, alternate tune/test."""
    by_kind: dict[str, list[dict]] = {}
    for c in cases:
        by_kind.setdefault(c["kind"], []).append(c)
    for kind in sorted(by_kind):
        group = sorted(by_kind[kind], key=lambda c: c["id"])
        rng = random.Random(f"{seed}:{kind}")
        rng.shuffle(group)
        first = rng.choice(["tune", "test"])
        other = "test" if first == "tune" else "tune"
        for i, c in enumerate(group):
            c["split"] = first if i % 2 == 0 else other


def check(cases: list[dict]) -> list[str]:
    texts = {
        p: fold((ROOT / "knowledge" / "plans" / f"{p}.txt").read_text(encoding="utf-8"))
        for p in ("binh-thuan", "kon-tum")
    }
    problems = []
    ids = [c["id"] for c in cases]
    if len(set(ids)) != len(ids):
        problems.append("duplicate ids")
    qs = [fold(c["q"]) for c in cases]
    if len(set(qs)) != len(qs):
        problems.append("duplicate questions")
    for c in cases:
        if c["plan"] == "none":
            continue
        plans = ["binh-thuan", "kon-tum"] if c["plan"] == "both" else [c["plan"]]
        for e in c["evidence"]:
            if not any(fold(e) in texts[p] for p in plans):
                problems.append(f"{c['id']}: evidence {e!r} not in {c['plan']}")
        if not c["evidence"] or not c["answer"]:
            problems.append(f"{c['id']}: empty evidence or answer")
    return problems


HEADER = """\
# Blind question set for the plan bot (issue 7, item 5).
#
# Written from the plan texts only (knowledge/plans/binh-thuan.txt, knowledge/plans/kon-tum.txt),
# before and without looking at any answer of the bot; the questions do not come from the
# answering rules. Generated by eval/build_questions.py (edit that file, then re-run it).
#
# Each case (same format as ../shared/eval/dev_questions.yaml, plus `kind` and `split`):
#   id          stable name
#   kind        value | list | section | duties | lead | yesno | not_stated | comparison |
#               nodiacritics | typo | abbreviation | english | new_admin | timeline | funding
#               (in scope) ; oos_near | oos_far (out of scope: plan none)
#   split       tune | test -- drawn at random, stratified by kind (within each kind the ids
#               are shuffled with random.Random(f"{SEED}:{kind}"), SEED = 20261122, and
#               alternate between the two halves), so each kind is split about half and half.
#               THE TEST HALF MUST NEVER BE USED FOR TUNING: do not read its failures to change
#               rules, lexicon, thresholds or calibration; report its figures only.
#   q           the question, as a user would type it in Telegram
#   plan        which plan the answer comes from: binh-thuan, kon-tum, both, or none
#               (none = out of scope: the bot must say it has no answer, not guess;
#               oos_near questions share words with the plans but the plans do not answer them)
#   evidence    retrieval is correct when one of the top-k passages contains ANY of these
#               strings (compared lower-cased, without diacritics, white space collapsed)
#   answer      the answer is correct when it contains EVERY group; a group is a list of
#               alternatives, any one of which is enough (same normalisation; an alternative
#               that starts or ends with a digit matches only as a whole number: "25" is not
#               found in "2025"). Lists require each item as its own group; yes/no questions
#               require "có"/"không" plus the supporting item; not_stated questions require a
#               "the plan does not state it" phrase plus the closest thing the plan does say;
#               new_admin questions (Lâm Đồng -> Bình Thuận's plan, Quảng Ngãi -> Kon Tum's)
#               require the old province's name.
#
# Scoring: python scripts/evaluate.py eval/questions.yaml [--split test|tune] [--json]
"""


def main(argv: list[str]) -> int:
    problems = check(CASES)
    for p in problems:
        print("CHECK:", p, file=sys.stderr)
    if "--check" in argv:
        return 1 if problems else 0
    assign_splits(CASES)
    out = [HEADER]
    for c in CASES:
        out.append(
            f"- id: {c['id']}\n"
            f"  kind: {c['kind']}\n"
            f"  split: {c['split']}\n"
            f"  q: {json.dumps(c['q'], ensure_ascii=False)}\n"
            f"  plan: {c['plan']}\n"
            f"  evidence: {json.dumps(c['evidence'], ensure_ascii=False)}\n"
            f"  answer: {json.dumps(c['answer'], ensure_ascii=False)}\n"
        )
    (ROOT / "eval" / "questions.yaml").write_text("\n".join(out), encoding="utf-8")
    counts: dict[tuple[str, str], int] = {}
    for c in CASES:
        counts[(c["kind"], c["split"])] = counts.get((c["kind"], c["split"]), 0) + 1
    kinds = sorted({k for k, _ in counts})
    for k in kinds:
        print(f"{k:14s} tune={counts.get((k, 'tune'), 0):3d} test={counts.get((k, 'test'), 0):3d}")
    ins = sum(1 for c in CASES if c["plan"] != "none")
    print(
        f"in scope {ins}, out of scope {len(CASES) - ins} "
        f"(near {sum(1 for c in CASES if c['kind'] == 'oos_near')})"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
