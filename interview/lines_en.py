"""What the embedded interviewer says in English, per interview style ({thing}: the candidate's own words)."""
from __future__ import annotations

from interview.line_types import Lines, StyleLines

EN = Lines(
    greeting="Hello, and welcome to your {where}interview.",
    styles={
        "friendly": StyleLines("There's no need to be nervous; just talk me through things in your own words.",
                               ("Thanks for telling me about {thing}.", "I enjoyed hearing about {thing}."),
                               ("Thank you.", "Thanks for that."), "I'd love to hear a bit more.", 2),
        "structured": StyleLines("I'll go through a set of questions in order.",
                                 ("Thank you, I've noted what you said about {thing}.", "Understood, {thing}."),
                                 ("Thank you.", "Understood."), "", 1),
        "technical": StyleLines("Today's questions will focus on your hands-on technical work.",
                                ("Let's dig into {thing} a bit more.", "Thanks, {thing} is useful context."),
                                ("Understood.",), "Let me go one level deeper.", 2),
        "pressure": StyleLines("We don't have much time, so keep your answers to the point.",
                               ("{thing}. Fine.", "So, {thing}. Noted."), ("Noted.",), "", 2),
    },
    follow_ups={
        "situation": "Going back to {thing}, what was the situation at the start?",
        "task": "You mentioned {thing}. What exactly was the problem you had to solve there?",
        "own_role": "You mentioned {thing}. What was your own part in it, as opposed to the team's?",
        "action": "You mentioned {thing}. What did you personally do about it?",
        "result": "How did things turn out after {thing}?",
        "measurement": "You mentioned {number} for {thing}. How did you measure that?",
        "lesson": "Looking back on {thing}, what would you do differently next time?",
        "reason": "You mentioned {thing}. Why did you handle it that way?",
        "reason_view": "You mentioned {thing}. Why does that matter to you?",
        "plan": "What are you doing right now to work towards that?",
        "plan_open": "You mentioned {thing}. If you joined, what would you want to work on first?",
        "example": "Can you give me a concrete example from your own work of {thing}?",
        "difficulty": "You mentioned {thing}. What was the hardest part of it, and how did you get past it?",
    },
    thing_fallback="this work",
    said_back="You said {act}.",
    after_act={
        "situation": "What was the situation at the start?",
        "task": "What exactly was the problem you had to solve there?",
        "own_role": "What was your own part in it, as opposed to the team's?",
        "result": "How did things turn out after that?",
        "lesson": "Looking back, what would you do differently next time?",
        "reason": "Why did you handle it that way?",
        "difficulty": "What was the hardest part of it, and how did you get past it?",
    },
    simpler={
        "self_introduction": "Keep it simple: what have you been doing recently, and what are you good at?",
        "motivation": "Put simply, what first got you interested in this role?",
        "conflict": "It can be something small, from school or a part-time job. When did you see things differently "
                    "from someone, and what did you do?",
        "failure": "A small setback is fine. What is one thing that didn't go to plan, and what did you do about it?",
        "strength": "What's one thing people often thank you for, and when did it show?",
        "weakness": "What's one habit you'd like to improve?",
        "future": "Just thinking a year ahead, what would you like to be working on?",
        "technical": "Pick one piece of work you did recently. How did you go about it?",
        "experience": "Anything from a class project or a part-time job counts. Could you give me one example?",
        "general": "Could you give me one short example?",
    },
    simpler_about="In your own words, what comes to mind first about {topic}, with one small example if you have "
                  "one?",
    simpler_parts={"ask": "Put simply, {ask}, with one short example if you have one?",
                   "scene": "Picture it simply: if {scene}, what's the first thing you'd do?"},
    simpler_would={"scene": "You don't need to have done it before: {scene}, what's the first thing you'd do?",
                   "plain": "You don't need to have done it before, so just picture it happening: what's the first "
                            "thing you'd do?"},
    reask_lead="Let me put that another way.",
    move_on="All right, let's leave that there and move on.",
    pivot="That's fine if you haven't done it yet. If you were given that task, how would you approach it?",
    pivot_done="Understood, thank you for being upfront about it.",
    repeat_lead="Of course, here it is again.",
    interrupted_lead="I think my question got cut off, so let me ask it again.",
    broken_question="{question}… Could you answer that one?",
    timed_out="We're out of time for that answer, so let's move on.",
    other_language="This interview is in English, so please answer in English.",
    redirect="Let's save that for after the interview and stay with the question for now.",
    back_to_question="Now, back to the question.",
    answers={
        "salary": "I can't quote a figure for you here. If you receive an offer, the HR team will go through "
                  "pay and benefits with you based on the company's bands and your experience.",
        "process": "HR will contact you about the result and the next steps after today's interview.",
        "location": "{company_info}The location depends on the department and site you're placed at. I can't "
                    "confirm it here; it's part of the placement details if you receive an offer.",
        "hours": "Hours, night shifts and overtime vary by department and season and follow company policy. I can't "
                 "promise a figure, but the working pattern is explained before you're placed.",
        "remote": "Whether remote work is possible depends on the department and the kind of work, under company "
                  "policy. I can't confirm it right now; it's covered when an offer is discussed.",
        "training": "{company_info}New starters go through the company's and the department's training, then learn "
                    "the work alongside experienced colleagues. The length and content of the training are explained "
                    "when you join.",
        "team": "{company_info}Team size and set-up depend on the team you're placed in; you'd work with them day "
                "to day, and the details are explained when you're placed.",
        "work": "Benefits and leave follow company policy, and I can't confirm details right now; they're covered "
                "when an offer is discussed.",
        "other": "That's a good question. I can't give you a precise answer right now, but it can be followed up "
                 "after the interview.",
    },
    topic_cues={  # narrow topics first: "training for new nurses" is about training, not the team
        "salary": ("salary", "pay", "compensation", "bonus", "money"),
        "training": ("training", "onboarding", "induction", "orientation", "mentoring", "mentor", "probation"),
        "remote": ("remote", "remotely", "hybrid", "work from home", "working from home", "wfh"),
        "location": ("location", "located", "based", "site", "plant", "which office", "relocate", "relocation",
                     "commute", "where would i work", "where is the job"),
        "hours": ("overtime", "hours", "night shift", "night shifts", "shifts", "shift pattern", "rota", "weekends",
                  "late nights", "on call", "on-call"),
        "process": ("next step", "next steps", "hear back", "result", "results", "when will"),
        "team": ("team", "tech stack", "stack", "colleagues", "day to day", "department", "how many people"),
        "work": ("benefits", "vacation", "leave", "office", "travel"),
    },
    next_lead="Next question.",
    linked_lead="Since you mentioned {tag}, let me follow on from that.",
    covered_cues={
        "motivation": ("why i applied", "reason i applied", "that's why i applied", "i applied because",
                       "i want to join", "i'd love to join", "i want to work here", "drew me to", "i'm applying",
                       "why i'm applying", "reason i'm applying", "applied because", "applying because",
                       "excited to join", "want to work at"),
        "strength": ("my strength is", "my biggest strength", "my main strength"),
        "weakness": ("my weakness is", "my biggest weakness", "my main weakness"),
    },
    reverse_question="We're coming to the end. Do you have any questions for us?",
    reverse_go_ahead="Of course. What would you like to know?",
    no_question="All right.",
    closing="Thank you for your time today. We'll be in touch about the result. Take care.",
    after_closing="Today's interview is finished. Thank you again.",
    hint="Hint: cover {aspects}, in that order, briefly.",
    aspect_names={"situation": "the situation", "task": "your task", "own_role": "your own role",
                  "action": "what you did", "result": "the result", "measurement": "a number",
                  "lesson": "what you learned", "reason": "why", "plan": "your plan", "example": "a concrete example"},
    hint_cues=("hint", "a tip", "how should i answer", "what should i say", "give me an example"),
    no_hints="In real mode I can't give hints.",
)
