#!/usr/bin/env python3
"""Generate the sandbox dataset (companies, qualifications, certificates, customs).

Run from anywhere: `python3 assets/sandbox/make_data.py`. Output is deterministic (ids come
from MD5 of fixed seeds), so re-running it only changes the JSON when this script changes.
"Today" for the data is 2026-11-24: dates are chosen relative to it so that some records are
expired, some expire within 90 days and most are valid.

All companies except the two vendor-document examples (企查查科技有限公司, 河南省建筑设计研究院有限公司)
are fictional; every credit code except 91320594088140947F (from the QCC document) is synthetic
but passes the GB 32100 and GB 11714 checks, and every registration number passes its
ISO 7064 MOD 11,10 check.
"""
import hashlib
import json
import os
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = "2026-11-24"

# ---------------------------------------------------------------- identifiers

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS_18 = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def h(seed, n=32):
    """Deterministic lower-case hex of length n."""
    out = ""
    i = 0
    while len(out) < n:
        out += hashlib.md5(f"{seed}/{i}".encode()).hexdigest()
        i += 1
    return out[:n]


def digits(seed, n):
    return "".join(str(int(c, 16) % 10) for c in h("d" + seed, n))


def credit_check(s17):
    total = sum(CHARSET.index(c) * w for c, w in zip(s17, WEIGHTS_18))
    return CHARSET[(31 - total % 31) % 31]


def org_check(s8):
    ws = [3, 7, 9, 10, 5, 8, 4, 2]
    val = lambda c: int(c) if c.isdigit() else ord(c) - 55
    c = 11 - sum(val(ch) * w for ch, w in zip(s8, ws)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def credit_code(region, seed):
    org8 = digits("org" + seed, 8)
    s17 = "91" + region + org8 + org_check(org8)
    return s17 + credit_check(s17)


def reg_no(region, seed):
    body = region + digits("reg" + seed, 8)
    p = 10
    for ch in body:
        s = (p + int(ch)) % 10 or 10
        p = (s * 2) % 11
    return body + str((11 - p) % 10)


assert credit_check("91320594088140947") == "F"
assert credit_check("9111010859963405X") == "W"
assert org_check("08814094") == "7" and org_check("59963405") == "X"

# ---------------------------------------------------------------- certificate types

TYPES = OrderedDict([
    ("cnca027", ("质量管理体系认证（ISO9000）", "GB/T19001-2016 / ISO9001:2015", "Q")),
    ("cnca028", ("环境管理体系认证", "GB/T24001-2016 / ISO14001:2015", "E")),
    ("cnca029", ("职业健康安全管理体系认证", "GB/T45001-2020 / ISO45001:2018", "S")),
    ("cnca030", ("信息安全管理体系认证", "GB/T22080-2016 / ISO/IEC27001:2013", "IS")),
    ("cnca031", ("信息技术服务管理体系认证", "ISO/IEC20000-1:2018", "IT")),
    ("cnca035", ("能源管理体系认证", "GB/T23331-2020 / ISO50001:2018", "EN")),
    ("cnca040", ("食品安全管理体系认证", "GB/T22000-2006 / ISO22000:2005", "F")),
    ("cnca041", ("危害分析与关键控制点（HACCP体系）认证", "GB/T27341-2009 / GB14881-2013", "H")),
    ("cnca058", ("企业知识产权管理体系认证", "GB/T29490-2013", "IP")),
    ("cnca001", ("强制性产品认证（CCC）", "", "")),
    ("cnca012", ("自愿性产品认证", "", "")),
    ("cnca045", ("服务认证", "GB/T27922-2011", "SV")),
])
SYSTEM_TYPES = ["cnca027", "cnca028", "cnca029", "cnca030", "cnca031", "cnca035", "cnca040",
                "cnca041", "cnca058"]
FAMILIES = OrderedDict([
    ("C_1", ("质量管理体系", ["cnca027"])),
    ("C_2", ("环境管理体系", ["cnca028"])),
    ("C_3", ("职业健康安全管理体系", ["cnca029"])),
    ("C_4", ("信息安全与信息技术服务管理体系", ["cnca030", "cnca031"])),
    ("C_5", ("知识产权管理体系", ["cnca058"])),
    ("C_6", ("能源与食品安全等其他管理体系", ["cnca035", "cnca040", "cnca041"])),
    ("C_7", ("强制性产品认证（CCC）", ["cnca001"])),
    ("C_8", ("自愿性产品认证", ["cnca012"])),
    ("C_9", ("管理体系认证（全部）", SYSTEM_TYPES)),
    ("C_10", ("服务认证", ["cnca045"])),
])

BODIES = {
    "cqc": OrderedDict([("name", "中国质量认证中心有限公司"), ("approval", "CNCA-R-2002-001"),
                        ("addr", "北京市丰台区南四环西路188号9区"), ("tel", "010-83886666"),
                        ("web", "www.cqc.com.cn"), ("valid", "2030-12-31"), ("status", "有效"),
                        ("code", "001")]),
    "hxc": OrderedDict([("name", "华信创(北京)认证中心有限公司"), ("approval", "CNCA-R-2015-189"),
                        ("addr", "鼓楼南街6号8层二单元802"), ("tel", "13751754425"),
                        ("web", "www.hxccc.org"), ("valid", "2029-07-09"), ("status", "有效"),
                        ("code", "174")]),
    "zcs": OrderedDict([("name", "中船认证(上海)有限公司"), ("approval", "CNCA-R-2003-117"),
                        ("addr", "上海市浦东新区东方路1208号12层"), ("tel", "021-68862288"),
                        ("web", "www.zcs-cert.cn"), ("valid", "2028-03-31"), ("status", "有效"),
                        ("code", "181")]),
    "ghr": OrderedDict([("name", "广州华瑞标准认证有限公司"), ("approval", "CNCA-R-2012-063"),
                        ("addr", "广州市天河区体育西路191号B座2305"), ("tel", "020-38792610"),
                        ("web", "www.ghrcert.com"), ("valid", "2027-10-15"), ("status", "有效"),
                        ("code", "063")]),
    # A body that lost its approval: certificates it issued deserve a flag.
    "pch": OrderedDict([("name", "深圳市鹏城华标认证有限公司"), ("approval", "CNCA-R-2016-211"),
                        ("addr", "深圳市福田区深南大道6008号特区报业大厦18层"), ("tel", "0755-83501234"),
                        ("web", "www.pchbcert.cn"), ("valid", "2025-04-30"), ("status", "撤销"),
                        ("code", "211")]),
}

# ---------------------------------------------------------------- companies

COMPANIES = []
QUALS = OrderedDict()
CERTS = OrderedDict()
CUSTOMS = OrderedDict()


def company(name, region, seed, city, addr, fault=None, report="S", note="",
            code=None, juhe_id=None, bulk=0, juhe_drift=False):
    c = OrderedDict()
    c["name"] = name
    c["creditCode"] = code or credit_code(region, seed)
    c["regNo"] = reg_no(region, seed)
    c["keyNo"] = h("keyno" + seed)
    c["juheId"] = juhe_id or h("juhe" + seed, 24)
    c["fault"] = fault
    c["report"] = report
    c["note"] = note
    if bulk:
        # Generated by the sandbox on request (src/sandbox/bulk.rs), not stored here.
        c["bulkQualifications"] = bulk
    if juhe_drift:
        # Juhe's copy disagrees with QCC's (src/sandbox/juhe.rs): a provider comparison test.
        c["juheDrift"] = True
    c["_city"] = city
    c["_addr"] = addr
    COMPANIES.append(c)
    return c


def qual(c, cert_no, category, names, sign, valid, dept):
    q = OrderedDict()
    q["CertNo"] = cert_no
    q["Category"] = category
    q["CertNameList"] = names
    q["SignDate"] = sign
    q["ValidPeriod"] = valid
    q["SignDept"] = dept
    q["CertScope"] = ",".join(names)
    QUALS.setdefault(c["creditCode"], []).append(q)


def status_for(end):
    return "有效" if end >= TODAY else "过期"


def cert(c, ctype, start, end, *, body="cqc", status=None, name="", scope="", product=None,
         first=None, renewals=0, seq=0, staff="120", changed=None, reason=None, cid=None,
         no=None):
    desc, standard, letter = TYPES[ctype]
    b = BODIES[body]
    seed = f"{c['creditCode']}/{ctype}/{seq}/{start}"
    status = status or status_for(end)
    yy = start[2:4]
    if no is None:
        if ctype == "cnca001":
            no = f"{start[:4]}0109{digits(seed, 8)}"
        elif ctype == "cnca012":
            no = f"CQC{yy}{digits(seed, 9)}"
        elif ctype == "cnca045":
            no = f"{b['code']}{start[:4]}SV{digits(seed, 4)}R{renewals}S"
        else:
            no = f"{b['code']}{yy}{letter}{digits(seed, 5)}R{renewals}M"
    r = OrderedDict()
    r["Id"] = cid or h("cert" + seed, 33)
    r["Name"] = name
    r["Type"] = ctype
    r["StartDate"] = start + " 00:00:00"
    r["EndDate"] = end + " 00:00:00"
    r["No"] = no
    r["TypeDesc"] = desc
    d = OrderedDict()
    first = first or start
    report_day = start[:8] + "%02d" % min(28, int(start[8:]) + 2)
    if ctype in ("cnca001", "cnca012"):
        p = product or {}
        d["产品名称"] = name
        d["证书编号"] = no
        d["证书状态"] = status
        if reason:
            d["证书状态变更原因"] = reason
            d["证书状态变更日期"] = changed
        d["产品类别"] = p.get("category", "信息技术设备")
        d["规格型号"] = p.get("model", "")
        d["认证依据的标准和技术要求"] = p.get("standard", "GB4943.1-2022;GB/T9254.1-2021;GB17625.1-2022")
        d["颁证日期"] = start
        d["证书到期日期"] = end
        d["初次获证日期"] = first
        d["认证委托人-组织名称"] = c["name"]
        d["认证委托人-组织地址"] = c["_addr"]
        d["认证委托人-统一社会信用代码/组织机构代码"] = c["creditCode"]
        d["生产者(制造商)-组织名称"] = c["name"]
        d["生产者(制造商)-组织地址"] = c["_addr"]
        d["生产者(制造商)-所在国别地区"] = "中国 " + c["_city"]
        d["生产者(制造商)-统一社会信用代码/组织机构代码"] = c["creditCode"]
        d["生产企业-组织名称"] = c["name"]
        d["生产企业-组织地址"] = c["_addr"]
        d["认证模式"] = p.get("mode", "型式试验+初始工厂检查+获证后监督")
        d["发证机构名称"] = b["name"]
        d["发证机构批准号"] = b["approval"]
        d["发证机构状态"] = b["status"]
        d["发证机构有效期"] = b["valid"]
        d["发证机构地址"] = b["addr"]
        d["发证机构电话"] = b["tel"]
        d["发证机构网址"] = b["web"]
        d["变更日期"] = changed or ""
        d["信息上报日期"] = report_day
        d["企业名称"] = c["name"]
        d["证书使用的认可标识"] = "CNAS" if ctype == "cnca012" else ""
    elif ctype == "cnca045":
        d["企业名称"] = c["name"]
        d["证书编号"] = no
        d["服务认证所属领域"] = scope or "商品售后服务"
        d["认证依据"] = standard
        d["认证范围/认证覆盖的业务范围"] = scope or "商品售后服务（五星级）"
        d["证书状态"] = status
        if reason:
            d["证书状态变更原因"] = reason
            d["证书状态变更日期"] = changed
        d["颁证日期"] = start
        d["证书到期日期"] = end
        d["初次获证日期"] = first
        d["再认证次数"] = str(renewals)
        d["监督次数"] = "1"
        d["获证组织基本信息-企业名称"] = c["name"]
        d["获证组织基本信息-统一社会信用代码/组织机构代码"] = c["creditCode"]
        d["获证组织基本信息-组织地址"] = c["_addr"]
        d["获证组织基本信息-所在国别地区"] = "中国 " + c["_city"]
        d["发证机构名称"] = b["name"]
        d["发证机构批准号"] = b["approval"]
        d["发证机构状态"] = b["status"]
        d["发证机构有效期"] = b["valid"]
        d["发证机构地址"] = b["addr"]
        d["发证机构电话"] = b["tel"]
        d["发证机构网址"] = b["web"]
        d["信息上报日期"] = report_day
        d["证书使用的认可标识"] = "CNAS"
    else:
        # Management systems: the same scrambled order as the QCC document's example.
        d["产品名称及单元(主)"] = ""
        d["发证机构批准号"] = b["approval"]
        d["获证组织基本信息-企业名称"] = c["name"]
        d["是否覆盖多场所"] = "否"
        d["获证组织基本信息-统一社会信用代码/组织机构代码"] = c["creditCode"]
        d["信息上报日期"] = report_day
        d["获证组织基本信息-所在国别地区"] = "中国 " + c["_city"]
        d["初次获证日期"] = first
        d["获证组织基本信息-本证书体系覆盖人数"] = staff
        d["发证机构地址"] = b["addr"]
        d["颁证日期"] = start
        d["变更日期"] = changed or ""
        d["证书编号"] = no
        d["认证范围/认证覆盖的业务范围"] = scope
        d["认证覆盖的场所名称及地址"] = ""
        d["认证依据"] = standard
        d["再认证次数"] = str(renewals)
        d["发证机构电话"] = b["tel"]
        d["发证机构名称"] = b["name"]
        d["发证机构有效期"] = b["valid"]
        d["企业名称"] = c["name"]
        d["证书到期日期"] = end
        d["发证机构状态"] = b["status"]
        d["证书状态"] = status
        if reason:
            d["证书状态变更原因"] = reason
            d["证书状态变更日期"] = changed
        d["主认证证书号"] = ""
        d["发证机构网址"] = b["web"]
        d["是否是子证书"] = "否"
        d["监督次数"] = "1" if renewals else "2"
        d["获证组织基本信息-组织地址"] = c["_addr"]
        d["服务认证所属领域"] = ""
        d["证书使用的认可标识"] = "CNAS"
    r["Detail"] = d
    CERTS.setdefault(c["creditCode"], []).append(r)
    return r


def customs(c, reg_gov, trade, reg_date, reg, area, econo, special, level, identify_date,
            code="", cancel="正常", annual="已报送", validity="长期", industry="", ebiz="",
            punish=(), seq=0):
    r = OrderedDict()
    r["Id"] = h(f"customs/{c['creditCode']}/{seq}")
    r["RegGov"] = reg_gov
    r["TradeType"] = trade
    r["RegDate"] = reg_date
    r["RegNo"] = reg
    r["AdminArea"] = area
    r["EconoArea"] = econo
    r["SpecialArea"] = special
    r["CancelFlag"] = cancel
    r["AnnualStatus"] = annual
    r["ValidityDate"] = validity
    r["IndustryType"] = industry
    r["EBusinessType"] = ebiz
    r["IdentifyDate"] = identify_date
    r["IdentifyLevel"] = level
    r["IdentifyCode"] = code
    pl = []
    for i, (decision, date, prop) in enumerate(punish, 1):
        p = OrderedDict()
        p["No"] = str(i)
        p["DecisionNo"] = decision
        p["Party"] = c["name"]
        p["PunishDate"] = date
        p["CaseProp"] = prop
        pl.append(p)
    r["PunishList"] = pl
    CUSTOMS.setdefault(c["creditCode"], []).append(r)


# 1. The QCC certificate document's example company, with the document's certificate verbatim.
qcc = company("企查查科技有限公司", "320594", "qcc", "江苏省",
              "江苏省苏州工业园区东长路88号C1幢5层503室", code="91320594088140947F",
              note="QCC 证书文档的示例公司；第一张证书详情与文档逐字一致（文档中的日期已过期）")
DOC_SCOPE = (
    "管理体系认证-质量管理体系认证, 管理体系认证-环境管理体系认证, 管理体系认证-职业健康安全管理体系认证, "
    "管理体系认证-信息安全管理体系认证, 管理体系认证-信息技术服务管理体系认证, 服务认证-无形资产和土地服务, "
    "服务认证-批发业和零售业服务, 服务认证-电力分配服务; 通过主要管道的燃气和水分分配服务, 服务认证-不动产服务, "
    "服务认证-科学研究服务(研究和开发服务; 专业、科学和技术服务; 其他专业、科学和技术服务), 服务认证-支持性服务, "
    "服务认证-在收费或合同基础上的生产服务, 服务认证-教育服务, 服务认证-卫生保健和社会福利服务, 服务认证-家庭服务, "
    "产品认证-加工食品、饮料和烟草, 产品认证-纺织品、服装和皮革制品, 产品认证-木材和木制品; 纸浆、纸和纸制品, 印刷品, "
    "产品认证-化工类产品, 产品认证-建材产品, 国推认证-有机产品(OGA), 国推认证-良好农业规范, "
    "国推认证-食品安全管理体系, 国推认证-危害分析与关键控制点, 国推认证-能源管理体系, 国推认证-中国森林认证")
DOC_ADDR = "; ".join(["江苏省苏州工业园区东长路 88 号 C1 幢 5 层 503 室"] * 3)
doc_detail = OrderedDict([
    ("产品名称及单元(主)", ""), ("发证机构批准号", "CNCA-R-2015-189"), ("产品类别", ""),
    ("获证组织基本信息-企业名称", "企查查科技有限公司"), ("认证委托人-组织地址", ""), ("是否覆盖多场所", "否"),
    ("获证组织基本信息-邮政编码", ""), ("认证委托人-所在国别地区", ""),
    ("获证组织基本信息-统一社会信用代码/组织机构代码", "91320594088140947F"), ("生产企业-组织名称", ""),
    ("信息上报日期", "2021-04-14"), ("获证组织基本信息-所在国别地区", "中国 江苏省"),
    ("生产者(制造商)-统一社会信用代码/组织机构代码", ""), ("初次获证日期", "2018-05-16"),
    ("获证组织基本信息-本证书体系覆盖人数", "275"), ("认证依据的标准和技术要求", ""),
    ("发证机构地址", "鼓楼南街6号8层二单元802"), ("颁证日期", "2021-04-12"), ("变更日期", ""),
    ("生产者(制造商)-组织地址", ""), ("证书编号", "17418Q20358R1M"),
    ("认证范围/认证覆盖的业务范围", "计算机软件开发及技术服务"), ("认证覆盖的场所名称及地址", ""),
    ("生产企业-组织地址", ""), ("生产者(制造商)-所在国别地区", ""),
    ("认证依据", "GB/T19001-2016 / ISO9001:2015"), ("再认证次数", "1"), ("发证机构电话", "13751754425"),
    ("发证机构名称", "华信创(北京)认证中心有限公司"), ("发证机构有效期", "2025-07-09"),
    ("企业名称", "企查查科技有限公司"), ("证书到期日期", "2024-05-15"), ("发证机构状态", "有效"),
    ("产品名称及单元(次)", ""), ("生产者(制造商)-组织名称", ""), ("证书状态", "有效"), ("主认证证书号", ""),
    ("发证机构网址", "www.hxccc.org"), ("认证委托人-统一社会信用代码/组织机构代码", ""),
    ("发证机构业务范围", DOC_SCOPE), ("是否是子证书", ""), ("监督次数", "0"), ("认证相关员工数量", ""),
    ("获证组织基本信息-组织地址", DOC_ADDR), ("规格型号", ""), ("认证委托人-组织名称", ""),
    ("服务认证所属领域", ""), ("证书使用的认可标识", "CNAS"),
])
c1 = cert(qcc, "cnca027", "2021-04-12", "2024-05-15", body="hxc", status="有效",
          cid="145695151793ad28f7ffd5d8a24cd6191", no="17418Q20358R1M")
c1["Detail"] = doc_detail
cert(qcc, "cnca058", "2020-12-10", "2022-12-27", body="hxc", scope="计算机软件开发及技术服务相关的知识产权管理",
     cid="295733c8d847882298539674ec7d74a71", no="18119IP6448R0M", first="2020-12-10", staff="275")
cert(qcc, "cnca027", "2024-05-10", "2027-05-09", body="hxc", scope="计算机软件开发及技术服务",
     first="2018-05-16", renewals=2, staff="310", seq=1)
cert(qcc, "cnca030", "2025-03-01", "2028-02-28", body="zcs", scope="企业信用信息数据服务相关的信息安全管理活动",
     staff="310")
cert(qcc, "cnca058", "2025-12-20", "2028-12-19", body="hxc", scope="计算机软件开发及技术服务相关的知识产权管理",
     first="2020-12-10", renewals=1, staff="310", seq=1)
customs(qcc, "苏州工业园区海关", "进出口货物收发货人", "2016-03-22", "3205960AB7", "江苏省苏州市",
        "经济技术开发区", "非特殊区域", "常规企业", "2026-05-12", industry="软件和信息技术服务业")

# 2. The Juhe document's example company: its five qualifications verbatim (all expired by now).
henan = company("河南省建筑设计研究院有限公司", "410100", "henan", "河南省",
                "河南省郑州市金水区金水路东段中州大道南侧", juhe_id="5d43a8f092aec74cbf04a163",
                note="聚合文档的示例公司；五项资质与文档逐字一致（2024 年已全部过期）；仅有资质数据")
for no, cat, names, sign, valid, dept in [
    ("A141002510", "设计资质", ["工程设计建筑行业（建筑工程）甲级", "工程设计市政行业给水工程专业甲级", "工程设计市政行业道路工程专业甲级"],
     "2019-08-23", "2024-08-23", "住房和城乡建设部"),
    ("E141002510", "监理资质", ["工程监理房屋建筑工程专业甲级"], "2019-05-16", "2024-05-16", "住房和城乡建设部"),
    ("A241002517", "设计资质", ["工程设计风景园林工程专项乙级", "工程设计建筑行业（人防工程）乙级", "工程设计商物粮行业冷冻冷藏工程专业乙级",
                             "工程设计市政行业排水工程专业乙级", "工程设计市政行业桥梁工程专业乙级", "工程设计市政行业热力工程专业乙级"],
     "2019-04-22", "2024-04-22", "河南省住房和城乡建设厅"),
    ("E241002517", "监理资质", ["工程监理市政公用工程专业乙级"], "2019-04-22", "2024-04-22", "河南省住房和城乡建设厅"),
    ("B241002517", "勘察资质", ["工程勘察工程钻探劳务"], "2015-08-26", "2020-08-26", "河南省住房和城乡建设厅"),
]:
    qual(henan, no, cat, names, sign, valid, dept)

# 3. More than 40 certificates (47), varied types and statuses, several pages.
pk = company("深圳市鹏科智联电子股份有限公司", "440300", "pengke", "广东省",
             "广东省深圳市南山区粤海街道科技南十二路18号鹏科大厦A座", note="47 张证书（分页、各种类型与状态）；海关高级认证企业")
PK_SCOPE = "智能终端、电源适配器、网络通信设备的设计、开发和生产"
cert(pk, "cnca027", "2017-06-12", "2020-06-11", body="cqc", scope=PK_SCOPE, staff="860", seq=0, status="过期")
cert(pk, "cnca027", "2023-06-08", "2026-06-07", body="cqc", scope=PK_SCOPE + "（东莞松山湖生产基地）", staff="420",
     seq=1, status="注销", changed="2025-11-03", reason="获证组织申请注销（生产基地搬迁）")
cert(pk, "cnca027", "2024-06-10", "2027-06-09", body="cqc", scope=PK_SCOPE, first="2017-06-12", renewals=2,
     staff="1250", seq=2)
cert(pk, "cnca028", "2024-06-10", "2027-06-09", body="cqc", scope=PK_SCOPE + "及相关环境管理活动", first="2017-06-12",
     renewals=2, staff="1250")
cert(pk, "cnca028", "2023-12-25", "2026-12-24", body="zcs", scope="电子产品的研发及相关环境管理活动（研发中心）",
     staff="310", seq=1)
cert(pk, "cnca029", "2024-06-10", "2027-06-09", body="cqc", scope=PK_SCOPE + "及相关职业健康安全管理活动",
     first="2018-07-02", renewals=2, staff="1250")
cert(pk, "cnca029", "2024-01-15", "2027-01-14", body="zcs", scope="电子产品的研发及相关职业健康安全管理活动（研发中心）",
     staff="310", seq=1)
cert(pk, "cnca030", "2025-02-18", "2028-02-17", body="zcs", scope="智能终端云平台的运营维护相关的信息安全管理活动",
     staff="180")
cert(pk, "cnca030", "2022-02-18", "2025-02-17", body="zcs", scope="智能终端云平台的运营维护相关的信息安全管理活动",
     staff="150", seq=1)
cert(pk, "cnca031", "2025-05-20", "2028-05-19", body="zcs", scope="向外部客户提供智能终端云平台的运维服务", staff="95")
cert(pk, "cnca058", "2021-09-01", "2024-08-31", body="hxc", scope="电子产品的研发、生产、销售相关的知识产权管理",
     staff="860", status="过期")
cert(pk, "cnca058", "2024-09-01", "2027-08-31", body="hxc", scope="电子产品的研发、生产、销售相关的知识产权管理",
     first="2021-09-01", renewals=1, staff="1250", seq=1)
cert(pk, "cnca035", "2025-08-08", "2028-08-07", body="cqc", scope="电子产品生产过程的能源管理活动", staff="1250")
CCC_PRODUCTS = [
    ("电源适配器", "PK-PA065-C", "信息技术设备"), ("电源适配器", "PK-PA120-D", "信息技术设备"),
    ("电源适配器", "PK-PA200-E", "信息技术设备"), ("移动电源", "PK-PB10K", "信息技术设备"),
    ("移动电源", "PK-PB20K", "信息技术设备"), ("便携式计算机", "PK-Book14", "信息技术设备"),
    ("便携式计算机", "PK-Book16 Pro", "信息技术设备"), ("台式微型计算机", "PK-Mini S1", "信息技术设备"),
    ("服务器", "PK-R2200", "信息技术设备"), ("显示器", "PK-M27Q", "信息技术设备"),
    ("显示器", "PK-M32U", "信息技术设备"), ("投影仪", "PK-P300", "音视频设备"),
    ("液晶电视机", "PK-TV55", "音视频设备"), ("有源音箱", "PK-SP20", "音视频设备"),
    ("锂离子电池组", "PK-BAT-4S2P", "信息技术设备"), ("充电器", "PK-CH30", "信息技术设备"),
    ("充电器", "PK-CH65", "信息技术设备"), ("扩展坞", "PK-DOCK12", "信息技术设备"),
    ("打印机", "PK-LP100", "信息技术设备"), ("收款机", "PK-POS8", "信息技术设备"),
    ("电视机顶盒", "PK-STB4K", "音视频设备"), ("键盘式电子琴", "PK-EK61", "音视频设备"),
    ("无线路由器电源", "PK-RP12", "信息技术设备"),
]
ccc_status = {3: ("暂停", "2026-08-19", "获证后监督抽样检测不合格"),
              11: ("暂停", "2026-10-09", "获证组织未按期接受监督检查"),
              7: ("撤销", "2025-12-02", "暂停期满未整改"),
              20: ("注销", "2026-03-15", "产品停产，获证组织申请注销")}
for i, (prod, model, cat) in enumerate(CCC_PRODUCTS):
    start = "2022-%02d-%02d" % (1 + i % 12, 3 + i)
    end = "2027-%02d-%02d" % (1 + i % 12, 2 + i)
    if i == 5:
        end = "2026-12-18"   # expires within 90 days
    if i == 14:
        end = "2027-01-30"   # expires within 90 days
    st = ccc_status.get(i)
    cert(pk, "cnca001", start, end, body="cqc", name=prod, seq=i, status=st[0] if st else None,
         changed=st[1] if st else None, reason=st[2] if st else None,
         product={"category": cat, "model": model,
                  "standard": "GB4943.1-2022;GB/T9254.1-2021;GB17625.1-2022" if cat == "信息技术设备"
                  else "GB8898-2011;GB/T13837-2012;GB17625.1-2022"})
CQC_PRODUCTS = [
    ("电源适配器节能认证", "cqc", None), ("显示器节能认证", "cqc", None), ("服务器节能认证", "cqc", None),
    ("电子电气产品有害物质限制使用认证", "cqc", None), ("锂离子电池安全认证", "cqc", None),
    ("移动电源性能认证", "pch", None), ("智能家居互联互通认证", "cqc", None),
    ("便携式计算机环保认证", "cqc", "过期"), ("扩展坞电磁兼容认证", "ghr", "撤销"),
]
for i, (prod, body, st) in enumerate(CQC_PRODUCTS):
    start = "2023-%02d-%02d" % (2 + i, 10 + i)
    end = "2028-%02d-%02d" % (2 + i, 9 + i)
    changed = reason = None
    if st == "过期":
        start, end = "2020-09-15", "2025-09-14"
    if st == "撤销":
        changed, reason = "2026-04-21", "认证依据标准换版后未按期完成转换"
    if i == 2:
        end = "2027-02-10"   # expires within 90 days
    cert(pk, "cnca012", start, end, body=body, name=prod, seq=i, status=st, changed=changed, reason=reason,
         product={"category": "自愿性产品认证", "model": "PK 系列",
                  "standard": "CQC3146-2019;CQC31-465392-2021", "mode": "型式试验+初始工厂检查+获证后监督"})
cert(pk, "cnca045", "2024-03-01", "2027-02-28", body="zcs", scope="电子产品的商品售后服务（五星级）")
cert(pk, "cnca045", "2025-10-10", "2028-10-09", body="ghr", scope="智能终端产品的安装、维修服务", seq=1)
customs(pk, "深圳海关", "进出口货物收发货人", "2009-04-17", "4403160527", "广东省深圳市", "一般经济区域", "非特殊区域",
        "高级认证企业", "2023-09-06", code="AEOCN4403160527", industry="计算机、通信和其他电子设备制造业",
        ebiz="电子商务企业")

# 4. Building company: valid, expired and expiring-soon qualifications; 壹级/贰级 spelling.
hy = company("浙江华屹建设集团有限公司", "330783", "huayi", "浙江省", "浙江省东阳市吴宁街道环城南路88号",
             note="资质有效、已过期、90 天内到期各有；等级写法混用（壹级/一级）")
qual(hy, "D133029871", "施工资质", ["建筑工程施工总承包特级", "市政公用工程施工总承包壹级", "钢结构工程专业承包壹级",
                                 "建筑装修装饰工程专业承包一级"], "2024-06-28", "2029-06-27", "住房和城乡建设部")
qual(hy, "A233012458", "设计资质", ["工程设计建筑行业（建筑工程）甲级"], "2020-07-01", "2025-06-30", "住房和城乡建设部")
qual(hy, "D233011206", "施工资质", ["地基基础工程专业承包贰级", "消防设施工程专业承包二级", "环保工程专业承包二级"],
     "2022-01-16", "2027-01-15", "浙江省住房和城乡建设厅")
qual(hy, "D333056731", "施工资质", ["施工劳务不分等级", "模板脚手架专业承包不分等级"], "2023-03-09", "2028-03-08",
     "金华市住房和城乡建设局")
for t, seq in (("cnca027", 0), ("cnca028", 0), ("cnca029", 0)):
    cert(hy, t, "2024-04-18", "2027-04-17", body="zcs", scope="建筑工程施工总承包、市政公用工程施工总承包及相关管理活动",
         staff="2300", seq=seq, first="2012-04-20", renewals=4)

# 5. Customs penalties (违规 + 走私) and 失信企业.
nb = company("宁波甬舟泽汇进出口有限公司", "330206", "ningbo", "浙江省", "浙江省宁波市北仑区新碶街道明州路158号",
             note="海关失信企业；行政处罚两条（违规、走私）；证书暂停")
customs(nb, "北仑海关", "进出口货物收发货人", "2014-08-05", "3302960871", "浙江省宁波市", "保税港区", "宁波梅山保税港区",
        "失信企业", "2025-10-20", annual="已报送", industry="批发业",
        punish=[("甬关缉违字〔2024〕0318号", "2024-03-18", "违规"),
                ("甬关缉私字〔2025〕0902号", "2025-09-02", "走私")])
cert(nb, "cnca027", "2023-05-06", "2026-05-05", body="ghr", scope="日用百货、五金制品的进出口贸易",
     status="暂停", changed="2025-11-20", reason="获证组织被海关认定为失信企业，暂停证书", staff="38")

# 6. A very long name (with full-width parentheses).
ln = company("上海临港滨海智造产业园开发建设有限公司第三项目管理部（上海市浦东新区临港新片区）", "310115", "longname",
             "上海市", "上海市浦东新区南汇新城镇环湖西二路888号",
             note="名称超过 40 字且含全角括号（半角括号同样可查）")
qual(ln, "D231083342", "施工资质", ["建筑工程施工总承包二级", "市政公用工程施工总承包二级"], "2023-11-02", "2028-11-01",
     "上海市住房和城乡建设管理委员会")
cert(ln, "cnca027", "2025-01-06", "2028-01-05", body="zcs", scope="房屋建筑工程施工管理", staff="86")

# 7. 认证企业 (2026 label), food certificates.
qd = company("青岛海景远洋食品进出口有限公司", "370211", "qingdao", "山东省", "山东省青岛市黄岛区前湾港路517号",
             note="海关认证企业（2026 新标签）；食品安全与 HACCP 证书；其中一张 90 天内到期")
customs(qd, "黄岛海关", "进出口货物收发货人", "2011-05-30", "3702930415", "山东省青岛市", "经济技术开发区", "非特殊区域",
        "认证企业", "2026-06-18", industry="农副食品加工业")
cert(qd, "cnca040", "2024-07-01", "2027-06-30", body="cqc", scope="冷冻水产品（冻鱿鱼、冻虾仁）的生产", staff="240")
cert(qd, "cnca041", "2023-12-20", "2026-12-19", body="cqc", scope="冷冻水产品（冻鱿鱼、冻虾仁）的生产", staff="240")

# 8. Customs registration cancelled (注销), 2021 label.
gz = company("广州穗港通达供应链管理有限公司", "440101", "guangzhou", "广东省", "广东省广州市黄埔区港湾路12号",
             note="海关注销（CancelFlag 注销）；注册登记和备案企业（2021 标签）")
customs(gz, "黄埔老港海关", "报关企业", "2015-02-11", "4401980223", "广东省广州市", "一般经济区域", "非特殊区域",
        "注册登记和备案企业", "2022-01-07", cancel="注销", validity="", industry="")

# 9. Annual report not filed, 2018 label, expired ISO 14001.
tj = company("天津滨海鑫源化工贸易有限公司", "120116", "tianjin", "天津市", "天津市滨海新区塘沽福州道1089号",
             note="海关年报未报送；一般信用企业（2018 标签）；环境体系证书过期")
customs(tj, "新港海关", "进出口货物收发货人", "2012-09-19", "1207960318", "天津市滨海新区", "保税区", "天津港保税区",
        "一般信用企业", "2019-03-27", annual="未报送", industry="批发业")
cert(tj, "cnca028", "2021-08-16", "2024-08-15", body="ghr", scope="化工原料（危险化学品除外）的销售", staff="26")

# 10. 严重失信企业 (2026 label), one 违规 penalty, revoked CCC.
dg = company("东莞市宏发五金塑胶制品有限公司", "441900", "dongguan", "广东省", "广东省东莞市长安镇沙头南区振安东路23号",
             note="海关严重失信企业（2026 标签）；违规处罚；CCC 证书撤销")
customs(dg, "长安海关", "进出口货物收发货人", "2008-06-23", "4419960733", "广东省东莞市", "一般经济区域", "非特殊区域",
        "严重失信企业", "2026-07-14", industry="金属制品业",
        punish=[("长关缉违字〔2026〕0077号", "2026-05-29", "违规")])
cert(dg, "cnca001", "2021-10-08", "2026-10-07", body="cqc", name="插头插座", status="撤销", changed="2025-06-30",
     reason="产品一致性检查不合格且未按期整改",
     product={"category": "电路开关及保护或连接用电器装置", "model": "HF-10A", "standard": "GB/T2099.1-2021;GB/T1002-2021"})

# 11. Two customs records, 一般认证企业 (2018 label): pages over customs data.
xm = company("厦门嘉禾海联国际物流有限公司", "350206", "xiamen", "福建省", "福建省厦门市湖里区象屿路97号",
             note="两条海关记录（可按 pageSize=1 翻页）；一般认证企业（2018 标签）")
customs(xm, "东渡海关", "进出口货物收发货人", "2010-11-08", "3502960157", "福建省厦门市", "保税区", "厦门象屿保税区",
        "一般认证企业", "2019-08-30", industry="道路运输业", seq=0)
customs(xm, "厦门海关", "报关企业", "2013-04-02", "3502980632", "福建省厦门市", "保税区", "厦门象屿保税区",
        "一般信用企业", "2020-12-15", validity="", industry="装卸搬运和仓储业", seq=1)

# 12. Supervision company: 监理/勘察/设计 qualifications, one within 90 days; revoked body.
wh = company("武汉江城工程监理咨询有限公司", "420106", "wuhan", "湖北省", "湖北省武汉市武昌区中北路227号",
             note="监理/勘察/设计资质，其中一项 90 天内到期；ISO9001 证书撤销且发证机构已撤销；聚合的资质与企查查不一致（少一项、到期日与等级不同）",
             juhe_drift=True)
qual(wh, "E142008816", "监理资质", ["工程监理房屋建筑工程专业甲级", "工程监理市政公用工程专业甲级"], "2023-05-19",
     "2028-05-18", "住房和城乡建设部")
qual(wh, "B242011903", "勘察资质", ["工程勘察专业类岩土工程（勘察）乙级"], "2022-09-30", "2027-09-29", "湖北省住房和城乡建设厅")
qual(wh, "A242015520", "设计资质", ["工程设计建筑行业（建筑工程）丙级"], "2022-01-21", "2027-01-20", "湖北省住房和城乡建设厅")
cert(wh, "cnca027", "2023-03-13", "2026-03-12", body="pch", scope="工程监理及项目管理咨询服务", status="撤销",
     changed="2025-05-06", reason="发证机构被撤销批准，证书随之撤销", staff="145")

# 13. Qualifications and certificates, but no customs record (201 there).
cd = company("成都天府蜀韵园林绿化工程有限公司", "510107", "chengdu", "四川省", "四川省成都市武侯区武侯大道双楠段88号",
             note="有资质和证书，无海关记录（海关接口 201）；叁级写法")
qual(cd, "D351047729", "施工资质", ["古建筑工程专业承包叁级", "城市及道路照明工程专业承包叁级"], "2024-02-27", "2029-02-26",
     "成都市住房和城乡建设局")
cert(cd, "cnca027", "2025-06-16", "2028-06-15", body="ghr", scope="园林绿化工程、古建筑工程施工", staff="64")
cert(cd, "cnca028", "2025-06-16", "2028-06-15", body="ghr", scope="园林绿化工程、古建筑工程施工及相关环境管理活动",
     staff="64")

# 14. Known company with no data anywhere: every data endpoint says 201, reports still work.
bj = company("北京知行远咨询管理有限公司", "110108", "beijing", "北京市", "北京市海淀区中关村大街27号1101室",
             note="各数据接口均为 201（无结果）；信用报告可正常下单")

# 15. Report that fails.
hb = company("哈尔滨北疆冰雪文化传播有限公司", "230103", "harbin", "黑龙江省", "黑龙江省哈尔滨市南岗区红军街15号",
             report="F", note="信用报告最终 ReportStatus=F（生成失败）；一张服务认证证书")
cert(hb, "cnca045", "2024-12-01", "2027-11-30", body="ghr", scope="冰雪文化活动策划服务")

# 16-20. Failure modes: they carry ordinary data in every source so the slow one answers fully.
FAULTS = [
    ("慢速响应测试有限公司", "slow", "每个接口都在 slow_delay（默认 6 秒）后才正确应答"),
    ("网关故障测试有限公司", "gateway", "每个接口都返回 HTTP 502 与 nginx 风格的 HTML 页面"),
    ("数据损坏测试有限公司", "corrupt", "每个接口都返回 HTTP 200 与被截断的 JSON/XML"),
    ("额度耗尽测试有限公司", "quota", "QCC Status 116 / 聚合 error_code 10012"),
    ("流量限制测试有限公司", "throttle", "QCC Status 120 / 聚合 error_code 10011"),
]
for i, (name, fault, note) in enumerate(FAULTS):
    f = company(name, "310104", "fault-" + fault, "上海市", f"上海市徐汇区漕溪北路{100 + i}号", fault=fault, note=note)
    qual(f, f"D231{digits(fault, 6)}", "施工资质", ["建筑工程施工总承包三级"], "2024-05-01", "2029-04-30",
         "上海市住房和城乡建设管理委员会")
    cert(f, "cnca027", "2025-02-01", "2028-01-31", body="zcs", scope="软件测试服务", staff="20")
    cert(f, "cnca028", "2025-02-01", "2028-01-31", body="zcs", scope="软件测试服务及相关环境管理活动", staff="20")
    customs(f, "徐汇海关", "进出口货物收发货人", "2018-01-15", f"3122{digits(fault, 6)}", "上海市", "一般经济区域",
            "非特殊区域", "常规企业", "2026-04-08")

# 21-22. Conglomerates at and over QCC's 5000-row limit. Their qualifications are generated by
# the sandbox when asked for (src/sandbox/bulk.rs), so they cost nothing until then.
company("中国华夏建设工程集团有限公司", "110000", "huaxia-bulk", "北京市", "北京市海淀区三里河路9号",
        bulk=5000, note="5000 条建筑资质（QCC 一次返回的上限，不分页）；聚合按 20 条分页")
company("寰宇基建控股集团有限公司", "440300", "huanyu-bulk", "广东省", "广东省深圳市南山区深南大道9988号",
        bulk=5001, note="5001 条建筑资质：QCC 返回 207（超过 5000 行）；聚合仍可分页查询")

# ---------------------------------------------------------------- checks and output

names = [c["name"] for c in COMPANIES]
assert len(set(names)) == len(names)
assert len(COMPANIES) >= 14
assert len(ln["name"]) >= 40, len(ln["name"])
assert len(CERTS[pk["creditCode"]]) == 47, len(CERTS[pk["creditCode"]])
ids = [r["Id"] for rs in CERTS.values() for r in rs]
assert len(set(ids)) == len(ids)
for c in COMPANIES:
    cc = c["creditCode"]
    assert len(cc) == 18 and credit_check(cc[:17]) == cc[17], cc
    assert len(c["regNo"]) == 15 and c["regNo"].isdigit()
for rs in CERTS.values():
    for r in rs:
        assert "证书状态" in r["Detail"] and "证书到期日期" in r["Detail"], r["Id"]
        assert 20 <= len(r["Detail"]) <= 48, (r["Id"], len(r["Detail"]))


def dump(fname, obj):
    with open(os.path.join(HERE, fname), "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


for c in COMPANIES:
    del c["_city"], c["_addr"]
dump("companies.json", COMPANIES)
dump("qualifications.json", QUALS)
dump("certificates.json", CERTS)
dump("customs.json", CUSTOMS)
dump("cert_types.json", OrderedDict([
    ("types", OrderedDict((k, v[0]) for k, v in TYPES.items())),
    ("families", OrderedDict((k, OrderedDict([("name", v[0]), ("types", v[1])])) for k, v in FAMILIES.items())),
]))

if __name__ == "__main__":
    for c in COMPANIES:
        cc = c["creditCode"]
        print(f"| {c['name']} | {cc} | {c['regNo']} | {len(QUALS.get(cc, []))} | {len(CERTS.get(cc, []))} "
              f"| {len(CUSTOMS.get(cc, []))} | {c['note']} |")
