#!/usr/bin/python3
# check-schema.py — test the published JSON Schema of the program format
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-schema.py SCHEMA [--valid FILE...] [--invalid-dir DIR]
#
# Checks the schema itself (draft 2020-12), that every $ref resolves, that
# every --valid file is accepted, that every *.json in --invalid-dir is
# refused, and a built-in list of small accepted and refused programs.
# Prints one line per check, then "schema: N checks passed"; exits 1 on any
# failure. Needs only the standard library and python3-jsonschema (≥ 4).

import argparse
import copy
import glob
import json
import os
import re
import sys

try:
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import SchemaError, ValidationError, best_match
except ImportError as exc:  # pragma: no cover
    sys.stderr.write("check-schema: python3-jsonschema is required: %s\n" % exc)
    sys.exit(2)


# ---------------------------------------------------------------- programs

def minimal():
    """The smallest valid program."""
    return {
        "format": "tierdesk.program",
        "format_version": 1,
        "id": "mini",
        "name": "Minimal program",
        "version": 1,
        "currency": "EUR",
        "tiers": [{"id": "gold", "name": "Gold"}],
    }


RULES = {
    "percent": {
        "id": "resale", "name": "Resale margin", "kind": "percent",
        "base": "net", "rates": {"silver": 10, "gold": 12.5},
    },
    "per_unit": {
        "id": "per-box", "name": "Per box", "kind": "per_unit",
        "amounts": {"silver": {"*": "2.00"}, "gold": {"BOX-1": "3.5", "hw": "4"}},
    },
    "new_customer": {
        "id": "new-logo", "name": "New logo", "kind": "new_customer",
        "amounts": {"gold": "100.00"},
    },
    "rebate": {
        "id": "volume", "name": "Volume rebate", "kind": "rebate",
        "period": "quarter", "base": "net", "mode": "marginal",
        "steps": {"gold": [{"from": "0", "rate": 1}, {"from": "10000.00", "rate": 2.5}]},
    },
    "bonus": {
        "id": "q-bonus", "name": "Quarter bonus", "kind": "bonus",
        "period": "quarter", "metric": "revenue",
        "targets": {"gold": "50000.00"}, "amounts": {"gold": "500.00"},
    },
    "welcome": {
        "id": "hello", "name": "Welcome", "kind": "welcome",
        "amounts": {"silver": "50", "gold": "100.00"},
    },
}

RULES_LOYALTY = {"window_days": 30, "steps": [{"min_prior": 0, "multiplier": 1}]}


def with_rule(rule, **changes):
    """The minimal program with silver and gold tiers and one rule."""
    doc = minimal()
    doc["tiers"] = [{"id": "silver", "name": "Silver"}, {"id": "gold", "name": "Gold"}]
    r = copy.deepcopy(RULES[rule]) if isinstance(rule, str) else copy.deepcopy(rule)
    for key, value in changes.items():
        if value is DELETE:
            r.pop(key, None)
        else:
            r[key] = value
    doc["rules"] = [r]
    return doc


def full():
    """A program that uses every member of the format."""
    doc = {
        "format": "tierdesk.program",
        "format_version": 1,
        "id": "smart-soft",
        "name": "Smart-Soft partner program",
        "vendor": "Smart-Soft",
        "version": 3,
        "currency": "RUB",
        "description": "Everything at once.",
        "categories": [{"id": "ti-software", "name": "Software"},
                       {"id": "hw", "name": "Hardware"}],
        "tiers": [
            {"id": "authorized", "name": "Authorized", "requirements": []},
            {"id": "certified", "name": "Certified", "requirements": [
                {"id": "min-sales", "label": "Minimum sales", "kind": "revenue",
                 "min": "500000.00", "categories": ["ti-software"]},
                {"id": "boxes", "label": "Boxes", "kind": "units", "min": 10},
                {"id": "staff", "label": "Staff", "kind": "attribute",
                 "attribute": "employees", "min": 2.5},
                {"id": "tech", "label": "Certified technician", "kind": "certified_people",
                 "certification": "ti-tech", "valid_months": 24, "min": 1},
                {"id": "contract", "label": "Signed contract", "kind": "manual"},
            ]},
        ],
        "qualification": {"mode": "qualify", "window": "previous_year"},
        "eligibility": {"distributors": ["Allnet", "ALSO"], "require_invoice": True},
        "attribution": {"online_renewals": "original_reseller"},
        "rules": [
            {"id": "resale", "name": "Resale", "kind": "percent", "base": "list",
             "rates": {"authorized": 5, "certified": 12.5},
             "match": {"categories": ["ti-software"], "skus": ["TI-1"], "renewal": False,
                       "channels": ["partner", "online"]},
             "active": {"from": "2024-01-01", "to": "2024-12-31"},
             "cap": "10000.00", "cap_period": "month"},
            {"id": "per-box", "name": "Per box", "kind": "per_unit",
             "amounts": {"certified": {"TI-1": "1.50", "hw": "2", "*": "0.5"}},
             "active": {"from": "2024-03-01"}, "cap": "100"},
            {"id": "new-logo", "name": "New logo", "kind": "new_customer",
             "lookback_days": 0, "requires_deal_registration": True,
             "amounts": {"certified": "100.00"}},
            {"id": "new-logo-pct", "name": "New logo %", "kind": "new_customer",
             "rates": {"certified": 3},
             "loyalty": {"window_days": 90, "steps": [{"min_prior": 0, "multiplier": 1},
                                                      {"min_prior": 3, "multiplier": 1.25}]}},
            {"id": "volume", "name": "Volume", "kind": "rebate", "period": "year",
             "base": "list", "mode": "retroactive",
             "steps": {"certified": [{"from": "100000", "rate": 1}]}},
            {"id": "rev-bonus", "name": "Revenue bonus", "kind": "bonus", "period": "month",
             "metric": "revenue", "targets": {"certified": "0.01"},
             "amounts": {"certified": "50"}, "match": {"renewal": True}},
            {"id": "unit-bonus", "name": "Unit bonus", "kind": "bonus", "period": "quarter",
             "metric": "units", "targets": {"certified": 100}, "amounts": {"certified": "50"}},
            {"id": "logo-bonus", "name": "Logo bonus", "kind": "bonus", "period": "year",
             "metric": "new_customers", "lookback_days": 730,
             "targets": {"certified": 5}, "amounts": {"certified": "250.00"}},
            {"id": "reg-bonus", "name": "Registration bonus", "kind": "bonus",
             "period": "month", "metric": "registered_deals",
             "targets": {"authorized": 1}, "amounts": {"authorized": "10"},
             "active": {"to": "2024-06-30"}},
            {"id": "won-bonus", "name": "Win bonus", "kind": "bonus", "period": "month",
             "metric": "won_deals", "targets": {"certified": 2},
             "amounts": {"certified": "20"}},
            {"id": "hello", "name": "Welcome", "kind": "welcome",
             "amounts": {"authorized": "50.00"}, "cap": "1000", "cap_period": "period"},
        ],
        "benefits": [
            {"id": "nfr", "name": "NFR licenses", "group": "Sales",
             "values": {"authorized": False, "certified": True}},
            {"id": "mdf", "name": "MDF %", "group": "Marketing",
             "values": {"authorized": 0, "certified": 2.5}},
            {"id": "support", "name": "Support", "group": "Technical",
             "values": {"certified": "24/7"}},
        ],
        "objectives": [
            {"id": "o-rev", "name": "Revenue", "metric": "revenue", "target": "1000000.00"},
            {"id": "o-pay", "name": "Payout", "metric": "payout", "target": "50000"},
            {"id": "o-ratio", "name": "Ratio", "metric": "payout_ratio", "target": 12.5},
            {"id": "o-ratio-int", "name": "Ratio", "metric": "payout_ratio", "target": 10},
            {"id": "o-new", "name": "New customers", "metric": "new_customers", "target": 0},
            {"id": "o-cert", "name": "Certified partners",
             "metric": "partners_in_tier:certified", "target": 10},
        ],
        "overrides": [
            {"partner": "P-001", "reason": "Strategic", "tier": "certified",
             "rates": {"resale": 15, "volume": 2}, "amounts": {"per-box": "3.00"}},
            {"partner": "P-002", "reason": ""},
        ],
    }
    return doc


def x_everywhere():
    """The full program with an x- member in every object that has members."""
    doc = full()
    n = [0]

    def tag(obj):
        n[0] += 1
        obj["x-note-%d" % n[0]] = {"any": ["value", 1, None]}

    tag(doc)
    for c in doc["categories"]:
        tag(c)
    for t in doc["tiers"]:
        tag(t)
        for r in t.get("requirements", []):
            tag(r)
    tag(doc["qualification"])
    tag(doc["eligibility"])
    tag(doc["attribution"])
    for r in doc["rules"]:
        tag(r)
        for member in ("match", "active", "loyalty"):
            if member in r:
                tag(r[member])
        for step in r.get("loyalty", {}).get("steps", []):
            tag(step)
        for steps in r.get("steps", {}).values():
            for step in steps:
                tag(step)
    for list_name in ("benefits", "objectives", "overrides"):
        for item in doc[list_name]:
            tag(item)
    return doc


# ---------------------------------------------------------------- mutations

DELETE = object()


def mutate(doc, path, value=DELETE):
    """A copy of doc with the member at path ("a/0/b") set or deleted."""
    doc = copy.deepcopy(doc)
    parts = [int(p) if p.isdigit() else p for p in path.split("/")]
    node = doc
    for p in parts[:-1]:
        node = node[p]
    if value is DELETE:
        del node[parts[-1]]
    else:
        node[parts[-1]] = value
    return doc


def program_with(path, value=DELETE):
    return mutate(full(), path, value)


def cases():
    """(description, document, expected to be accepted, path of the fault).

    For a refused case the path names the member that was broken: one of the
    errors must lie on the way from the root to it or below it, so that a
    document refused for some other reason does not count as a pass."""
    out = []

    def accept(desc, doc):
        out.append((desc, doc, True, None))

    def refuse(desc, doc, at):
        out.append((desc, doc, False, at))

    def refuse_set(desc, path, value=DELETE, base=full):
        refuse(desc, mutate(base(), path, value), path)

    def refuse_rule(desc, rule, **changes):
        # The last change is the one under test; the others set it up.
        at = "rules/0/" + list(changes)[-1]
        refuse(desc, with_rule(rule, **changes), at)

    # Accepted.
    accept("minimal program", minimal())
    accept("program with every member and every rule kind", full())
    accept("x- members in every object", x_everywhere())
    for kind in RULES:
        accept("minimal %s rule" % kind, with_rule(kind))
    accept("money without decimals and with one",
           with_rule("welcome", amounts={"gold": "15", "silver": "15.5"}))
    accept("rate written 1.25e1", with_rule("percent", rates={"gold": 1.25e1}))
    accept("empty match", with_rule("percent", match={}))
    accept("new_customer with rates", with_rule("new_customer", amounts=DELETE, rates={"gold": 2}))
    accept("empty qualification, eligibility, attribution",
           dict(minimal(), qualification={}, eligibility={}, attribution={}))
    accept("qualification without mode", dict(minimal(), qualification={"window": "period"}))
    accept("format_version written 1.0", dict(minimal(), format_version=1.0))
    accept("tier id that starts with x-", mutate(minimal(), "tiers/0/id", "x-1"))
    accept("64-character id", dict(minimal(), id="a" * 64))
    accept("attribute requirement with negative min",
           program_with("tiers/1/requirements/2/min", -3))

    # Unknown members.
    refuse_set("unknown member at top level", "extra", 1, base=minimal)
    refuse_set("unknown member X- (x- is lowercase)", "X-note", 1, base=minimal)
    refuse_set("unknown member on a tier", "tiers/0/rank", 1, base=minimal)
    refuse_set("unknown member on a category", "categories/0/label", "x")
    refuse_rule("unknown member on a rule", "percent", rate=5)
    refuse_set("unknown member on a match", "rules/0/match/sku", ["a"])
    refuse_set("unknown member on active", "rules/0/active/until", "2024-12-31")
    refuse_set("unknown member on a requirement", "tiers/1/requirements/0/max", "1")
    refuse_set("unknown member on a manual requirement", "tiers/1/requirements/4/min", 1)
    refuse_set("unknown member on a benefit", "benefits/0/tier", "gold")
    refuse_set("unknown member on an objective", "objectives/0/value", "1")
    refuse_set("unknown member on an override", "overrides/0/rule", "resale")
    refuse_set("unknown member on qualification", "qualification/modes", "qualify")
    refuse_set("unknown member on eligibility", "eligibility/invoice", True)
    refuse_set("unknown member on attribution", "attribution/renewals", "none")
    refuse_set("unknown member on loyalty", "rules/3/loyalty/days", 3)
    refuse_set("unknown member on a loyalty step", "rules/3/loyalty/steps/0/factor", 2)
    refuse_set("unknown member on a rebate step", "rules/4/steps/certified/0/to", "5")

    # Ids.
    refuse_set("id with uppercase", "id", "Mini", base=minimal)
    refuse_set("id starting with a hyphen", "id", "-mini", base=minimal)
    refuse_set("id with underscore", "tiers/0/id", "gold_1", base=minimal)
    refuse_set("id of 65 characters", "id", "a" * 65, base=minimal)
    refuse_set("empty id", "id", "", base=minimal)
    refuse_set("id with a trailing newline", "id", "mini\n", base=minimal)
    refuse_set("tier id \"unqualified\"", "tiers/0/id", "unqualified", base=minimal)
    refuse_rule("tier map key \"unqualified\"", "welcome", amounts={"unqualified": "1"})
    refuse_rule("tier map key not an id", "percent", rates={"Gold": 1})
    refuse_set("override tier \"unqualified\"", "overrides/0/tier", "unqualified")
    refuse_set("bad category id in match", "rules/0/match/categories", ["TI Software"])

    # Money.
    for bad in ("1.234", "1e3", "-3.07", "+5", " 5", "5 ", "1,000.00", "1.", ".5", "",
                "15\n", "\u0661\u0662"):
        refuse_set("money %s" % json.dumps(bad), "rules/0/amounts/gold", bad,
                   base=lambda: with_rule("welcome"))
    refuse_rule("money given as a number", "welcome", amounts={"gold": 100})
    refuse_set("cap given as a number", "rules/1/cap", 100)
    refuse_set("requirement min given as a number", "tiers/1/requirements/0/min", 500000)
    refuse_rule("per_unit amount 1.001", "per_unit", amounts={"gold": {"*": "1.001"}})
    refuse_set("rebate step from as a number", "rules/4/steps/certified/0/from", 0)
    refuse_set("override amount negative", "overrides/0/amounts/per-box", "-1")

    # Rates and numbers.
    refuse_rule("negative rate", "percent", rates={"gold": -1})
    refuse_rule("rate given as a string", "percent", rates={"gold": "5"})
    refuse_rule("rate given as a boolean", "percent", rates={"gold": True})
    refuse_set("negative loyalty multiplier", "rules/3/loyalty/steps/0/multiplier", -1)
    refuse_set("negative override rate", "overrides/0/rates/resale", -0.5)

    # Enums and constants.
    refuse_set("format other than tierdesk.program", "format", "tierdesk.programme", base=minimal)
    refuse_set("format_version 2", "format_version", 2, base=minimal)
    refuse_set("format_version \"1\"", "format_version", "1", base=minimal)
    refuse_set("version 0", "version", 0, base=minimal)
    refuse_set("version 1.5", "version", 1.5, base=minimal)
    refuse_set("lowercase currency \"eur\"", "currency", "eur", base=minimal)
    refuse_set("currency \"ZZZ\"", "currency", "ZZZ", base=minimal)
    refuse_rule("rule kind \"percentage\"", "percent", kind="percentage")
    refuse_set("requirement kind \"sales\"", "tiers/1/requirements/0/kind", "sales")
    refuse_rule("percent base \"gross\"", "percent", base="gross")
    refuse_rule("rebate base \"gross\"", "rebate", base="gross")
    refuse_rule("rebate mode \"progressive\"", "rebate", mode="progressive")
    refuse_rule("rebate period \"week\"", "rebate", period="week")
    refuse_rule("rebate period \"period\"", "rebate", period="period")
    refuse_rule("bonus period \"week\"", "bonus", period="week")
    refuse_rule("bonus metric \"deals\"", "bonus", metric="deals")
    refuse_rule("cap_period \"week\"", "percent", cap="1", cap_period="week")
    refuse_set("qualification mode \"auto\"", "qualification/mode", "auto")
    refuse_set("qualification window \"last_year\"", "qualification/window", "last_year")
    refuse_set("online_renewals \"reseller\"", "attribution/online_renewals", "reseller")
    refuse_set("match channel \"retail\"", "rules/0/match/channels", ["retail"])
    refuse_set("objective metric \"cost\"", "objectives/0/metric", "cost")
    refuse_set("objective metric partners_in_tier without a tier",
               "objectives/5/metric", "partners_in_tier:")
    refuse_set("objective metric partners_in_tier:unqualified",
               "objectives/5/metric", "partners_in_tier:unqualified")

    # Required members.
    for member in ("format", "format_version", "id", "name", "version", "currency", "tiers"):
        refuse_set("missing top-level %s" % member, member, base=minimal)
    refuse_set("empty tiers", "tiers", [], base=minimal)
    refuse_set("tier without name", "tiers/0/name", base=minimal)
    refuse_set("category without name", "categories/0/name")
    refuse_set("requirement without label", "tiers/1/requirements/0/label")
    refuse_set("revenue requirement without min", "tiers/1/requirements/0/min")
    refuse_set("certified_people without valid_months", "tiers/1/requirements/3/valid_months")
    refuse_set("attribute requirement without attribute", "tiers/1/requirements/2/attribute")
    refuse_rule("rule without name", "percent", name=DELETE)
    refuse_rule("rule without kind", "percent", kind=DELETE)
    refuse_rule("percent without base", "percent", base=DELETE)
    refuse_rule("percent without rates", "percent", rates=DELETE)
    refuse_rule("per_unit without amounts", "per_unit", amounts=DELETE)
    refuse_rule("rebate without mode", "rebate", mode=DELETE)
    refuse_rule("rebate without period", "rebate", period=DELETE)
    refuse_rule("bonus without targets", "bonus", targets=DELETE)
    refuse_rule("bonus without period", "bonus", period=DELETE)
    refuse_rule("welcome without amounts", "welcome", amounts=DELETE)
    refuse_set("benefit without group", "benefits/0/group")
    refuse_set("objective without target", "objectives/0/target")
    refuse_set("override without reason", "overrides/1/reason")
    refuse_set("override with empty partner", "overrides/1/partner", "")
    refuse_set("loyalty without window_days", "rules/3/loyalty/window_days")

    # Rule kinds and their members.
    refuse_rule("rates on a per_unit rule", "per_unit", rates={"gold": 5})
    refuse_rule("amounts on a percent rule", "percent", amounts={"gold": "5"})
    refuse_rule("loyalty on a percent rule", "percent", loyalty=RULES_LOYALTY)
    refuse_rule("steps on a bonus rule", "bonus", steps={"gold": [{"from": "0", "rate": 1}]})
    refuse_rule("per_unit amounts not a map of maps", "per_unit", amounts={"gold": "2.00"})
    refuse_rule("per_unit empty key", "per_unit", amounts={"gold": {"": "2.00"}})
    refuse_rule("new_customer with both amounts and rates", "new_customer", rates={"gold": 2})
    refuse_rule("new_customer with neither amounts nor rates", "new_customer", amounts=DELETE)
    refuse_rule("new_customer negative lookback_days", "new_customer", lookback_days=-1)
    refuse_rule("new_customer requires_deal_registration \"yes\"", "new_customer",
                requires_deal_registration="yes")
    refuse_set("loyalty window_days -1", "rules/3/loyalty/window_days", -1)
    refuse_set("loyalty with empty steps", "rules/3/loyalty/steps", [])
    refuse_set("loyalty min_prior -1", "rules/3/loyalty/steps/0/min_prior", -1)
    refuse_set("loyalty min_prior 1.5", "rules/3/loyalty/steps/0/min_prior", 1.5)
    refuse_rule("rebate tier with empty steps", "rebate", steps={"gold": []})
    refuse_set("rebate step without rate", "rules/4/steps/certified/0/rate")
    refuse_rule("cap_period without cap", "percent", cap_period="month")
    refuse_rule("match on a welcome rule", "welcome", match={})
    refuse_rule("match on a registered_deals bonus", "bonus",
                metric="registered_deals", targets={"gold": 1}, match={})
    refuse_rule("match on a won_deals bonus", "bonus",
                metric="won_deals", targets={"gold": 1}, match={"renewal": True})
    refuse_rule("lookback_days on a units bonus", "bonus",
                metric="units", targets={"gold": 1}, lookback_days=30)
    refuse_rule("lookback_days on a revenue bonus", "bonus", lookback_days=30)
    refuse_rule("bonus revenue target as an integer", "bonus", targets={"gold": 50000})
    refuse_rule("bonus revenue target zero", "bonus", targets={"gold": "0.00"})
    refuse_rule("bonus units target as money", "bonus", metric="units", targets={"gold": "5"})
    refuse_rule("bonus units target 0", "bonus", metric="units", targets={"gold": 0})
    refuse_rule("bonus units target 1.5", "bonus", metric="units", targets={"gold": 1.5})
    refuse_set("empty match.categories", "rules/0/match/categories", [])
    refuse_set("empty match.skus", "rules/0/match/skus", [])
    refuse_set("empty match.channels", "rules/0/match/channels", [])
    refuse_set("match.renewal \"true\"", "rules/0/match/renewal", "true")
    refuse_set("active {} empty", "rules/0/active", {})
    refuse_set("active with only an x- member", "rules/0/active", {"x-a": 1})
    refuse_set("active date 2024-1-01", "rules/0/active/from", "2024-1-01")
    refuse_set("active date 01.01.2024", "rules/0/active/to", "01.01.2024")

    # Requirements.
    refuse_set("units min -1", "tiers/1/requirements/1/min", -1)
    refuse_set("units min 1.5", "tiers/1/requirements/1/min", 1.5)
    refuse_set("requirement categories empty", "tiers/1/requirements/0/categories", [])
    refuse_set("certified_people valid_months 0", "tiers/1/requirements/3/valid_months", 0)
    refuse_set("certified_people min -1", "tiers/1/requirements/3/min", -1)
    for name in ("partner_id", "name", "country", "joined_on", "tier"):
        refuse_set("attribute %s" % name, "tiers/1/requirements/2/attribute", name)

    # Eligibility, benefits, objectives, overrides.
    refuse_set("empty eligibility.distributors", "eligibility/distributors", [])
    refuse_set("require_invoice \"yes\"", "eligibility/require_invoice", "yes")
    refuse_set("benefit value null", "benefits/0/values/certified", None)
    refuse_set("benefit value a list", "benefits/0/values/certified", ["a"])
    refuse_set("objective revenue target as a number", "objectives/0/target", 1000000)
    refuse_set("objective payout target \"1e5\"", "objectives/1/target", "1e5")
    refuse_set("objective payout_ratio target negative", "objectives/2/target", -1)
    refuse_set("objective payout_ratio target as a string", "objectives/2/target", "12.5")
    refuse_set("objective new_customers target 2.5", "objectives/4/target", 2.5)
    refuse_set("objective partners_in_tier target -1", "objectives/5/target", -1)
    refuse_set("override rates with a non-id key", "overrides/0/rates", {"Resale": 1})
    refuse_set("override amounts as numbers", "overrides/0/amounts", {"per-box": 3})

    # Shapes.
    refuse("program is a list", [minimal()], "")
    refuse_set("tiers is an object", "tiers", {"gold": {"name": "Gold"}}, base=minimal)
    refuse_set("rules is an object", "rules", {}, base=minimal)
    refuse_set("name is a number", "name", 1, base=minimal)
    return out


# ---------------------------------------------------------------- running

class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self, text):
        self.passed += 1
        print("ok      %s" % text)

    def fail(self, text):
        self.failed += 1
        print("FAILED  %s" % text)


# JSON Schema patterns are ECMA-262 regular expressions, where "$" (without
# the multiline flag) matches only at the very end of the string. Python's
# "$" also matches before a final newline, so plain python-jsonschema takes
# "15\n" for money. Check the schema as the standard reads it: "$" becomes
# "\Z" (end of string only). Tierdesk's own validator must refuse them too.

def ecma_to_python(pattern):
    out = []
    escaped = in_class = False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif in_class:
            out.append(ch)
            in_class = ch != "]"
        elif ch == "[":
            out.append(ch)
            in_class = True
        elif ch == "$":
            out.append("\\Z")
        else:
            out.append(ch)
    return "".join(out)


def ecma_pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not re.search(ecma_to_python(pattern), instance):
        yield ValidationError("%r does not match %r" % (instance, pattern))


EcmaValidator = validators.extend(Draft202012Validator, {"pattern": ecma_pattern})


def short(text, limit=160):
    return text if len(text) <= limit else text[:limit - 3] + "..."


def where(error):
    return "/" + "/".join(str(p) for p in error.absolute_path)


def describe(errors):
    """The most relevant error, as "at /path: message"."""
    err = best_match(errors)
    if err is None:
        return ""
    return "at %s: %s" % (where(err), short(err.message))


def related(error, at):
    """Whether error lies on the way from the root to path at, or below it."""
    target = [int(p) if p.isdigit() else p for p in at.split("/") if p != ""]
    path = list(error.absolute_path)
    n = min(len(path), len(target))
    return path[:n] == target[:n]


def all_refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from all_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from all_refs(value)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(argv):
    parser = argparse.ArgumentParser(
        description="Test the Tierdesk program JSON Schema.")
    parser.add_argument("schema", help="the schema file")
    parser.add_argument("--valid", nargs="+", default=[], metavar="FILE",
                        help="programs that must be accepted")
    parser.add_argument("--invalid-dir", metavar="DIR",
                        help="a folder whose *.json programs must all be refused")
    parser.add_argument("--canonical-cli", metavar="CLI",
                        help="tierdesk-cli: its canonical form of every --valid file must be accepted too")
    args = parser.parse_args(argv)
    # Messages quote values as they are; never fail on a non-UTF-8 console.
    sys.stdout.reconfigure(errors="backslashreplace")

    check = Checker()

    try:
        schema = load_json(args.schema)
    except (OSError, ValueError) as exc:
        print("FAILED  schema %s cannot be read: %s" % (args.schema, exc))
        print("schema: 0 checks passed, 1 failed")
        return 1

    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        check.fail("schema is a valid draft 2020-12 schema: at /%s: %s"
                   % ("/".join(str(p) for p in exc.absolute_path), exc.message))
        print("schema: %d checks passed, %d failed" % (check.passed, check.failed))
        return 1
    check.ok("schema is a valid draft 2020-12 schema")

    if schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema":
        check.ok("schema declares draft 2020-12")
    else:
        check.fail("schema declares draft 2020-12: $schema is %r" % schema.get("$schema"))

    validator = EcmaValidator(schema)

    refs = sorted(set(all_refs(schema)))
    broken = []
    for ref in refs:
        try:
            validator.resolver.resolve(ref)
        except Exception as exc:  # RefResolutionError and friends
            broken.append("%s (%s)" % (ref, exc))
    if broken:
        check.fail("every $ref resolves: " + "; ".join(broken))
    else:
        check.ok("every $ref resolves (%d)" % len(refs))

    used = {r.split("/")[-1] for r in refs if r.startswith("#/$defs/")}
    unused = sorted(set(schema.get("$defs", {})) - used)
    if unused:
        check.fail("every $defs entry is used: unused " + ", ".join(unused))
    else:
        check.ok("every $defs entry is used")

    valid = list(args.valid)
    if args.canonical_cli:
        import subprocess
        import tempfile
        canonical_dir = tempfile.mkdtemp(prefix="tierdesk-canonical-")
        for path in args.valid:
            out = os.path.join(canonical_dir, "canonical-" + os.path.basename(path))
            result = subprocess.run([args.canonical_cli, "fmt", path, "-o", out],
                                    capture_output=True, text=True)
            if result.returncode != 0:
                check.fail("canonical form of %s: tierdesk-cli fmt failed: %s" % (path, result.stderr.strip()))
            else:
                valid.append(out)

    for path in valid:
        try:
            doc = load_json(path)
        except (OSError, ValueError) as exc:
            check.fail("valid %s: cannot be read: %s" % (path, exc))
            continue
        errors = sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])
        if errors:
            check.fail("valid %s: refused, %d error(s):" % (path, len(errors)))
            for e in errors:
                print("          at %s: %s" % (where(e), short(e.message)))
        else:
            check.ok("valid %s: accepted" % path)

    if args.invalid_dir:
        files = sorted(glob.glob(os.path.join(args.invalid_dir, "*.json")))
        if not files:
            check.fail("invalid %s: no *.json files" % args.invalid_dir)
        for path in files:
            try:
                doc = load_json(path)
            except (OSError, ValueError) as exc:
                check.fail("invalid %s: not JSON, so it tests nothing: %s" % (path, exc))
                continue
            errors = list(validator.iter_errors(doc))
            if errors:
                check.ok("invalid %s: refused %s" % (path, describe(errors)))
            else:
                check.fail("invalid %s: accepted, should be refused" % path)

    for desc, doc, expected, at in cases():
        errors = list(validator.iter_errors(doc))
        if expected and not errors:
            check.ok("accepted: %s" % desc)
        elif expected:
            check.fail("accepted: %s: refused %s" % (desc, describe(errors)))
        elif not errors:
            check.fail("refused: %s: accepted" % desc)
        else:
            mine = [e for e in errors if related(e, at)]
            if mine:
                check.ok("refused: %s %s" % (desc, describe(mine)))
            else:
                check.fail("refused: %s: refused only elsewhere than /%s: %s"
                           % (desc, at, describe(errors)))

    if check.failed:
        print("schema: %d checks passed, %d failed" % (check.passed, check.failed))
        return 1
    print("schema: %d checks passed" % check.passed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
