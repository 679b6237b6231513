"""The word sets the candidate finders key on: prepositions that aim an act, verbs that speak, travel, frame,
appeal or pass a verdict, nouns that name measures, gatherings, appeals and stances.

One module below ``mentions``, ``arguments``, ``nominal`` and ``candidates``, which all read them, so that none
of those needs another only for its words.
"""

TARGET_PREPS = ("to", "with", "against", "on", "toward", "towards", "into", "at", "upon", "for", "from", "of",
                "over", "onto", "between", "among", "about", "behind")
SPEECH = {"say", "tell", "state", "announce", "declare", "add", "insist", "demand", "warn", "complain",
          "shout", "write", "tweet", "reply", "respond", "answer", "argue", "charge", "lash", "retort",
          "snap", "scold", "ask", "urge", "remark", "exclaim", "yell", "comment", "explain", "stress"}
LIGHT_VERBS = {"hold", "have", "conduct", "pay", "make", "launch", "carry", "impose", "stage", "sign", "host",
               "give", "deliver", "issue", "open", "begin", "start", "resume", "announce", "order", "conclude",
               "reach", "extend", "provide", "offer", "send", "lodge", "file", "level", "slap", "mount", "join",
               "attend", "take", "lift", "ease", "tighten", "expand", "introduce"}
ARRIVAL = {"arrive", "land", "travel", "fly", "come", "go", "head", "gather", "meet", "convene", "return", "leave",
           "attend", "invite", "welcome", "host"}
TRAVEL = {"arrive", "land", "travel", "fly", "come", "go", "head", "return"}
TOPICS = {"discuss", "debate"}  # verbs whose object is what is talked about, never with whom
TALK_NOUNS = {"talk", "negotiation", "discussion", "consultation", "meeting", "summit", "dialogue"}  # "talks on Syria"
CALLS = TALK_NOUNS | {"call", "conversation", "phone", "videoconference"}  # "said in a telephone call with Erdogan"
COURSE = ("in", "during", "after", "following", "at")  # "said after talks with Erdogan": talks held
RETURN_PARTICLES = {"back", "over"}  # "handed back to X": the parser hangs the phrase on the particle
HANDING = {"hand", "give", "return", "turn", "transfer", "pass"}  # verbs whose particle phrase names a recipient
POSTED = ("from", "to", "in", "at")  # "its ambassador to Russia", "its envoy in Moscow"
MEMBERSHIP = {"participation", "membership", "seat", "presence", "involvement", "role", "place", "mission"}
VICINITY = ("around", "off", "near")  # inside an object phrase: "waters around Taiwan", "drills off Japan"
# Nouns naming a standing relation between parties, not something one did to the other: "relations between
# Moscow and Yerevan have cooled" and "the ties between the two countries" report no event of their own.
STANDING = {"relation", "relations", "relationship", "tie", "ties"}
MEASURES = {"package", "round", "wave", "series", "set", "batch", "barrage", "volley", "raft", "string", "spate", "slew"}
# Nouns for people: a participle on one of them describes someone ("an officer jailed in 2019") rather than
# dating a thing the act is about ("the arsenal left on its territory in the 1990s").
PEOPLE_NOUNS = {"officer", "soldier", "journalist", "reporter", "activist", "prisoner", "detainee", "captive",
                "citizen", "national", "man", "woman", "person", "people", "official", "diplomat", "leader",
                "politician", "dissident", "businessman", "opponent", "critic", "pilot", "worker", "student",
                "member", "agent", "spy", "suspect", "fighter", "militant", "blogger", "lawyer", "general"}
RECEIVING = {"receive", "accept", "obtain", "buy", "purchase", "import", "acquire"}  # goods "from" a giver
APPEAL_NOUNS = {"call", "appeal", "request", "offer", "proposal", "demand", "invitation", "plea", "warning", "pressure",
                "criticism", "accusation", "allegation", "claim", "ultimatum", "overture", "bid"}
GIVEN = APPEAL_NOUNS | {"condemnation", "praise", "support", "aid", "assistance", "help", "backing", "rebuke",
                       "objection", "protest", "threat"}  # what comes "from" its giver
REACTIONS = {"draw", "prompt", "spark", "provoke", "trigger", "attract", "earn"}  # "drew condemnation from the EU"
COMPLAINTS = {"complain", "allege", "charge", "protest", "grumble", "lament", "deplore", "object", "regret"}
APPEALS = {"demand", "urge", "ask", "propose", "suggest", "request", "recommend", "warn", "call", "insist"}
LOCATIVE = {"in", "at"}
# Verbs that post forces somewhere: "troops were deployed to Kazakhstan" are posted by their own side.
POSTING = {"deploy", "redeploy", "send", "dispatch", "station", "post", "airlift", "move", "transfer"}
ARMED_SECTORS = {"MIL"}
LEADING = {"lead", "head", "command", "chair", "spearhead"}  # "fighters led by X", "a delegation headed by X"
GATHERINGS = {"summit", "meeting", "session", "conference", "forum", "gathering", "congress", "assembly", "council"}
ON_VERBS = {"call", "impose", "fire", "spy", "press", "prevail", "turn", "declare", "wage"}  # "called on X"
NEAR = ("near", "along", "toward", "towards", "close")  # where forces are sent: "near the Ukrainian border"
LOOSE_PREPS = {"for", "about", "over"}
STANCES = {"protest", "defence", "defense", "support", "solidarity", "response", "retaliation", "reply", "favour",
           "favor", "breach", "violation", "honour", "honor"}  # "in protest at", "in defence of", "in breach of"
AIMED_PREPS = {"to", "with", "against", "on", "toward", "towards", "into", "at", "upon"}  # a thing's own aim
FRAMES = {"threaten", "offer", "promise", "pledge", "vow", "refuse", "decline", "agree", "plan", "intend",
          "decide", "try", "seek", "attempt", "begin", "start", "continue", "warn", "move", "vote", "fail"}
# Acts that answer or face someone even when the sentence names no one: "Moscow warned that ...", "the
# Kremlin denied the accusation", "Kyiv rejected the allegation as absurd", "declined to comment".
ANSWERS = {"warn", "threaten", "deny", "dismiss", "refute", "reject", "decline"}
CHARGES = {"accusation", "allegation", "charge", "claim", "criticism", "suggestion"}  # what an answer dismisses
ACCUSING = {"accuse", "blame", "allege", "charge", "claim"}  # verbs that make the charge answered
VERDICTS = {"condemn", "criticise", "criticize", "denounce", "welcome", "praise", "hail", "slam", "blast", "applaud",
            "voice", "express", "decry", "deplore", "endorse", "back", "support"}
PHASES = {"stop", "cease", "halt", "suspend", "end", "quit", "resume", "finish"}  # "stopped financing the CSTO"
FIRST_PERSON = {"we", "i", "us", "me", "our", "my"}
SECOND_PERSON = {"you", "your"}
STATED = "stated"  # the "preposition" of a target found in a clause the predicate states
# "the refusal", "the veto", "the package": a definite act a reaction answers names the deed told just before;
# the noun's verb ("Sofia refused ... Lavrov called the refusal an act of spite"), or the noun itself.
DEEDS = {"refusal": "refuse", "veto": "veto", "decision": "decide", "release": "release", "releases": "release",
         "expulsion": "expel", "expulsions": "expel", "arrest": "arrest", "withdrawal": "withdraw", "ban": "ban",
         "package": "impose", "move": "move", "annexation": "annex", "invasion": "invade", "closure": "close"}
