"""Word classes of spoken English for the phrase reader (interview/salience_en.py): function and filler words,
common verbs in their base and past forms, adjectives, people, words of trouble, and the words around a verb.
No tagger is used for English; these closed classes and lemminflect's lexicon stand in for one."""
from __future__ import annotations

EN_LY_WORDS = frozenset("nightly weekly monthly daily yearly quarterly hourly family supply assembly anomaly "
                         "friendly elderly italy july reply rally costly".split())
EN_STOP = frozenset("""a an the you your me my i i'm i've i'd we we're we'd us our they their them it its it's this
that these those there here what how why when where which who whose do does did done is are was were be been being
have has had can could would will should may might must just really very also ever any some one first last recently
thing things something anything lot way like well okay ok yes no not so then than too because since again more most
much many other another good great pretty sure think know got get go went going came come comes mind all every
whole nothing still even only about into onto over after before while during through out up down off back around
and or but if as at by from to per each kept keep ended end started start tried try made make took take put set
gave give told tell said say asked ask wanted want felt feel seemed seem turned turn being bit little someone
nobody everyone anyone people person yeah yep oh ha haha man guess maybe night day week month year years weeks days
months hours time times today yesterday tomorrow morning evening that's always never often usually early late main
job instead doing monday tuesday wednesday thursday friday saturday sunday weekend him her he she them his until
unless though although whether within near across outside inside around behind under without towards toward against
among via per afternoon overnight tonight noon midnight
hi hello hey thanks thank myself ourselves yourself himself herself themselves almost nearly quite rather
already soon later together perhaps everything everybody somebody stuff
ago sorry seen gone given taken done known shown
minute minutes seconds god gosh ours yours theirs mine hers twice own em erm um uh""".split())
EN_ARTICLES = frozenset({"a", "an", "the"})
EN_TIMES = frozenset("night day morning evening afternoon weekend".split())  # a time describing what follows
EN_SKIP_BEFORE = frozenset("a an the my our their his her your last first previous new old this that these those some "
                            "about him them me us one two three four five most all each every own".split())
# Base forms of common verbs (English has no tagger here): a verb, never the thing a follow-up names.
EN_BASE_VERBS = frozenset("""follow include take make get use find keep show give tell ask work call try need feel
become leave put mean let begin seem help talk turn start run move live believe hold bring happen write provide sit
stand lose pay meet learn change lead understand watch stop create speak read allow add spend grow open walk win
offer remember love consider appear buy wait serve send expect build stay fall cut reach remain suggest raise pass
sell require report decide pull explain fix check handle manage solve reduce improve increase agree refuse miss
drop switch compare map track trace test review set plan prepare share sort
approve""".split())
EN_BEFORE_BASE_VERB = frozenset("i we you they he she to can could would will should must may might shall and or n't "
                                  "didn't don't often always usually never just also really sometimes "
                                  "couldn't wouldn't won't can't doesn't never".split())
EN_ADJECTIVES = frozenset("""stuck awful terrible bad good great nice huge big small high low hard easy clear happy
unhappy slow fast quick busy fine okay awesome amazing better worse best worst dead empty wrong right sure able
whole full""".split())
EN_AFTER_VERB_ING = frozenset("it them him her this that out up the a an to with through".split())
EN_FIRST_PERSON = frozenset({"i", "we", "i'm", "i've", "we'd", "i'd", "we've"})
EN_BEFORE_VERB_ING = frozenset("i we they he she it was were am is are be been kept keep started stopped were "
                                "being".split())
EN_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
                             "sixty seventy eighty ninety hundred thousand million half dozen".split())
EN_PERSONS = frozenset("people person someone everyone anyone nobody everybody somebody him her them us me you "
                         "mum dad".split())
EN_SUBJECTS = frozenset("i we you they he she it who can could would will should must may might".split())
EN_PROBLEM = frozenset("""broke broken failed failing crashed crashing error errors bug bugs defect defects missing
late delayed wrong leak leaking complaint complained angry upset refused cancelled canceled stuck lost overdue slow
dropping dead leaks faulty worn flat blocked jammed expired
mismatch mismatched bust""".split())
EN_PEOPLE = frozenset("""patient patients resident doctor doctors nurse nurses customer customers client clients boss
manager managers team colleague colleagues passenger passengers buyer buyers user users family parents friend
friends lead supervisor director engineer engineers staff someone guy guys person people member members driver
drivers agent agents caller callers owner owners
maker makers supplier suppliers vendor vendors company companies firm""".split())
EN_VERB_FORMS = frozenset("""did built led made wrote ran took gave found set chose taught brought sent spent kept
held began got met told saw drew won put cut sold bought paid became rewrote rebuilt redesigned proposed offered
created introduced launched fixed added moved changed started used ran
flew drove went grew knew threw wore
said thought felt heard left meant understood stood caught lost sat spoke broke let split shut spread hit quit""".split())
# Verbs (by lemma) of bringing something new in: their object, when the candidate is the subject, is the fix or
# the practice they introduced ("added idempotency keys", "set up a daily triage", "made a leaflet").
EN_INTRODUCING = frozenset("""add introduce set build create make write design draft launch install fit bring start
roll""".split())
