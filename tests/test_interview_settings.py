"""The interview settings are one model: every other list of its fields agrees with it, and its conversions."""
from __future__ import annotations

from dataclasses import fields

from llm.base import DEFAULT_ORG_TYPE, InterviewContext
from server.schemas.chat import ChatRequest
from server.schemas.lipsync import ChatAndLipsyncRequest
from server.schemas.sessions import NewSession, SessionOut
from store.sessions import SETTING_NAMES, InterviewSettings
from store.models.sessions import ChatSession

RENDER_SETTINGS = {"avatar", "resolution", "tts_engine", "tts_voice"}  # how the interview is shown, not the LLM's


def test_every_list_of_the_settings_is_the_model_s():
    assert set(NewSession.model_fields) - {"metadata"} == set(SETTING_NAMES)
    assert set(SETTING_NAMES) <= set(SessionOut.model_fields)
    assert set(SETTING_NAMES) <= set(ChatSession.__table__.columns.keys())
    assert set(SETTING_NAMES) <= set(ChatAndLipsyncRequest.model_fields)
    assert {f.name for f in fields(InterviewContext)} == set(SETTING_NAMES) - RENDER_SETTINGS


def test_the_context_takes_the_house_defaults_for_what_is_unset():
    context = InterviewSettings(company_name="삼성전자", avatar="talk_long").context(default_questions=7)
    assert context == InterviewContext(org_type=DEFAULT_ORG_TYPE, company_name="삼성전자", job_name=None,
                                       total_questions=7, language="ko")
    asked = InterviewSettings(total_questions=3, language="en", interview_mode="real").context(default_questions=7)
    assert (asked.total_questions, asked.language, asked.interview_mode) == (3, "en", "real")


def test_a_request_s_settings_win_over_the_stored_ones_it_leaves_unset():
    stored = InterviewSettings(org_type="병원", company_name="서울대병원", job_name="간호사", language="en")
    asked = InterviewSettings(company_name="삼성전자", job_name="")
    merged = asked.over(stored)
    assert (merged.org_type, merged.company_name, merged.job_name, merged.language) == ("병원", "삼성전자", "간호사", "en")
    assert stored.only(("org_type",)) == InterviewSettings(org_type="병원")


def test_the_settings_are_read_from_a_body_or_a_mapping():
    body = ChatRequest.model_validate({"message": "안녕하세요", "company_name": "삼성전자", "total_questions": 4})
    assert InterviewSettings.of(body) == InterviewSettings(company_name="삼성전자", total_questions=4)
    assert InterviewSettings.of({"job_name": "개발", "unknown": 1}) == InterviewSettings(job_name="개발")
