"""The HTML pages of the site: a meeting's minutes, the index, the live page, the plain 404.

Jinja2 with autoescape on for every template: everything residents typed is escaped. The
pages carry their style inline and load nothing (no script, no font, no image from elsewhere);
a Content-Security-Policy in the page says so to the browser as well.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from yiting.domain import VoteMethod, VoteRule, label
from yiting.i18n import t
from yiting.publish import objections as o
from yiting.publish import wording as w

# frame-ancestors only works as a header (the server sends it); in a <meta> it is ignored.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("yiting.publish", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["CSP"] = CSP
    return env


def shorten(text: Any, limit: int = 40) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number(value: Any) -> str:
    if value is None:
        return "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def vote_view(vote: dict[str, Any], lang: str, corrected: set[int]) -> dict[str, Any]:
    areas = None
    if w.is_owners_vote(vote):
        areas = t("pub.area_figures", lang, yes=_number(vote["yes_area_m2"]), no=_number(vote["no_area_m2"]),
                  abstain=_number(vote["abstain_area_m2"]), eligible=_number(vote["eligible_area_m2"]))
    return {
        "method": label(VoteMethod(vote["method"]), lang),
        "rule": label(VoteRule(vote["rule"]), lang),
        "figures": w.vote_figures(vote, lang) if vote["status"] != "cancelled" else "",
        "areas": areas if vote["status"] != "cancelled" else None,
        "result": w.vote_result(vote, lang),
        "passed": vote["passed"] and not vote["consultative"],
        "state": vote["status"] if vote["status"] != "closed" else ("consultative" if vote["consultative"] else
                                                                      "passed" if vote["passed"] else "failed"),
        "open": vote["status"] != "closed",
        "explanation": vote["explanation"] if vote["status"] == "closed" else "",
        "notes": w.vote_notes(vote, lang),
        "consultative": t("pub.consultative", lang) if vote["consultative"] else "",
        "correction": t("pub.correction", lang, reason=vote["correction_reason"]) if vote["corrects"] else "",
        "corrected": t("pub.corrected", lang) if vote["id"] in corrected else "",
        "roll_call": w.roll_call_lines(vote, lang),
    }


def minutes_view(public: dict[str, Any], lang: str) -> dict[str, Any]:
    """What the minutes template shows, from a public (masked) record."""
    corrected = {v["corrects"] for i in public["agenda"] for p in i["proposals"] for v in p["votes"]
                 if v["corrects"]}
    texts = {p["id"]: p["text"] for i in public["agenda"] for p in i["proposals"]}
    stances = w.stance_labels(lang)
    party_of = {p["id"]: p["party"] for p in public["participants"]}
    items = []
    decisions = []
    for item in public["agenda"]:
        where = f"{item['position']}. {item['title']}"
        for d in item["decisions"]:
            decisions.append({"text": d["text"], "item": where, "note": ""})
        for p in w.adopted_without_decision(item):
            decisions.append({"text": p["text"], "item": where, "note": t("minutes.adopted_proposal", lang)})
        items.append({
            "position": item["position"],
            "title": item["title"],
            "status": w.item_status(item, lang),
            "notes": w.item_notes(item, lang),
            "description": item["description"],
            "speeches": [{
                "speaker": s["speaker"],
                "stance": stances[s["stance"]],
                "stance_key": s["stance"],
                "summary": w.speech_text(s, lang),
                "missing": not s["summary"],
                "notes": w.speech_notes(s, lang),
            } for s in item["speeches"]],
            "speaking_time": w.speaking_time_line(item["speeches"], party_of, lang),
            "proposals": [{
                "text": p["text"],
                "amends": t("pub.amendment", lang, text=shorten(texts.get(p["amends"], ""))) if p["amends"] else "",
                "by": " · ".join(x for x in (
                    t("pub.proposed_by", lang, name=p["proposer"]) if p["proposer"] else "",
                    t("pub.seconded_by", lang, name=p["seconder"]) if p["seconder"] else "") if x),
                "status": t("proposal." + p["status"], lang),
                "votes": [vote_view(v, lang, corrected) for v in w.votes_in_order(p)],
            } for p in item["proposals"]],
            "decisions": [d["text"] for d in item["decisions"]],
        })
    # Decisions not tied to an item (the record allows it) still belong on the page.
    seen = {d["id"] for i in public["agenda"] for d in i["decisions"]}
    decisions += [{"text": d["text"], "item": "", "note": ""} for d in public["decisions"] if d["id"] not in seen]
    parties: dict[str, list[str]] = {}
    for person in public["participants"]:
        parties.setdefault(person["party"] or t("pub.no_party", lang), []).append(person["name"])
    return {
        "title": public["title"],
        "status": public["status"],
        "status_text": t(f"pub.status_{public['status']}", lang),
        "facts": [(k, v) for k, v in (
            (t("export.when", lang), w.span(public, lang)),
            (t("export.where", lang), " · ".join(x for x in (public["community"], public["venue"]) if x)),
            (t("export.kind", lang), public["kind"]),
            (t("export.facilitator", lang), public["facilitator"]),
            (t("export.note_taker", lang), public["note_taker"]),
            *w.attendance_facts(public, lang),
        ) if v],
        "rule_notes": w.rule_notes(public, lang),
        "rules_in_force": w.rules_in_force(public, lang),
        "speaking_time": [(t(f"order.minutes.by_{kind}", lang), w.speaking_time_line(
            [s for i in public["agenda"] for s in i["speeches"]], party_of, lang, people=kind == "person"))
            for kind in ("party", "person")] if any(i["speeches"] for i in public["agenda"]) else [],
        "decisions": decisions,
        "actions": [{
            "task": a["task"], "owner": a["owner"],
            "due": t("pub.due", lang, due=a["due"]) if a["due"] else t("pub.no_due", lang),
            "status": t("action." + a["status"], lang),
        } for a in public["actions"]],
        "objection_period": o.period_lines(public, lang),
        "objections": [{"received": o.received_line(x, lang), "text": x["text"], "late": x["late"],
                        "answer": o.answer_line(x, lang), "answered": bool(x["answer"]),
                        "notes": o.answer_notes(x, lang)} for x in public.get("objections", ())],
        "agenda": items,
        "parties": sorted(parties.items(), key=lambda kv: -len(kv[1])),
    }


def key_changes(public: dict[str, Any]) -> list[dict[str, str]]:
    """Each new signing key the minutes record (after a lost one): since, fingerprint, previous."""
    keys = public.get("signing_keys") or []
    return [{"since": new["since"], "fingerprint": new["fingerprint"], "previous": old["fingerprint"]}
            for old, new in zip(keys, keys[1:], strict=False)]


def render_minutes(public: dict[str, Any], lang: str, *, version: dict[str, Any],
                   versions: list[dict[str, Any]]) -> tuple[str, str]:
    """The minutes page at the stable address (`m/<id>/`) and as version N (`m/<id>/v<N>/`,
    which links the stable one). They differ only in their links, so what lies between is
    rendered once."""
    env = environment()
    context = {"t": lambda key, **kw: t(key, lang, **kw), "lang": lang, "html_lang": "zh-CN" if lang == "zh" else "en",
               "sep": "：" if lang == "zh" else ": ", "m": minutes_view(public, lang), "version": version,
               "versions": versions, "meeting_id": public["id"], "key_changes": key_changes(public),
               "matter_items": [(i["position"], i["title"], i["matter"]) for i in public["agenda"] if i.get("matter")]}
    context["main"] = Markup(env.get_template("minutes_main.html").render(context))
    page = env.get_template("minutes.html")
    return page.render(context, root="../../", latest=None), page.render(context, root="../../../", latest="../")


def render_index(entries: list[dict[str, Any]], lang: str, *, live: list[dict[str, Any]] | None = None,
                 board: bool = False) -> str:
    """The site's home page: published minutes (`entries`), and, as the LAN server shows it, the
    meetings in progress (`live`, each linking its live page); with `board`, links to the duty
    board, the matters and the figures."""
    return environment().get_template("index.html").render(
        t=lambda key, **kw: t(key, lang, **kw), lang=lang, html_lang="zh-CN" if lang == "zh" else "en", sep="：" if lang == "zh" else ": ",
        entries=entries, live=live or [], root="", key=_newest_key(entries), board=board,
    )


def _newest_key(entries: list[dict[str, Any]]) -> str:
    """The short fingerprint of the key that signed the newest version on the site ("" if none)."""
    signed = [v for e in entries for v in e.get("versions") or [] if isinstance(v, dict) and v.get("key")]
    newest = max(signed, key=lambda v: str(v.get("at", "")), default=None)
    return str(newest["key"])[:16] if newest else ""


# The live page's one script: server-sent events replace the state box when it changes. Without
# scripts, a meta refresh in <noscript> reloads the page instead. The CSP allows this script
# by its hash and nothing else.
LIVE_SCRIPT = ('(function(){var b=document.getElementById("live");if(!b||!window.EventSource)return;'
               'var s=new EventSource(b.getAttribute("data-events"));'
               's.onmessage=function(e){var d=JSON.parse(e.data);b.innerHTML=d.html;if(d.done)s.close();};})();')
LIVE_CSP = (f"default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; connect-src 'self'; "
            f"script-src 'sha256-{base64.b64encode(hashlib.sha256(LIVE_SCRIPT.encode()).digest()).decode()}'; "
            "base-uri 'none'; form-action 'none'")


def _live_context(view: dict[str, Any], lang: str) -> dict[str, Any]:
    return {"t": lambda key, **kw: t(key, lang, **kw), "lang": lang, "v": view, "root": "/",
            "html_lang": "zh-CN" if lang == "zh" else "en", "sep": "：" if lang == "zh" else ": "}


def render_live(view: dict[str, Any], lang: str, refresh: int) -> str:
    """The live page of a meeting; `refresh` seconds for the meta refresh (0: none, it ended)."""
    return environment().get_template("live.html").render(
        **_live_context(view, lang), refresh=refresh, script=Markup(LIVE_SCRIPT), csp=LIVE_CSP)


def render_live_state(view: dict[str, Any], lang: str) -> str:
    """The part of the live page that changes, as the server-sent events carry it (escaped)."""
    return environment().get_template("live_state.html").render(**_live_context(view, lang))


def render_message(title: str, hint: str, lang: str) -> str:
    return environment().get_template("message.html").render(
        t=lambda key, **kw: t(key, lang, **kw), lang=lang, html_lang="zh-CN" if lang == "zh" else "en", sep="：" if lang == "zh" else ": ",
        title=title, hint=hint, root="/",
    )
