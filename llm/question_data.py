"""Reading and validating the interview data files under llm/questions/ (JSON, UTF-8)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_VERSION = 1
MIN_QUESTIONS_PER_JOB = 12
MIN_TAG_CHARS = 2  # one-syllable tags would match almost any answer
KINDS = frozenset({"common", "technical", "situational", "behavioural"})
# A slot may only be followed by what reads the same after any name (no batchim-dependent
# particles such as 이/가, 은/는, 을/를, 과/와, (으)로): 에, 의, a space or punctuation.
_SLOT = re.compile(r"\{([a-z_]+)\}")
_SLOT_OK_AFTER = re.compile(r"[에의 .,?!]|$")
PHRASE_STRINGS = ("reverse_question", "answered_question", "no_question", "closing")
PHRASE_LISTS = ("related_leads", "next_leads", "follow_up_leads", "question_keywords", "after_closing")
GREETING_VARIANTS = ("company_and_job", "company", "job", "none")
ACK_LENGTHS = ("short", "medium", "long")


class QuestionDataError(ValueError):
    """A data file under llm/questions/ is missing or malformed."""


@dataclass(frozen=True)
class Question:
    """One interview question; text and follow-ups may hold {company} / {job} slots until rendered."""

    id: str
    text: str
    kind: str
    tags: tuple[str, ...]
    follow_ups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Org:
    """One organisation type of the catalogue."""

    default_company: str
    companies: tuple[str, ...]
    jobs: tuple[str, ...]


@dataclass(frozen=True)
class Job:
    """One job's question templates."""

    name: str
    org_type: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Bank:
    """Everything under llm/questions/, validated."""

    default_org_type: str
    org_types: dict[str, Org]
    jobs: dict[str, Job]
    self_introduction: Question
    motivation: Question
    common: tuple[tuple[Question, frozenset[str]], ...]  # (question, org types it suits; empty = all)
    phrases: dict[str, Any]


def read_bank(root: Path) -> Bank:
    """Read catalog.json, common.json, phrases.json and jobs/*.json under `root` and check them."""
    catalog = _read(root / "catalog.json")
    org_types = _orgs(catalog, "catalog.json")
    default = catalog.get("default_org_type")
    _check(default in org_types, "catalog.json", f"default_org_type {default!r} is not an org type")
    seen_ids: set[str] = set()
    jobs = _jobs(root, org_types, seen_ids)
    common = _read(root / "common.json")
    intro = _question(common.get("self_introduction"), "common.json", seen_ids, allow_job=False)
    motivation = _question(common.get("motivation"), "common.json", seen_ids, allow_job=False)
    pool = []
    for raw in _list(common, "questions", "common.json"):
        orgs = frozenset(raw.get("org_types", ()))
        _check(orgs <= set(org_types), "common.json", f"unknown org_types {sorted(orgs - set(org_types))}")
        pool.append((_question(raw, "common.json", seen_ids, allow_job=False), orgs))
    phrases = _read(root / "phrases.json")
    _check_phrases(phrases)
    return Bank(default, org_types, jobs, intro, motivation, tuple(pool), phrases)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise QuestionDataError(f"{path.name}: cannot read: {e}") from e
    _check(isinstance(data, dict), path.name, "top level must be an object")
    _check(data.get("version") == DATA_VERSION, path.name, f"version must be {DATA_VERSION}")
    return data


def _check(ok: bool, where: str, problem: str) -> None:
    if not ok:
        raise QuestionDataError(f"{where}: {problem}")


def _list(obj: dict[str, Any], key: str, where: str, min_len: int = 1) -> list:
    value = obj.get(key)
    _check(isinstance(value, list) and len(value) >= min_len, where, f"{key!r} must be a list of >= {min_len}")
    return value


def _strings(obj: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    """A non-empty list of unique non-empty strings."""
    values = _list(obj, key, where)
    _check(all(isinstance(v, str) and v.strip() for v in values), where, f"{key!r} must hold non-empty strings")
    _check(len(set(values)) == len(values), where, f"{key!r} has duplicates")
    return tuple(values)


def _orgs(catalog: dict[str, Any], where: str) -> dict[str, Org]:
    raw_orgs = catalog.get("org_types")
    _check(isinstance(raw_orgs, dict) and raw_orgs, where, "org_types must be a non-empty object")
    orgs = {}
    for name, raw in raw_orgs.items():
        here = f"{where} [{name}]"
        _check(isinstance(raw.get("default_company"), str), here, "default_company must be a string")
        orgs[name] = Org(raw["default_company"], _strings(raw, "companies", here), _strings(raw, "jobs", here))
    all_jobs = [job for org in orgs.values() for job in org.jobs]
    _check(len(set(all_jobs)) == len(all_jobs), where, "a job is listed under two org types")
    return orgs


def _jobs(root: Path, orgs: dict[str, Org], seen_ids: set[str]) -> dict[str, Job]:
    expected = {job: name for name, org in orgs.items() for job in org.jobs}
    jobs: dict[str, Job] = {}
    for path in sorted((root / "jobs").glob("*.json")):
        raw = _read(path)
        where, name = f"jobs/{path.name}", raw.get("job")
        _check(name in expected, where, f"job {name!r} is not in catalog.json")
        _check(name not in jobs, where, f"job {name!r} has a second file")
        _check(raw.get("org_type") == expected[name], where, f"org_type must be {expected[name]!r}")
        questions = _list(raw, "questions", where, MIN_QUESTIONS_PER_JOB)
        jobs[name] = Job(name, expected[name], tuple(_question(q, where, seen_ids) for q in questions))
    missing = sorted(set(expected) - set(jobs))
    _check(not missing, "jobs/", f"no question set for {missing}")
    return jobs


def _question(raw: Any, where: str, seen_ids: set[str], allow_job: bool = True) -> Question:
    _check(isinstance(raw, dict), where, "a question must be an object")
    qid = raw.get("id")
    _check(isinstance(qid, str) and qid and qid not in seen_ids, where, f"question id {qid!r} missing or repeated")
    seen_ids.add(qid)
    here = f"{where} [{qid}]"
    _check(raw.get("kind") in KINDS, here, f"kind must be one of {sorted(KINDS)}")
    text = raw.get("text")
    _check(isinstance(text, str) and text.strip(), here, "text must be a non-empty string")
    tags = _strings(raw, "tags", here)
    _check(all(len(t.replace(" ", "")) >= MIN_TAG_CHARS for t in tags), here, f"tags need >= {MIN_TAG_CHARS} chars")
    follow_ups = tuple(raw.get("follow_ups", ()))
    _check(all(isinstance(f, str) and f.strip() for f in follow_ups), here, "follow_ups must be strings")
    slots = ("company", "job") if allow_job else ("company",)
    for template in (text, *follow_ups):
        _check_slots(template, slots, here)
    return Question(qid, text, raw["kind"], tags, follow_ups)


def _check_slots(template: str, allowed: tuple[str, ...], where: str) -> None:
    for match in _SLOT.finditer(template):
        _check(match.group(1) in allowed, where, f"slot {match.group(0)} not allowed here (use {allowed})")
        after = template[match.end():match.end() + 1]
        _check(_SLOT_OK_AFTER.match(after) is not None, where,
               f"{match.group(0)} followed by {after!r}: use 에/의 or a space (no batchim-dependent particle)")
    leftover = _SLOT.sub("", template)
    _check("{" not in leftover and "}" not in leftover, where, f"stray brace in {template!r}")


def _check_phrases(raw: dict[str, Any]) -> None:
    where = "phrases.json"
    for key in PHRASE_STRINGS:
        _check(isinstance(raw.get(key), str) and raw[key].strip(), where, f"{key!r} must be a non-empty string")
        _check_slots(raw[key], (), where)
    for key in PHRASE_LISTS:
        _strings(raw, key, where)
    greetings = raw.get("greetings")
    _check(isinstance(greetings, dict), where, "greetings must be an object")
    for variant in GREETING_VARIANTS:
        _check(isinstance(greetings.get(variant), str), where, f"greetings.{variant} must be a string")
        _check_slots(greetings[variant], ("company", "job"), where)
    acks = raw.get("acknowledgements")
    _check(isinstance(acks, dict), where, "acknowledgements must be an object")
    for length in ACK_LENGTHS:
        _strings(acks, length, f"{where} acknowledgements")
    for group in _list(raw, "keyword_acknowledgements", where):
        _strings(group, "keywords", f"{where} keyword_acknowledgements")
        _strings(group, "texts", f"{where} keyword_acknowledgements")
