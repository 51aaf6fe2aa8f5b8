"""A question in the plans' own terms: expansions, English glossary, evidence words."""

from __future__ import annotations

from dataclasses import replace

from bot.query import Query
from bot.textnorm import words

# English and generic question cues mapped to the plans' Vietnamese terms, so the lexical
# retriever can match questions typed in English or with few content words.
_EXPANSIONS: dict[str, str] = {
    "target": "mục tiêu ít nhất",
    "lead": "chủ trì phối hợp",
    "duties": "nhiệm vụ trách nhiệm",
    "timeline": "thời gian thực hiện giai đoạn",
    "funding": "kinh phí nguồn ngân sách",
    "legal": "quyết định căn cứ",
    "scope": "phạm vi đối tượng áp dụng",
    "sectors": "ngành lĩnh vực trọng tâm",
    "signer": "người ký chủ tịch",
    "tasks": "nhiệm vụ và giải pháp",
}
_METRIC_TERMS: dict[str, str] = {
    "training": "đào tạo bồi dưỡng tập huấn lượt người",
    "enterprises": "doanh nghiệp Chương trình đảm bảo đo lường",
    "standards": "chuẩn đo lường chất chuẩn giữ chuẩn",
    "labs": "phòng thí nghiệm được công nhận",
    "service_orgs": "tổ chức dịch vụ kiểm định hiệu chuẩn",
    "communication": "tuyên truyền tin bài",
    "cooperation": "phối hợp lượt",
}
# Domain words of English questions (foreign-invested enterprises) in the plans' terms.
_ENGLISH_TERMS: dict[str, str] = {
    "enterprise": "doanh nghiệp",
    "enterprises": "doanh nghiệp",
    "business": "doanh nghiệp",
    "businesses": "doanh nghiệp",
    "company": "doanh nghiệp",
    "companies": "doanh nghiệp",
    "survey": "khảo sát",
    "surveying": "khảo sát",
    "select": "lựa chọn",
    "selection": "lựa chọn",
    "train": "đào tạo bồi dưỡng",
    "trained": "đào tạo bồi dưỡng",
    "training": "đào tạo",
    "people": "lượt người",
    "staff": "cán bộ",
    "standard": "chuẩn đo lường",
    "standards": "chuẩn đo lường chất chuẩn",
    "lab": "phòng thí nghiệm",
    "labs": "phòng thí nghiệm",
    "laboratory": "phòng thí nghiệm",
    "laboratories": "phòng thí nghiệm",
    "accredited": "được công nhận",
    "funding": "kinh phí",
    "funds": "kinh phí",
    "budget": "ngân sách",
    "money": "kinh phí",
    "phase": "giai đoạn",
    "phases": "giai đoạn",
    "period": "giai đoạn thời gian",
    "deadline": "thời gian thực hiện",
    "plan": "kế hoạch",
    "finance": "tài chính",
    "science": "khoa học",
    "technology": "công nghệ",
    "information": "thông tin",
    "communications": "truyền thông",
    "communication": "truyền thông tuyên truyền",
    "media": "báo chí truyền thông",
    "news": "tin bài",
    "sector": "ngành lĩnh vực",
    "sectors": "ngành lĩnh vực",
    "priority": "ưu tiên trọng tâm",
    "measurement": "đo lường",
    "metrology": "đo lường",
    "calibration": "hiệu chuẩn",
    "verification": "kiểm định",
    "testing": "thử nghiệm",
    "inspection": "thanh tra kiểm tra",
    "report": "báo cáo",
    "reports": "báo cáo",
    "legal": "căn cứ",
    "decision": "quyết định",
    "signed": "ký",
    "signer": "người ký",
    "scope": "phạm vi",
    "apply": "áp dụng",
    "applies": "áp dụng",
    "target": "mục tiêu",
    "targets": "mục tiêu",
    "goal": "mục tiêu",
    "goals": "mục tiêu",
    "support": "hỗ trợ",
    "infrastructure": "hạ tầng",
    "department": "sở",
    "planning": "kế hoạch",
    "investment": "đầu tư",
    "districts": "huyện",
    "district": "huyện",
    "associations": "hiệp hội",
    "association": "hiệp hội",
    "tasks": "nhiệm vụ",
    "task": "nhiệm vụ",
    "duties": "nhiệm vụ",
    "role": "nhiệm vụ",
    "lead": "chủ trì",
    "leads": "chủ trì",
    "coordinate": "phối hợp",
    "coordinates": "phối hợp",
    "partners": "phối hợp",
    "monitoring": "kiểm tra",
    "organizations": "tổ chức",
    "organisations": "tổ chức",
    "day": "ngày",
    "annual": "hằng năm",
    "annually": "hằng năm",
    "yearly": "hằng năm",
    "often": "định kỳ hằng năm",
    "review": "kiểm tra rà soát",
    "reviewed": "kiểm tra rà soát",
    "responsible": "chủ trì trách nhiệm",
    "service": "dịch vụ",
    "services": "dịch vụ",
    "national": "quốc gia",
    "scheme": "đề án",
    "project": "đề án",
    "approved": "phê duyệt",
    "approve": "phê duyệt",
    "approves": "phê duyệt",
    "province": "tỉnh",
    "provincial": "tỉnh",
}
_ENGLISH_FUNCTION_WORDS = frozenset(
    "i we you my our your me us what which who whom how many much when where why is are was "
    "were be been the a an of in on to by for from does do did will would can could should "
    "it its this that these there have has had and or with about".split()
)


def retrieval_text(query: Query) -> str:
    """The question plus the plans' own terms for its intent and metric."""
    extra = [_english_in_plan_terms(query)] if query.language == "en" else []
    if query.language == "en" or len(query.topic_terms) <= 2:
        if query.intent != "general":
            extra.append(_EXPANSIONS.get(query.intent, ""))
        if query.metric and query.metric != "other":
            extra.append(_METRIC_TERMS.get(query.metric, ""))
    return " ".join([query.text, *extra]).strip()


def evidence_terms(query: Query) -> list[str]:
    """Folded content words whose presence in the passages shows the plans cover the question.

    English questions count by the plan terms their recognised intent and metric map to.
    """
    if query.language == "en":
        return words(_english_in_plan_terms(query))
    return list(query.content_terms)


def _english_in_plan_terms(query: Query) -> str:
    """An English question's content words, translated where the glossary knows them."""
    return " ".join(
        _ENGLISH_TERMS.get(t, t) for t in query.topic_terms if t not in _ENGLISH_FUNCTION_WORDS
    )


def effective_intent(query: Query) -> Query:
    """A recognised metric asks for a number; a comparison compares targets."""
    intent = query.intent
    if (
        query.metric
        and query.metric != "other"
        and intent in ("timeline", "general")
        or query.compare
        and intent == "general"
    ):
        intent = "target"
    return query if intent == query.intent else replace(query, intent=intent)
