"""Word lists for demo applicants and requests (invented; any likeness is chance)."""

from __future__ import annotations

import random

from gongkai.web.identity import check_char

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强红梅玉兰海燕春梅德明文静晓东国庆立新淑珍永刚桂芳丽娟建华"
TRADES = (
    "商贸",
    "建筑工程",
    "物流",
    "农业科技",
    "食品",
    "化工",
    "机械制造",
    "房地产开发",
    "环保科技",
    "陶瓷",
)
PLACES = ("淄博", "临淄", "齐都", "齐鲁", "稷下", "枣庄", "台儿庄", "运河", "鲁中", "泰山")

REQUESTS = (
    "{year}年度{agency}城乡居民最低生活保障资金发放情况（按镇街汇总）",
    "{agency}关于{year}年养老服务机构运营补贴的文件及补贴名单",
    "{year}年度临时救助审批结果（去除个人隐私信息）",
    "{agency}{year}年部门预算和决算公开表",
    "本人户籍所在村{year}年土地征收补偿安置方案及补偿标准",
    "{agency}作出的关于本人低保申请不予批准的审批材料",
    "{year}年度社会组织年检结果名单",
    "编号为临民发〔{year}〕{n}号文件的全文",
    "某村集体经济组织成员认定的相关文件",
    "{year}年度殡葬管理专项整治工作方案",
    "{agency}{year}年政府采购项目的合同及验收材料",
    "{year}年困境儿童基本生活保障金发放标准及依据",
    "某小区周边道路改造工程的立项批复和环评文件",
    "{agency}关于某公司行政处罚决定书",
    "{year}年残疾人两项补贴资金拨付明细",
    "老旧小区改造项目招标文件及中标结果",
)
ID_TYPES = {
    "natural_person": "居民身份证",
    "business": "统一社会信用代码",
    "research": "统一社会信用代码",
    "nonprofit": "统一社会信用代码",
    "legal_service": "统一社会信用代码",
    "other_org": "统一社会信用代码",
}


def person(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
    return rng.choice(SURNAMES) + given


def organisation(kind: str, rng: random.Random) -> str:
    place = rng.choice(PLACES)
    if kind == "business":
        return f"{place}{rng.choice(PLACES)}{rng.choice(TRADES)}有限公司"
    if kind == "research":
        return f"{place}社会发展研究院"
    if kind == "nonprofit":
        return f"{place}公益服务中心"
    if kind == "legal_service":
        return f"山东{place}律师事务所"
    return f"{place}{rng.choice(['村民委员会', '业主委员会', '专业合作社'])}"


def id_number(kind: str, rng: random.Random) -> str:
    if kind == "natural_person":
        first17 = (
            "370305"
            + f"{rng.randint(1950, 2004)}{rng.randint(1, 12):02d}"
            + f"{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
        )
        rng.choice("0123456789X")  # drawn as before, so the rest of the demo data stays the same
        return first17 + check_char(first17)
    return "9137" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(14))


def request_text(agency: str, year: int, rng: random.Random) -> str:
    return rng.choice(REQUESTS).format(agency=agency, year=year, n=rng.randint(1, 60))
