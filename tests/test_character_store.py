"""Custom characters in the database: every field survives a restart, owners are kept, on SQLite and PostgreSQL."""
from __future__ import annotations

from characters.model import Character
from store.characters import SqlCharacterRepository
from store.database import Database

FULL = Character(
    id="c1", name="박현우", description="기술 면접관", likes=("테스트", "설계"), dislikes=("추측",), tags=("기술",),
    guidelines="- 근거를 묻습니다.", voice_id="ko-female", interview_style="pressure", avatar="talk_long", language="en",
    owner="alice", created_at="2026-12-02T19:00:00+00:00", updated_at="2026-12-02T19:00:00+00:00",
)


def test_repository_round_trips_every_field_and_filters_by_owner(database_url: str):
    database = Database(database_url)
    try:
        database.migrate()
        repo = SqlCharacterRepository(database)
        other = Character(id="c2", name="남의 캐릭터", owner="bob", created_at="2026-12-02T19:01:00+00:00")
        repo.save(FULL)
        repo.save(other)
        assert repo.get("c1") == FULL and repo.get("nobody") is None
        assert [c.id for c in repo.list("alice")] == ["c1"] and [c.id for c in repo.list()] == ["c1", "c2"]
        repo.save(Character(**{**FULL.__dict__, "name": "박현우 팀장"}))
        assert repo.get("c1").name == "박현우 팀장" and len(repo.list()) == 2
        assert repo.delete("c1") is True and repo.delete("c1") is False and repo.get("c1") is None
    finally:
        database.close()


def test_a_created_character_outlives_the_server(make_app, database_url: str):
    first = make_app(DATABASE_URL=database_url, SECRET_KEY="kept-across-restarts").test_client()
    created = first.post("/api/characters", json={"name": "남을 캐릭터", "interview_style": "friendly", "tags": ["a"]})
    cid = created.get_json()["data"]["id"]
    again = make_app(DATABASE_URL=database_url, SECRET_KEY="kept-across-restarts").test_client()
    again.set_cookie("session", first.get_cookie("session").value)  # the same browser comes back
    data = again.get(f"/api/characters/{cid}").get_json()["data"]
    assert data["name"] == "남을 캐릭터" and data["tags"] == ["a"] and data["owner"].startswith("anon:")
    assert [c["id"] for c in again.get("/api/characters").get_json()["data"]["characters"]] == [cid]
