"""Claims that are not made yet: "비건 인증 예정", "친환경 인증 준비 중", "특허 출원 중".

A certification, patent or registration the seller says is planned, pending or applied for is
no certification: "비건 인증 예정" drafted as "vegan certified" (the 예정 dropped or left in
Korean) claims one the product does not have. The output must say that it is pending, in its
own language, or the meaning guard refuses it.
"""

from __future__ import annotations

import re

# 예정 "planned", 준비 중 "in preparation", 진행 중 "in progress", 신청 "applied for",
# 출원 "filed (patent)", 대기 "waiting", 심사 중 "under review"
_KO_PENDING = re.compile(
    r"예정|준비\s?중|진행\s?중|신청|출원|대기\s?중|심사\s?중|획득\s?전|취득\s?전"
)
# only claims: "할인 진행 중" (a sale on now) or "대기전력" (standby power) claim nothing
_KO_CLAIM = re.compile(r"인증|특허|등록|허가|승인|신고|시험|테스트|검사|획득|취득")

_TARGET_PENDING = {
    "en": r"\b(?:pending|planned|plans?|scheduled|in progress|applied|applying|application|upcoming"
    r"|expected|soon|preparing|preparation|under review|filed|awaiting|waiting|not yet)\b",
    "zh": r"預計|预计|準備|准备|申請|申请|進行中|进行中|即將|即将|審核|审核|待|尚未",
    "ja": r"予定|準備|申請|出願|進行中|審査|待ち|まだ|未",
    "es": r"\b(?:pendiente|previst[oa]|planead[oa]|en proceso|en trámite|solicitad[oa]|solicitud"
    r"|próximamente|en preparación|en revisión|aún no|todavía no)\b",
    "de": r"\b(?:geplant|beantragt|ausstehend|in vorbereitung|in bearbeitung|angemeldet|noch nicht)\b",
    "fr": r"\b(?:prévu|prévue|en cours|demandée?|en attente|en préparation|pas encore)\b",
    "pt": r"\b(?:previst[oa]|pendente|em andamento|solicitad[oa]|em preparação|ainda não)\b",
    "th": r"รอ|กำลัง|วางแผน|ยื่น|เร็วๆ นี้",
    "vi": r"dự kiến|đang|chờ|đã nộp|sắp",
    "id": r"\b(?:direncanakan|sedang|menunggu|diajukan|segera|belum)\b",
    "ms": r"\b(?:dirancang|sedang|menunggu|dipohon|akan datang|belum)\b",
}
_TARGET_RE = {lang: re.compile(p, re.IGNORECASE) for lang, p in _TARGET_PENDING.items()}


def pending_problems(source: str, output: str, target: str) -> list[str]:
    """["pending claim made final"] when ``source`` says something is pending and ``output``
    has no word saying so in ``target``'s language; [] otherwise (or for an unknown language)."""
    column = target.lower().split("-")[0]
    pattern = _TARGET_RE.get(column)
    if pattern is None or not _KO_PENDING.search(source) or not _KO_CLAIM.search(source):
        return []
    # "비건 certified 예정": the Korean word left beside the claim is no help to the buyer
    return [] if pattern.search(output) else ["pending claim made final"]
