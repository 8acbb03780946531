#!/usr/bin/python3
"""check-examples.py CLI EXAMPLES_DIR — the example programs on the demo data (TAP).

1. `CLI demo-data TMP` writes the default synthetic history (6,000 partners,
   240,000 sales 2024-01-01..2025-12-31, seed 1) into a temporary folder.
2. Every EXAMPLES_DIR/*.json is simulated on it for 2025 with
   `--format json --lines LINES.csv`.
3. Every tier that some rule of the program pays earns a payout (tiers paid
   only by `welcome` rules are skipped unless a partner of theirs joined in the
   period: a welcome depends on joined_on, not on sales), and every rule of
   rules[] pays and has lines.
4. For a few partners per example, chosen deterministically (the largest
   payout of each tier, the largest payout of each rule, every override
   partner, the tiered partner with most attributed online renewals or most
   ineligible sales when the program has attribution or eligibility proofs,
   and the largest-revenue tiered partner paid nothing), every rule's payout
   is recomputed here, from the CSV files and FORMAT.md sections 2-4, with
   integer cents and exact decimals, and compared with partners[].rules; the
   partner's lines of LINES.csv must sum to the same values and be the lines
   recomputed here (sale_id and payout).
5. A variant of each program (the first `revenue` requirement's min raised by
   50 %, or, in `recorded` mode, an override giving one partner another tier)
   is simulated with `--baseline ORIGINAL`; baseline.tier_changes must be
   non-empty and agree with the tiers of the two reports.

The tier of a partner is taken from the report (qualification is not
recomputed). Standard library only. Exit status 1 when a check fails.
"""

import bisect
import calendar
import copy
import csv
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from decimal import Decimal

PERIOD_FROM = "2025-01-01"
PERIOD_TO = "2025-12-31"
TIMEOUT = 300
ASCII_WS = " \t\n\r\f\v"
MONEY_RE = re.compile(r"^[0-9]+(\.[0-9]{1,2})?$")

# --------------------------------------------------------------------- TAP

_checks = []


def tap(ok, desc, detail=""):
    n = len(_checks) + 1
    _checks.append(bool(ok))
    desc = desc.replace("#", "no.")
    if ok:
        print("ok %d - %s" % (n, desc), flush=True)
    else:
        detail = " ".join(str(detail).split())
        if len(detail) > 1500:
            detail = detail[:1497] + "..."
        print("not ok %d - %s: %s" % (n, desc, detail), flush=True)
    return ok


def note(text):
    for line in str(text).splitlines():
        print("# " + line, flush=True)


# ------------------------------------------------------------- arithmetic


def money(s):
    """A money string of FORMAT.md section 1 -> integer cents."""
    s = s.strip(ASCII_WS)
    if not MONEY_RE.match(s):
        raise ValueError("bad money %r" % s)
    whole, _, frac = s.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def fmt(cents):
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return "%s%d.%02d" % (sign, cents // 100, cents % 100)


def e4(x):
    """A rate or multiplier (JSON number read as int or Decimal) -> value x 10000."""
    v = Decimal(x) * 10000 if not isinstance(x, Decimal) else x * 10000
    if v != v.to_integral_value():
        raise ValueError("more than 4 decimals: %r" % x)
    return int(v)


def rdiv(num, den):
    """num / den rounded half away from zero (den > 0)."""
    q, r = divmod(abs(num), den)
    if 2 * r >= den:
        q += 1
    return q if num >= 0 else -q


def ordinal(d):
    return datetime.date.fromisoformat(d).toordinal()


def iso(o):
    return datetime.date.fromordinal(o).isoformat()


def buckets(period, pfrom, pto):
    """Calendar months/quarters/years (or the whole period) clipped to [pfrom, pto]:
    a list of (start, end) ISO strings."""
    if period == "period":
        return [(pfrom, pto)]
    out = []
    d = datetime.date.fromisoformat(pfrom)
    end = datetime.date.fromisoformat(pto)
    while d <= end:
        if period == "month":
            m0, m1 = d.month, d.month
        elif period == "quarter":
            m0 = (d.month - 1) // 3 * 3 + 1
            m1 = m0 + 2
        elif period == "year":
            m0, m1 = 1, 12
        else:
            raise ValueError("bad period %r" % period)
        b0 = datetime.date(d.year, m0, 1)
        b1 = datetime.date(d.year, m1, calendar.monthrange(d.year, m1)[1])
        s, e = max(b0, d), min(b1, end)
        out.append((s.isoformat(), e.isoformat()))
        d = e + datetime.timedelta(days=1)
    return out


# ------------------------------------------------------------------- data


def read_csv(path):
    """Rows of a CSV file as dicts, headers and fields trimmed of ASCII white space."""
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return []
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = csv.reader(f)
        header = [h.strip(ASCII_WS) for h in next(rows)]
        out = []
        for r in rows:
            if len(r) != len(header):
                raise ValueError("%s: field count differs from the header" % path)
            out.append({h: v.strip(ASCII_WS) for h, v in zip(header, r)})
        return out


class Sale:
    __slots__ = ("idx", "sale_id", "date", "ord", "partner_id", "customer_id", "sku",
                 "category", "list_price", "qty", "net", "channel", "distributor",
                 "invoice", "key", "renewal")


class Data:
    def __init__(self, folder):
        self.products = {}
        for r in read_csv(os.path.join(folder, "products.csv")):
            self.products[r["sku"]] = (r["category"], money(r["list_price"]))
        self.partners = {}
        for r in read_csv(os.path.join(folder, "partners.csv")):
            self.partners[r["partner_id"]] = r
        ords = {}
        sales = []
        for r in read_csv(os.path.join(folder, "sales.csv")):
            s = Sale()
            s.sale_id = r["sale_id"]
            s.date = r["date"]
            o = ords.get(s.date)
            if o is None:
                o = ords[s.date] = ordinal(s.date)
            s.ord = o
            s.partner_id = r["partner_id"]
            s.customer_id = r["customer_id"]
            s.sku = r["sku"]
            s.category, s.list_price = self.products[s.sku]
            s.qty = int(r["quantity"])
            s.net = money(r["net_amount"])
            s.channel = r.get("channel", "") or "partner"
            s.distributor = r.get("distributor", "")
            s.invoice = r.get("invoice_ref", "")
            s.key = r.get("license_key", "")
            s.renewal = r.get("renewal", "").lower() in ("1", "true")
            sales.append(s)
        # (date, sale_id) order, sale_id compared byte by byte
        sales.sort(key=lambda s: (s.date, s.sale_id.encode("utf-8")))
        for i, s in enumerate(sales):
            s.idx = i
        self.sales = sales
        self.deals = defaultdict(list)  # partner -> [deal row]
        for r in read_csv(os.path.join(folder, "deals.csv")):
            r["status"] = r.get("status", "") or "open"
            self.deals[r["partner_id"]].append(r)
        # first registration date of a deal per (partner, customer)
        self.first_deal = {}
        for pid, ds in self.deals.items():
            for d in ds:
                k = (pid, d["customer_id"])
                if k not in self.first_deal or d["registered_on"] < self.first_deal[k]:
                    self.first_deal[k] = d["registered_on"]
        self._credit = {}
        self._new = {}

    def credited(self, mode):
        """(credited partner per sale index or None, {partner: [sale indices]},
        set of sale indices attributed through a licence key)."""
        if mode in self._credit:
            return self._credit[mode]
        first_by_key = {}
        credit = [None] * len(self.sales)
        via_key = set()
        for s in self.sales:
            if s.partner_id:
                credit[s.idx] = s.partner_id
            elif (mode == "original_reseller" and s.channel == "online" and s.renewal
                  and s.key and s.key in first_by_key):
                credit[s.idx] = first_by_key[s.key]
                via_key.add(s.idx)
            if s.partner_id and s.key and s.key not in first_by_key:
                first_by_key[s.key] = s.partner_id
        by_partner = defaultdict(list)
        for i, p in enumerate(credit):
            if p is not None:
                by_partner[p].append(i)
        self._credit[mode] = (credit, by_partner, via_key)
        return self._credit[mode]

    def new_flags(self, lookback):
        """Per sale index: its customer is new with this lookback (section 2.3)."""
        if lookback in self._new:
            return self._new[lookback]
        last = {}
        flags = [False] * len(self.sales)
        for s in self.sales:
            prev = last.get(s.customer_id)
            # the latest earlier sale is the previous one in (date, sale_id) order
            flags[s.idx] = prev is None or prev < s.ord - lookback
            last[s.customer_id] = s.ord
        self._new[lookback] = flags
        return flags


# ---------------------------------------------------------- recomputation


class Program:
    def __init__(self, prog):
        self.p = prog
        elig = prog.get("eligibility", {}) or {}
        dists = elig.get("distributors")
        self.distributors = None if dists is None else {d.strip(ASCII_WS).casefold() for d in dists}
        self.require_invoice = bool(elig.get("require_invoice", False))
        self.attribution = (prog.get("attribution") or {}).get("online_renewals", "none")
        self.overrides = {o["partner"]: o for o in prog.get("overrides", [])}
        self.rules = prog.get("rules", [])

    def eligible(self, s):
        if s.channel == "online":
            return True
        if self.distributors is not None and s.distributor.casefold() not in self.distributors:
            return False
        if self.require_invoice and not s.invoice:
            return False
        return True


def in_active(rule, date):
    a = rule.get("active")
    if not a:
        return True
    if "from" in a and date < a["from"]:
        return False
    if "to" in a and date > a["to"]:
        return False
    return True


def matches(rule, s):
    m = rule.get("match") or {}
    if "categories" in m and s.category not in m["categories"]:
        return False
    if "skus" in m and s.sku not in m["skus"]:
        return False
    if "renewal" in m and s.renewal != bool(m["renewal"]):
        return False
    if "channels" in m and s.channel not in m["channels"]:
        return False
    return in_active(rule, s.date)


def recompute_partner(data, prog, pid, tier, pfrom, pto):
    """{rule id: [(date, sale_id, cents)]}: the partner's non-zero lines after caps."""
    out = {r["id"]: [] for r in prog.rules}
    if tier is None or tier == "unqualified":
        return out  # an override never pays a partner without a tier
    ov = prog.overrides.get(pid, {})
    ov_rates = ov.get("rates", {}) or {}
    ov_amounts = ov.get("amounts", {}) or {}
    credit, by_partner, _ = data.credited(prog.attribution)
    counted = [data.sales[i] for i in by_partner.get(pid, [])
               if pfrom <= data.sales[i].date <= pto and prog.eligible(data.sales[i])]
    for rule in prog.rules:
        rid, kind = rule["id"], rule["kind"]
        lines = []
        if kind == "percent":
            rate = ov_rates.get(rid, rule["rates"].get(tier))
            if rate is not None:
                r4 = e4(rate)
                for s in counted:
                    if matches(rule, s):
                        base = s.list_price * s.qty if rule["base"] == "list" else s.net
                        lines.append((s.date, s.sale_id, rdiv(base * r4, 100 * 10000)))
        elif kind == "per_unit":
            if rid in ov_amounts:
                amap = {"*": ov_amounts[rid]}
            else:
                amap = rule["amounts"].get(tier)
            if amap is not None:
                for s in counted:
                    if matches(rule, s):
                        a = amap.get(s.sku, amap.get(s.category, amap.get("*")))
                        if a is not None:
                            lines.append((s.date, s.sale_id, money(a) * s.qty))
        elif kind == "new_customer":
            use_rates = "rates" in rule
            if use_rates:
                val = ov_rates.get(rid, rule["rates"].get(tier))
            else:
                val = ov_amounts.get(rid, rule["amounts"].get(tier))
            if val is not None:
                new = data.new_flags(int(rule.get("lookback_days", 365)))
                rdr = bool(rule.get("requires_deal_registration", False))
                loyalty = rule.get("loyalty")
                steps = sorted(((int(st["min_prior"]), e4(st["multiplier"]))
                                for st in loyalty["steps"]) if loyalty else [])
                prior = []  # ordinals of this rule's earlier lines (zeros included)
                for s in counted:
                    if not matches(rule, s) or not new[s.idx]:
                        continue
                    if rdr:
                        reg = data.first_deal.get((pid, s.customer_id))
                        if reg is None or reg > s.date:
                            continue
                    mult = 10000
                    if loyalty:
                        lo = s.ord - int(loyalty["window_days"])
                        count = len(prior) - bisect.bisect_left(prior, lo)
                        for mp, m4 in steps:
                            if mp <= count:
                                mult = m4
                    if use_rates:
                        cents = rdiv(s.net * e4(val) * mult, 100 * 10000 * 10000)
                    else:
                        cents = rdiv(money(val) * mult, 10000)
                    prior.append(s.ord)
                    lines.append((s.date, s.sale_id, cents))
        elif kind == "rebate":
            steps = rule["steps"].get(tier)
            if steps is not None:
                fr = [money(st["from"]) for st in steps]
                rt = [e4(ov_rates[rid]) if rid in ov_rates else e4(st["rate"]) for st in steps]
                for b0, b1 in buckets(rule["period"], pfrom, pto):
                    base = 0
                    for s in counted:
                        if b0 <= s.date <= b1 and matches(rule, s):
                            base += s.list_price * s.qty if rule["base"] == "list" else s.net
                    if base < fr[0]:
                        continue
                    if rule["mode"] == "retroactive":
                        k = max(i for i in range(len(fr)) if base >= fr[i])
                        cents = rdiv(base * rt[k], 100 * 10000)
                    else:
                        exact = 0
                        for i in range(len(fr)):
                            if base <= fr[i]:
                                break
                            top = base if i + 1 == len(fr) else min(base, fr[i + 1])
                            exact += (top - fr[i]) * rt[i]
                        cents = rdiv(exact, 100 * 10000)
                    lines.append((b1, "", cents))
        elif kind == "bonus":
            target = rule["targets"].get(tier)
            amount = ov_amounts.get(rid, rule["amounts"].get(tier))
            if target is not None and amount is not None:
                metric = rule["metric"]
                target = money(target) if metric == "revenue" else int(target)
                new = data.new_flags(int(rule.get("lookback_days", 365))) if metric == "new_customers" else None
                for b0, b1 in buckets(rule["period"], pfrom, pto):
                    if metric in ("revenue", "units", "new_customers"):
                        v = 0
                        for s in counted:
                            if b0 <= s.date <= b1 and matches(rule, s):
                                if metric == "revenue":
                                    v += s.net
                                elif metric == "units":
                                    v += s.qty
                                elif new[s.idx]:
                                    v += 1
                    elif metric == "registered_deals":
                        v = sum(1 for d in data.deals.get(pid, [])
                                if b0 <= d["registered_on"] <= b1 and in_active(rule, d["registered_on"]))
                    elif metric == "won_deals":
                        v = sum(1 for d in data.deals.get(pid, [])
                                if d["status"] == "won" and b0 <= d["closed_on"] <= b1
                                and in_active(rule, d["closed_on"]))
                    else:
                        raise ValueError("unknown bonus metric %r" % metric)
                    if v >= target:
                        lines.append((b1, "", money(amount)))
        elif kind == "welcome":
            amount = ov_amounts.get(rid, rule["amounts"].get(tier))
            joined = data.partners.get(pid, {}).get("joined_on", "")
            if amount is not None and joined and pfrom <= joined <= pto and in_active(rule, joined):
                lines.append((joined, "", money(amount)))
        else:
            raise NotImplementedError(kind)
        # caps (section 2.6): per cap bucket in (date, sale_id) order
        if "cap" in rule:
            cap = money(rule["cap"])
            cp = rule.get("cap_period", "period")  # default: the whole simulated period
            bks = buckets(cp, pfrom, pto)
            left = {b: cap for b in bks}
            capped = []
            for ln in sorted(lines, key=lambda l: (l[0], l[1].encode("utf-8"))):
                b = next(b for b in bks if b[0] <= ln[0] <= b[1])
                c = min(ln[2], left[b])
                left[b] -= c
                capped.append((ln[0], ln[1], c))
            lines = capped
        out[rid] = [l for l in lines if l[2] != 0]
    return out


# ------------------------------------------------------------------ CLI


def run(cmd):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, "", str(e)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def simulate(cli, program, datadir, lines=None, baseline=None):
    cmd = [cli, "simulate", program, "--data", datadir, "--from", PERIOD_FROM,
           "--to", PERIOD_TO, "--format", "json"]
    if lines:
        cmd += ["--lines", lines]
    if baseline:
        cmd += ["--baseline", baseline]
    rc, out, err = run(cmd)
    if rc != 0:
        return None, "exit %s: %s" % (rc, err.strip()[-600:])
    try:
        return json.loads(out, parse_float=Decimal), ""
    except ValueError as e:
        return None, "report is not JSON: %s" % e


# ----------------------------------------------------------------- checks


def tier_payers(prog):
    """{tier id: [(rule id, kind)]} for the rules that pay something to the tier."""
    pays = defaultdict(list)
    for r in prog.get("rules", []):
        k = r["kind"]
        for t in prog["tiers"]:
            tid = t["id"]
            paid = False
            if k == "percent":
                paid = tid in r["rates"] and e4(r["rates"][tid]) > 0
            elif k == "per_unit":
                paid = any(money(v) > 0 for v in r["amounts"].get(tid, {}).values())
            elif k == "new_customer":
                vals = r.get("rates") or r.get("amounts")
                paid = tid in vals and (e4(vals[tid]) > 0 if "rates" in r else money(vals[tid]) > 0)
            elif k == "rebate":
                paid = any(e4(st["rate"]) > 0 for st in r["steps"].get(tid, []))
            elif k == "bonus":
                paid = tid in r["targets"] and money(r["amounts"].get(tid, "0")) > 0
            elif k == "welcome":
                paid = tid in r["amounts"] and money(r["amounts"][tid]) > 0
            if paid:
                pays[tid].append((r["id"], k))
    return pays


def check_tiers_and_rules(name, prog, rep, data):
    pays = tier_payers(prog)
    by_tier = defaultdict(list)
    for p in rep["partners"]:
        by_tier[p["tier"]].append(p)
    rep_tiers = {t["tier"]: t for t in rep["tiers"]}
    for t in prog["tiers"]:
        tid = t["id"]
        rt = rep_tiers.get(tid)
        payers = pays.get(tid, [])
        paid_partners = [p["partner_id"] for p in by_tier[tid] if money(p["payout"]) > 0]
        if not payers:
            note("skip: %s tier %s: no rule of the program pays it" % (name, tid))
            continue
        if all(k == "welcome" for _, k in payers):
            joined = [p["partner_id"] for p in by_tier[tid]
                      if PERIOD_FROM <= data.partners[p["partner_id"]].get("joined_on", "") <= PERIOD_TO]
            if not joined:
                note("skip: %s tier %s is paid only by welcome rule(s) %s and none of its %d partners "
                     "joined in the period" % (name, tid, ",".join(r for r, _ in payers), len(by_tier[tid])))
                continue
            note("%s tier %s is paid only by welcome rule(s) %s (it pays on joined_on, not on sales): "
                 "checked because %d of its partners joined in the period"
                 % (name, tid, ",".join(r for r, _ in payers), len(joined)))
        tap(rt is not None and money(rt["payout"]) > 0 and paid_partners,
            "%s: tier %s has partners with payout > 0 (paid by %s)" % (name, tid, ",".join(r for r, _ in payers)),
            "tiers[] entry %s, %d partners of the tier paid" % (json.dumps(rt, default=str), len(paid_partners)))
    rep_rules = {r["rule"]: r for r in rep["rules"]}
    for r in prog.get("rules", []):
        rr = rep_rules.get(r["id"])
        tap(rr is not None and money(rr["payout"]) > 0 and int(rr["lines"]) > 0,
            "%s: rule %s (%s) pays: payout > 0 and lines > 0" % (name, r["id"], r["kind"]),
            "rules[] entry %s" % json.dumps(rr, default=str))


def select_partners(name, prog, P, rep, data):
    """[(partner id, why)] chosen deterministically."""
    chosen = {}

    def add(pid, why):
        if pid is not None and pid not in chosen:
            chosen[pid] = why

    def best(items):
        # largest value, ties to the smallest partner_id
        items = [(v, pid) for v, pid in items if v > 0]
        if not items:
            return None
        items.sort(key=lambda x: (-x[0], x[1].encode()))
        return items[0][1]

    partners = rep["partners"]
    for t in prog["tiers"]:
        add(best((money(p["payout"]), p["partner_id"]) for p in partners if p["tier"] == t["id"]),
            "largest payout of tier %s" % t["id"])
    for r in prog.get("rules", []):
        add(best((money(p["rules"].get(r["id"], "0")), p["partner_id"]) for p in partners),
            "largest payout of rule %s" % r["id"])
    for o in prog.get("overrides", []):
        if o["partner"] in data.partners:
            add(o["partner"], "override")
    tiered = {p["partner_id"]: p for p in partners if p["tier"] != "unqualified"}
    credit, by_partner, via_key = data.credited(P.attribution)
    if P.attribution == "original_reseller":
        cnt = Counter(credit[i] for i in via_key if PERIOD_FROM <= data.sales[i].date <= PERIOD_TO)
        add(best((c, pid) for pid, c in cnt.items() if pid in tiered),
            "most online renewals attributed through a licence key")
    if P.distributors is not None or P.require_invoice:
        cnt = Counter()
        for pid in tiered:
            for i in by_partner.get(pid, []):
                s = data.sales[i]
                if PERIOD_FROM <= s.date <= PERIOD_TO and not P.eligible(s):
                    cnt[pid] += 1
        add(best((c, pid) for pid, c in cnt.items()), "most ineligible sales")
    add(best((money(p["revenue"]), p["partner_id"]) for p in tiered.values() if money(p["payout"]) == 0),
        "largest revenue of a tiered partner paid nothing")
    return list(chosen.items())


def read_lines(path, wanted):
    """{(partner, rule): [(sale_id, cents, tier)]} for the wanted partners."""
    out = defaultdict(list)
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = csv.reader(f)
        header = next(rows)
        want = ["sale_id", "partner_id", "rule", "tier", "base", "rate_or_amount",
                "multiplier", "payout", "explanation"]
        if header != want:
            raise ValueError("LINES header %s, expected %s" % (header, want))
        for r in rows:
            if r[1] in wanted:
                out[(r[1], r[2])].append((r[0], money(r[7]), r[3]))
    return out


def check_partners(name, prog, P, rep, data, lines_path):
    sel = select_partners(name, prog, P, rep, data)
    rep_p = {p["partner_id"]: p for p in rep["partners"]}
    try:
        lines = read_lines(lines_path, {pid for pid, _ in sel})
    except (OSError, ValueError, IndexError) as e:
        tap(False, "%s: LINES.csv readable" % name, e)
        lines = None
    covered = set()
    for pid, why in sel:
        rp = rep_p.get(pid)
        if rp is None:
            tap(False, "%s: %s (%s) is in the report" % (name, pid, why), "absent from partners[]")
            continue
        tier = rp["tier"]
        note("%s: partner %s, tier %s (%s)" % (name, pid, tier, why))
        exp = recompute_partner(data, P, pid, tier, PERIOD_FROM, PERIOD_TO)
        for r in prog.get("rules", []):
            rid = r["id"]
            want = sum(c for _, _, c in exp[rid])
            got = money(rp["rules"].get(rid, "0.00"))
            if want:
                covered.add(r["kind"])
            detail = "expected %s (%d lines), report says %s" % (fmt(want), len(exp[rid]), fmt(got))
            if lines is not None and want != got:
                detail += "; " + line_diff(exp[rid], lines.get((pid, rid), []))
            tap(want == got, "%s: %s (%s) rule %s = %s recomputed" % (name, pid, tier, rid, fmt(want)), detail)
        tap(money(rp["payout"]) == sum(money(v) for v in rp["rules"].values()),
            "%s: %s payout = sum of its partners[].rules" % (name, pid),
            "payout %s, rules %s" % (rp["payout"], rp["rules"]))
        if lines is None:
            continue
        bad = []
        for r in prog.get("rules", []):
            rid = r["id"]
            ls = lines.get((pid, rid), [])
            s = sum(c for _, c, _ in ls)
            if s != money(rp["rules"].get(rid, "0.00")):
                bad.append("%s: LINES.csv sum %s, report %s" % (rid, fmt(s), rp["rules"].get(rid, "0.00")))
            tiers = {t for _, _, t in ls}
            if tiers - {tier}:
                bad.append("%s: LINES.csv tier column %s, report tier %s" % (rid, sorted(tiers), tier))
        unknown = {k[1] for k in lines if k[0] == pid} - {r["id"] for r in prog.get("rules", [])}
        if unknown:
            bad.append("LINES.csv names unknown rules %s" % sorted(unknown))
        tap(not bad, "%s: %s LINES.csv sums per rule = partners[].rules" % (name, pid), "; ".join(bad))
        bad = []
        for r in prog.get("rules", []):
            rid = r["id"]
            e = Counter((sid, c) for _, sid, c in exp[rid])
            g = Counter((sid, c) for sid, c, _ in lines.get((pid, rid), []))
            if e != g:
                bad.append("%s: %s" % (rid, line_diff(exp[rid], lines.get((pid, rid), []))))
        tap(not bad, "%s: %s LINES.csv lines (sale_id, payout) = recomputed lines" % (name, pid), "; ".join(bad))
    kinds = {r["kind"] for r in prog.get("rules", [])}
    missing = kinds - covered
    if missing:
        note("%s: rule kinds with no non-zero recomputed payout among the chosen partners: %s"
             % (name, ", ".join(sorted(missing))))
    return covered


def line_diff(exp, got):
    e = Counter((sid, c) for _, sid, c in exp)
    g = Counter((sid, c) for sid, c, _ in got)
    only_e = sorted((e - g).elements())
    only_g = sorted((g - e).elements())
    show = lambda xs: ", ".join("%s:%s" % (sid or "(period)", fmt(c)) for sid, c in xs[:6]) + \
        (" ..." if len(xs) > 6 else "")
    return "lines recomputed but not in LINES.csv [%s] (%d); in LINES.csv but not recomputed [%s] (%d)" % (
        show(only_e), len(only_e), show(only_g), len(only_g))


# ---------------------------------------------------------------- variant


def requirement_revenue(data, P, req):
    """{partner: cents} of a `revenue` requirement over the qualification window (section 2.1/2.2)."""
    q = P.p.get("qualification") or {}
    if q.get("window", "previous_year") == "period":
        w0, w1 = PERIOD_FROM, PERIOD_TO
    else:
        d = datetime.date.fromisoformat(PERIOD_FROM)
        day = min(d.day, calendar.monthrange(d.year - 1, d.month)[1])
        w0 = datetime.date(d.year - 1, d.month, day).isoformat()
        w1 = (d - datetime.timedelta(days=1)).isoformat()
    cats = req.get("categories")
    credit, _, _ = data.credited(P.attribution)
    rev = Counter()
    for s in data.sales:
        p = credit[s.idx]
        if p is not None and w0 <= s.date <= w1 and P.eligible(s) and (cats is None or s.category in cats):
            rev[p] += s.net
    return rev


def make_variant(prog, P, rep, data):
    """(variant program, description, predicted set of partners whose tier changes or None)."""
    v = copy.deepcopy(prog)
    v["version"] = int(prog["version"]) + 1
    mode = (prog.get("qualification") or {}).get("mode", "recorded")
    if mode == "qualify":
        for ti, t in enumerate(v["tiers"]):
            for req in t.get("requirements", []):
                if req["kind"] != "revenue":
                    continue
                # raise the min by 50 %; when no partner of the tier has a window revenue
                # under the raised min (the demo data may leave a gap), raise it further
                old = money(req["min"])
                rev = requirement_revenue(data, P, req)
                pinned = {o["partner"] for o in prog.get("overrides", []) if "tier" in o}
                in_tier = [p["partner_id"] for p in rep["partners"]
                           if p["tier"] == t["id"] and p["partner_id"] not in pinned]
                for num, den in ((3, 2), (2, 1), (5, 2), (3, 1), (4, 1), (5, 1), (10, 1)):
                    new_min = rdiv(old * num, den)
                    leaving = {pid for pid in in_tier if rev[pid] < new_min}
                    if leaving:
                        break
                req["min"] = fmt(new_min)
                return v, "tier %s requirement %s: min %s -> %s (x%s)" % (
                    t["id"], req["id"], fmt(old), req["min"], Decimal(num) / den), (t["id"], new_min, leaving)
    # recorded mode (or no revenue requirement): an override gives one partner the top tier
    top = prog["tiers"][-1]["id"]
    taken = {o["partner"] for o in prog.get("overrides", [])}
    cands = [p for p in rep["partners"] if p["tier"] != top and p["partner_id"] not in taken]
    cands.sort(key=lambda p: (p["tier"] != "unqualified", -money(p["revenue"]), p["partner_id"].encode()))
    pid, old = cands[0]["partner_id"], cands[0]["tier"]
    v.setdefault("overrides", []).append(
        {"partner": pid, "reason": "check-examples variant: promoted to %s" % top, "tier": top})
    return v, "override: partner %s (%s) gets tier %s" % (pid, old, top), (None, None, {pid})


def dump_program(prog):
    # write Decimals with their exact text: encode them as placeholders first
    marks = {}

    def walk(x):
        if isinstance(x, dict):
            return {k: walk(v) for k, v in x.items()}
        if isinstance(x, list):
            return [walk(v) for v in x]
        if isinstance(x, Decimal):
            m = "@@DEC%d@@" % len(marks)
            marks[m] = str(x)
            return m
        return x

    text = json.dumps(walk(prog), indent=2, ensure_ascii=False)
    for m, s in marks.items():
        text = text.replace('"%s"' % m, s)
    return text + "\n"


def check_variant(name, cli, prog, P, rep, data, tmp, datadir, orig_path):
    v, desc, (vtier, vmin, predicted) = make_variant(prog, P, rep, data)
    vpath = os.path.join(tmp, "variant-%s.json" % name)
    with open(vpath, "w", encoding="utf-8") as f:
        f.write(dump_program(v))
    note("%s: variant: %s" % (name, desc))
    vrep, err = simulate(cli, vpath, datadir, baseline=orig_path)
    if not tap(vrep is not None, "%s: variant (%s) simulated with --baseline" % (name, desc), err):
        return
    base = vrep.get("baseline")
    if not tap(isinstance(base, dict) and isinstance(base.get("tier_changes"), list),
               "%s: variant report has baseline.tier_changes" % name, "baseline %s" % str(base)[:300]):
        return
    tc = base["tier_changes"]
    for c in tc:
        note("%s: tier change %s -> %s: %s partners" % (name, c.get("from"), c.get("to"), c.get("partners")))
    tap(len(tc) > 0, "%s: baseline.tier_changes is non-empty" % name, "empty")
    old = {p["partner_id"]: p["tier"] for p in rep["partners"]}
    new = {p["partner_id"]: p["tier"] for p in vrep["partners"]}
    pairs = Counter((old[pid], new.get(pid)) for pid in old if old[pid] != new.get(pid))
    ndiff = sum(pairs.values())
    total = sum(int(c["partners"]) for c in tc)
    tap(total == ndiff, "%s: tier_changes counts add up to the %d partners whose tier differs" % (name, ndiff),
        "tier_changes total %d, partners whose tier differs between the reports %d" % (total, ndiff))
    got = {(c["from"], c["to"]): int(c["partners"]) for c in tc}
    tap(got == dict(pairs), "%s: each tier_changes entry counts the partners of its (from, to) pair" % name,
        "tier_changes %s, from the reports %s" % (sorted(got.items()), sorted(pairs.items())))
    changed = {pid for pid in old if old[pid] != new.get(pid)}
    if vtier is None:
        what = "the partners whose tier changes are exactly the override's %s" % sorted(predicted)
    else:
        what = "the partners whose tier changes are exactly the %d of tier %s with window revenue < %s" % (
            len(predicted), vtier, fmt(vmin))
    tap(changed == predicted, "%s: %s" % (name, what),
        "changed but not predicted %s; predicted but unchanged %s" % (
            sorted(changed - predicted)[:10], sorted(predicted - changed)[:10]))
    keys = [(c["from"].encode(), c["to"].encode()) for c in tc]
    tap(keys == sorted(keys), "%s: tier_changes sorted by from then to" % name, keys)
    tap(money(base["totals"]["payout"]) == money(rep["totals"]["payout"]),
        "%s: baseline.totals.payout = the original program's own report" % name,
        "%s vs %s" % (base["totals"]["payout"], rep["totals"]["payout"]))
    dp = str(base.get("delta_payout", ""))
    want = money(vrep["totals"]["payout"]) - money(rep["totals"]["payout"])
    got_dp = -money(dp[1:]) if dp.startswith("-") else money(dp)
    tap(got_dp == want, "%s: delta_payout = totals.payout - baseline.totals.payout" % name,
        "delta_payout %s, expected %s" % (dp, fmt(want)))


# ------------------------------------------------------------------- main


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: check-examples.py CLI EXAMPLES_DIR\n")
        return 2
    cli, exdir = sys.argv[1], sys.argv[2]
    examples = sorted(f for f in os.listdir(exdir) if f.endswith(".json"))
    tmp = tempfile.mkdtemp(prefix="tierdesk-examples-")
    try:
        datadir = os.path.join(tmp, "data")
        rc, out, err = run([cli, "demo-data", datadir])
        files = ["partners.csv", "products.csv", "sales.csv", "certifications.csv", "deals.csv"]
        missing = [f for f in files if not os.path.exists(os.path.join(datadir, f))]
        if not tap(rc == 0 and not missing, "demo-data writes the five CSV files",
                   "exit %s, missing %s, stderr %s" % (rc, missing, err.strip()[-400:])):
            print("1..%d" % len(_checks))
            return 1
        data = Data(datadir)
        tap(len(data.partners) == 6000 and len(data.sales) == 240000
            and data.sales[0].date >= "2024-01-01" and data.sales[-1].date <= "2025-12-31",
            "demo-data defaults: 6000 partners, 240000 sales in 2024-2025",
            "%d partners, %d sales, %s..%s" % (len(data.partners), len(data.sales),
                                               data.sales[0].date, data.sales[-1].date))
        covered = set()
        for ex in examples:
            name = ex[:-5]
            path = os.path.join(exdir, ex)
            with open(path, encoding="utf-8") as f:
                prog = json.load(f, parse_float=Decimal)
            lpath = os.path.join(tmp, "%s.lines.csv" % name)
            rep, err = simulate(cli, path, datadir, lines=lpath)
            if not tap(rep is not None, "%s: simulate exits 0 with a JSON report" % name, err):
                continue
            tap(rep.get("period") == {"from": PERIOD_FROM, "to": PERIOD_TO}
                and len(rep.get("partners", [])) == len(data.partners),
                "%s: report covers the period and lists every partner" % name,
                "period %s, %d partners" % (rep.get("period"), len(rep.get("partners", []))))
            check_tiers_and_rules(name, prog, rep, data)
            P = Program(prog)
            covered |= check_partners(name, prog, P, rep, data, lpath)
            check_variant(name, cli, prog, P, rep, data, tmp, datadir, path)
        note("rule kinds recomputed with a non-zero payout: %s" % ", ".join(sorted(covered)))
    finally:
        if os.environ.get("CHECK_EXAMPLES_KEEP"):
            note("kept %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print("1..%d" % len(_checks))
    return 0 if all(_checks) else 1


if __name__ == "__main__":
    sys.exit(main())
