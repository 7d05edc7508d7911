"""Who and where an article names: people in credit lines, and communities and villages.

A credit line is a line that is nothing but roles and names, in any of the ways Chinese portals,
WeChat accounts and manuscripts write them: "记者 张成 通讯员 王丽", "记者:何丽 通讯员:周强 张杰",
"◆编辑：王娜", "编辑：李娜 | 审核：王强 | 签发：张伟", "文/王芳 图/李明", "（东川区融媒体中心 记者
普丽华）", "本报记者 陈晨 富民报道", "【纠错】 【责任编辑：王萌】", or names before their outlet
("张丽 刘洋 都市时报"). A line with anything else in it (a sentence, a heading such as 记者手记) is
not one. A person is a name of two to four characters starting with a Chinese surname (or a
transliterated name with "·"), never a role word, an organisation, a place with 报道 or a field
label (来源); an organisation stays the credit's organisation, never a person.

Communities (X社区) and villages (X村, X村委会) are proposed when the text names them as such: with
their street or town before them, their organs after them (党委, 居委会, 村民…), listed with another
(A社区、B社区和C社区), or already in the portal's library. A candidate holding a verb, an adjective
or a pronoun (jieba's part-of-speech tags: 推动社区, 组织各社区, 年度先进社区) is a sentence
running into the word, never a name.
"""

import re
from functools import lru_cache

from newsroom.core.chinese import looks_like_organisation, to_simplified

HAN = r"\u3400-\u9fff"
# Roles, longest first so that 责任编辑 wins over 编辑. "文" and "图" are roles only before "/" or "：".
ROLE_WORDS = (
    "摄影记者", "见习记者", "实习记者", "特约记者", "首席记者", "全媒体记者", "融媒体记者", "本报记者", "本网记者",
    "本台记者", "记者", "特约通讯员", "通讯员", "实习生", "特约撰稿人", "采访人员", "责任编辑", "责编", "初审编辑",
    "值班编辑", "美术编辑", "视频编辑", "美编", "编辑", "主编", "编审", "一审", "二审", "三审", "初审", "复审",
    "终审", "审核", "审校", "审稿", "校对", "签发", "监制", "统筹", "策划", "制片人", "主持人", "作者", "撰稿",
    "撰文", "文字", "图片", "摄影", "摄像", "剪辑", "后期", "配音", "设计", "制作", "出品",
)  # fmt: skip
SLASH_ROLES = ("文", "图")
CANONICAL = {
    "责编": "责任编辑", "撰稿": "作者", "撰文": "作者", "文字": "作者", "文": "作者", "图": "摄影", "图片": "摄影",
    "摄像": "摄影", "本报记者": "记者", "本网记者": "记者", "本台记者": "记者", "特约通讯员": "通讯员",
}  # fmt: skip
# Roles that name the piece's makers (for 原作者 and the dateline), the rest edit or check it.
REPORTING = {"记者", "见习记者", "实习记者", "特约记者", "首席记者", "全媒体记者", "融媒体记者", "摄影记者", "通讯员",
             "实习生", "作者", "特约撰稿人", "采访人员"}  # fmt: skip
ROLE = "|".join(ROLE_WORDS)
ROLE_AT = re.compile(rf"(?:(?P<role>{ROLE})|(?P<slash>{'|'.join(SLASH_ROLES)})(?=\s*[/／:：]))")
BULLETS = "◆◇●○■□▲△▼★☆·•▶►▪︎*-—–"
OWN_OUTLET = re.compile(r"^(本报|本网|本台|本刊|本站|本中心)$")
OUTLET_END = re.compile(r"(日报|晚报|时报|早报|都市报|报|网|台|社|客户端|融媒体中心|融媒|新闻中心|发布|频道|杂志)$")
CHROME_MARK = re.compile(r"[【\[［](?:纠错|打印|关闭|收藏|返回顶部|分享)[】\]］]")

# Common Chinese surnames (百家姓 and those frequent in the south-west), and the compound ones.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
    "苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练"
    "廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阎法字者岩刀罕玉依线陀保杞矣茶鄂束闪和"
    "缐禄赖郗蔚揭浦过竺补木者肖鲜"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙", "长孙", "宇文",
                     "司徒", "夏侯", "澹台", "端木", "万俟", "独孤", "南宫", "西门")  # fmt: skip
NOT_A_NAME = re.compile(rf"(报道|供图|摄|来源|编辑|记者|通讯员|社区|街道|村委|[{HAN}]{{0,3}}(?:市|县|区|镇|乡)$)")


def is_person(token):
    """Whether ``token`` (Simplified) can be a person's name."""
    token = token.strip()
    if "·" in token:
        return bool(re.fullmatch(rf"[{HAN}]{{1,6}}·[{HAN}·]{{1,10}}", token))
    if not re.fullmatch(rf"[{HAN}]{{2,4}}", token) or NOT_A_NAME.search(token) or re.match(ROLE, token):
        return False
    if looks_like_organisation(token):
        return False
    if token.startswith(COMPOUND_SURNAMES):
        return len(token) >= 3
    return (
        token[0] in SURNAMES and len(token) <= 3 or (len(token) == 4 and token[0] in SURNAMES and token[1] in SURNAMES)
    )


def canonical(role):
    return CANONICAL.get(role, role)


def credit_line(text):
    """[{"role", "name", "org"}] when ``text`` is wholly a credit line, else None. ``text`` may be
    Traditional: roles are matched in Simplified, names kept as written."""
    written = text.strip()
    simplified = aligned(written)
    # Chrome marks (【纠错】), bullets and the brackets around the whole line go.
    blank = CHROME_MARK.sub(lambda m: " " * len(m.group(0)), simplified)
    blank = re.sub(r"[【】\[\]［］()（）]", " ", blank)
    blank = "".join(" " if c in BULLETS else c for c in blank)
    if not blank.strip() or len(blank.strip()) > 90:
        return None
    roles = list(ROLE_AT.finditer(blank))
    if not roles:
        return _outlet_line(blank, written)
    found = []
    lead = blank[: roles[0].start()].strip(" :：")
    org = "" if not lead or OWN_OUTLET.match(lead) else written[blank.index(lead) : blank.index(lead) + len(lead)]
    if org and (len(org) > 16 or not OUTLET_END.search(lead) and not looks_like_organisation(lead)):
        return None
    for index, match in enumerate(roles):
        role = canonical(match.group("role") or match.group("slash"))
        end = roles[index + 1].start() if index + 1 < len(roles) else len(blank)
        chunk = blank[match.end() : end]
        offset = match.end()
        next_org = ""
        tokens = []
        for token in re.finditer(r"[^\s、，,/／|｜;；:：]+", chunk):
            tokens.append((token.group(0), offset + token.start(), offset + token.end()))
        # The last token before the next role may be that role's organisation (…社区通讯员 王丽).
        if index + 1 < len(roles) and tokens and not is_person(tokens[-1][0]):
            last = tokens[-1][0]
            if not last.endswith("报道") and (looks_like_organisation(last) or OUTLET_END.search(last)):
                next_org = written[tokens[-1][1] : tokens[-1][2]]
                tokens.pop()
        for token, start, stop in tokens:
            if token.endswith("报道") or OWN_OUTLET.match(token):
                continue  # 富民报道: where it was filed from
            if is_person(token):
                if role != "出品":
                    found.append({"role": role, "name": written[start:stop], "org": org})
            elif not (looks_like_organisation(token) or OUTLET_END.search(token)):
                return None  # a word that is neither a name nor an organisation: not a credit line
        org = next_org
    return found or ([] if all(m.group("role") == "出品" for m in roles) else None)


def _outlet_line(blank, written):
    """Names before their outlet, no role: "张丽 刘洋 都市时报" → 作者 of 都市时报."""
    tokens = list(re.finditer(r"[^\s、，,/／|｜]+", blank))
    if len(tokens) < 2 or len(blank.strip()) > 30:
        return None
    outlet = tokens[-1].group(0)
    if not OUTLET_END.search(outlet) or is_person(outlet):
        return None
    names = tokens[:-1]
    if not all(is_person(t.group(0)) for t in names):
        return None
    org = written[tokens[-1].start() : tokens[-1].end()]
    return [{"role": "作者", "name": written[t.start() : t.end()], "org": org} for t in names]


def merge(bylines):
    """One row per person and role; a name given as 作者 and with a reporting role keeps the latter."""
    specific = {b["name"] for b in bylines if b["role"] in REPORTING and b["role"] != "作者"}
    kept, seen = [], set()
    for byline in bylines:
        if byline["role"] == "作者" and byline["name"] in specific:
            continue
        if byline["role"] == "采访人员" and byline["name"] in {b["name"] for b in bylines if b is not byline}:
            continue
        key = (byline["role"], byline["name"])
        if key not in seen:
            seen.add(key)
            kept.append(byline)
    return kept


# --- communities and villages ---------------------------------------------------------------

NOT_COMMUNITY = {
    "该", "本", "每个", "各", "全国", "城市", "农村", "示范", "文化", "暖心", "活力", "温馨", "和谐", "智慧", "文明", "公租房",
    "老旧", "新型", "大型", "基层", "现代", "幸福", "美丽", "平安", "绿色", "服务", "治理", "民生", "大学生", "友好", "居民",
    "乡", "新农", "美丽乡", "行政", "自然", "全", "本村", "邻", "山", "贫困", "易地搬迁", "安置", "全部", "部分", "试点",
    "全区", "全市", "全省", "全县", "辖区", "城区", "街道", "重点", "城镇", "山区", "乡村", "少数民族", "普通", "新建",
    "国际化", "其他", "周边", "涉及", "相关", "多个", "所有", "先进", "优秀", "星级", "五星", "红色", "数字", "企业",
    "机关", "学校", "园区", "商务", "产业", "单位", "楼宇", "网上", "线上", "云上", "学习型", "党建", "城中",
}  # fmt: skip
AFTER = {
    "社区": r"(党委|党总支|党支部|党组织|党群|书记|主任|居委会|居民委员会|工作站|中心|服务站|社会组织|便民|网格|"
    r"新时代文明|位于|成立|辖区|居民|代表队|志愿)",
    "村": r"(委会|民委员会|党委|党总支|党支部|书记|主任|村民|集体|合作社|的村民|民小组)",
}
# Parts of speech that never stand in a name (jieba's tags), for words of two characters or
# more: verbs, adjectives, adverbs, pronouns, conjunctions, prepositions, numerals, time words.
NOT_IN_NAME = {"v", "vd", "vn", "a", "ad", "d", "r", "c", "p", "m", "q", "u", "t", "uj", "ul", "uz", "b", "f"}
# Single characters that end a phrase before a name (在沙靠社区, 相邻的段七村, 由…台山社区).
FUNCTION_CHARS = "的在由与及到从向将为是各把让给对于以因被"
PLACE_BEFORE = {"社区": r"(街道|镇|乡|市|县|区)$", "村": r"(街道|镇|乡)$"}
# Organs that only a community or village has: between a place and one of these, a name is a name.
STRONG_AFTER = {
    "社区": r"(党委|党总支|党支部|居委会|居民委员会|书记|主任)",
    "村": r"(委会|民委员会|党委|党总支|党支部|书记|主任)",
}


def _words(text):
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return [(w.word, w.flag) for w in jieba.posseg.cut(text)]


@lru_cache(maxsize=4096)
def _runs_into_sentence(name):
    """Whether ``name`` holds a word that no place name holds (推动, 组织, 先进, 去年…) or ends
    with a particle (文化馆和)."""
    words = _words(name)
    if any(len(word) >= 2 and flag in NOT_IN_NAME for word, flag in words):
        return True
    return bool(words) and len(words[-1][0]) == 1 and words[-1][1][:1] in ("c", "p", "u", "r")


def _name_in(run, trusted=False):
    """The name at the end of ``run`` (the characters before 社区/村): after the last function
    word, the longest word-aligned ending of at most four characters that holds no verb,
    adjective or pronoun and does not start with a one-character one (常驻龙翔 → 龙翔).
    ``trusted``: the run stands between a place and an organ; only its length is checked."""
    run = re.split(FUNCTION_PATTERN, run)[-1]
    stripped = re.sub(r"^(和|与|及|同)", "", run)
    if len(stripped) >= 2:
        run = stripped
    if trusted and 2 <= len(run) <= 4:
        return run
    words = _words(run)
    for begin in range(len(words)):
        ending = "".join(w for w, _f in words[begin:])
        word, flag = words[begin]
        if len(ending) > 4 or (len(word) == 1 and flag[:1] in ("v", "p", "c", "r", "d", "u")):
            continue
        if len(ending) >= 2 and not _runs_into_sentence(ending):
            return ending
    return ""


def aligned(text):
    """``text`` in Simplified characters, one for one (a phrase conversion that changes the
    length is undone character by character), so positions in it are positions in ``text``."""
    simplified = to_simplified(text)
    if len(simplified) == len(text):
        return simplified
    return "".join(c if len(s := to_simplified(c)) != 1 else s for c in text)


FUNCTION_PATTERN = rf"[{FUNCTION_CHARS}]|走进|来到|位于|前往"
BOUNDARY = "，。！？；：、（(“”）) \n　,.;:!?"


def _library_hits(text, library):
    """Where ``text`` names a community or village of the library: the names ending where 社区 or
    村 ends, looked up in the set (a few lookups per mention, whatever the library's size); the
    rare name with another ending by a plain search."""
    hits = []
    for match in re.finditer(r"社区|村", text):
        end = match.end()
        for start in range(max(0, end - 10), end - 2):
            if text[start:end] in library:
                hits.append((start, end))
                break  # the longest name ending here
    for name in library:
        if not name.endswith(("社区", "村")) and name in text:
            hits += [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
    return hits


def communities(texts, known=()):
    """Community and village names in ``texts`` (written as in the text), in order of mention.
    ``known`` are the library's names (with their 社区/村 suffix)."""
    library = {to_simplified(k) for k in known if k}
    found, seen = [], set()

    def add(written):
        key = to_simplified(written)
        if key not in seen:
            seen.add(key)
            found.append(written)

    everything = "\n".join(aligned(t) for t in texts)
    for text in texts:
        simplified = aligned(text)
        written_text = text
        hits = _library_hits(simplified, library)
        unquoted = re.sub(r"“[^”]{0,20}”|\"[^\"]{0,20}\"|《[^》]{0,30}》", lambda m: "　" * len(m.group(0)), simplified)
        candidates = []
        for suffix in ("社区", "村"):
            for match in re.finditer(suffix, unquoted):
                start = match.start()
                if suffix == "村" and unquoted.startswith("社区", match.end()):
                    continue  # 李家村社区: a community named after the village it was
                run = re.search(rf"[{HAN}]{{0,14}}$", unquoted[:start]).group(0)
                run = re.split(r"社区|村(?!村|$)", run)[-1]
                placed = re.match(r".*(街道|镇|乡|区|县|市|州)", run)
                after = unquoted[match.end() : match.end() + 6]
                trusted = placed is not None and re.match(STRONG_AFTER[suffix], after) is not None
                name = _name_in(run[placed.end() :] if placed else run, trusted)
                if not (2 <= len(name) <= 4) or name in NOT_COMMUNITY:
                    continue
                before = unquoted[: start - len(name)]
                whole = len(name) == len(run) and (start - len(run) == 0 or unquoted[start - len(run) - 1] in BOUNDARY)
                candidates.append((start - len(name), match.end(), name, suffix, before, after, whole))
        listed = set()
        for index, candidate in enumerate(candidates):
            for other in candidates:
                if other is candidate:
                    continue
                gap = (
                    unquoted[candidate[1] : other[0]] if other[0] >= candidate[1] else unquoted[other[1] : candidate[0]]
                )
                if re.fullmatch(r"[、，,和及与]|以及", gap):
                    listed.add(index)
        for index, (begin, end, name, suffix, before, after, whole) in enumerate(candidates):
            placed = re.search(PLACE_BEFORE[suffix], before) is not None
            organ = re.match(AFTER[suffix], after) is not None
            # Weaker signs: named twice, or standing alone at a sentence's start (篆塘社区开展…).
            weak = everything.count(name + suffix) >= 2 or (whole and suffix == "社区")
            if not (placed or organ or weak or index in listed):
                continue
            if not (placed or organ or index in listed) and any(f.startswith("v") for _w, f in _words(name)):
                continue  # on weak signs only: not even a one-character verb (文化进社区)
            if re.search(r"[型性的个级]$", name):
                continue
            hits.append((begin, end))
        for begin, end in sorted(set(hits)):
            add(written_text[begin:end])
    return found
