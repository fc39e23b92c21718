"""Patterns that qualify a clause of a check-in: a future or an intent, a habitual "every",
long ago, meant to, a state, liking, an idiom that uses an activity's word, part done, not yet,
a hedge, a correction, another person doing it. Used by `checkins`; words only, no logic.
"""

from __future__ import annotations

import re

FUTURE = re.compile(
    r"\b(?:i'll|ill do|^ill(?= [a-z])|i will|will|gonna|gunna|going to|goin to|gotta|later|tomorrow|tmrw|tmr|"
    r"tomoz|need to|needa|have to|planning to|plan to|want to|wanna|should|hope to|about to|"
    r"tonight|this evening|voy a|vamos a|(?<!esta )(?<!de la )manana|luego|mas tarde|"
    r"tengo que|quiero|pienso|necesito|esta noche|werde|werd|(?<!heute )(?<!gestern )morgen|"
    r"spater|muss|mochte|gleich|heute abend|nachher|if|si|wenn|falls|"
    r"vais|vas|allons|vont|demain|plus tard|ce soir|dois|doit|faut|devrais|besoin de|veux|"
    r"voudrais|aimerais|espere|compte|hate de|envie de|\w{2,}rai|vou|vamos|amanha|mais tarde|"
    r"preciso|tenho que|tenho de|quero|pretendo|devo|deveria|hoje a noite|indo|\w{3,}rei)\b"
)
LATE_TODAY = re.compile(r"\b(?:tonight|this evening|later|esta noche|heute abend|ce soir|"
                         r"hoje a noite)\b")  # fmt: skip
HABITUAL = re.compile(
    r"\b(?:every|each|usually|always|normally|weekly|daily|per week|a week|x a|x/w|todos los|"
    r"cada|siempre|jeden|jede|immer|taglich|pro woche|tous les|toutes les|chaque|toujours|"
    r"tjrs|habitude|habituellement|par semaine|todo dia|todos os|todas as|sempre|geralmente|"
    r"normalmente|por semana)\b|\b(?:mon|tues|wednes|thurs|fri|satur|"
    r"sun)days\b"
)
LONG_AGO = re.compile(
    r"\b(?:in|for) (?:ages|a while|weeks|months|years|forever)\b|\blately\b|"
    r"\bhace (?:mucho|siglos)\b|\bseit (?:ewigkeiten|wochen|langem)\b|\blange nicht\b|"
    r"\b(?:depuis|ca fait|cela fait|faz|ha) (?:des |uns |umas |muito )?(?:semaines|mois|ans|"
    r"longtemps|semanas|meses|anos|tempo|seculos)\b"
)
MEANT = re.compile(
    r"\b(?:meant to|was (?:gonna|going to)|wanted to|supposed to|tried to|i wish|wish i|"
    r"(?:almost|nearly) (?!\d)(?!all\b)(?!every)|"
    r"queria|iba a|wollte|sollte|voulais|devais|allais|ia|era para|tentei)\b"
)
STATE = re.compile(r"\b(?:is|are|isn't|aren't|es|ist|sind|est|sont)\b")
LIKING = re.compile(
    r"\b(?:i|really|so|me|ich)\s+(?:really\s+)?(?:like|love|hate|enjoy|miss|encanta|"
    r"gusta|liebe|mag|hasse)\b|\b(?:adore|aime|deteste|kiffe|adoro|amo|gosto|odeio|curto)\b"
)
# phrasal verbs and idioms that use an activity's word for something else
PHRASAL = re.compile(
    r"\b(?:ran|run|running|runs) (?:out|late|behind|into|errands|a fever|a temperature|the numbers|"
    r"a business|things|over|around|after|to catch|for the (?:bus|train))\b|\brunning on\b|\bin the long run\b|\b(?:walked|walk|walking) "
    r"(?:into|in on|out|away|all over)\b|\bwalk in the park\b|\bcall(?:ed|ing)? (?:in sick|it a "
    r"day|off|out)\b|\bso.called\b|\bread (?:the room|my mind|your mind|between the lines)\b|"
    r"\bplay(?:ed|ing)? (?:it safe|along|dumb|(?:video |some )?games)\b|"
    r"\b(?:les|des|mes|aux|faire) courses\b|\b(?:au )?cours de\b|\bsalle (?:de bain|a manger)\b|"
    r"\bca (?:ne )?marche\b|\b(?:au|du) marche\b|\bil fait\b|\b(?:me|te|nous|lui) (?:fait|faz)\b|"
    r"\b(?:ran|run|couru|courir|cours|corri|correr) (?:after|apres|derriere|atras) (?:the |a |le |"
    r"la |un |une |de |do |da |um |uma )?(?:bus|train|tram|metro|onibus|trem)\b|"
    r"\b(?:le|en|du|un|au|on the|in the|the) (?:train|tren|trem)\b"
)
# "never ran so fast", "jamais couru aussi vite": a record, not a miss (asked about)
NEVER_SO = re.compile(r"\b(?:never|jamais|nunca|nie)\b.{0,20}\b(?:so|aussi|autant|si|tao|"
                       r"tanto|tan)\b")  # fmt: skip
# ... and short of a figure: "ran almost 5k" is not 5 km ("casi", "presque", "quase")
PART_DONE = re.compile(r"\b(?:only|half|not all|not (?:the )?(?:full|whole|entire)|barely|solo|nur|halb|seulement|moitie|apenas|"
                        r"metade)\b|\b(?:almost|nearly|not quite|just under|casi|presque|quase) (?=\d)")  # fmt: skip
PARTLY = re.compile(r"\b(?:enough|all of|the whole|fully|suficiente|genug|assez)\b")
NOT_YET = re.compile(r"\b(?:yet|todavia|aun no|noch nicht|still (?:have|need|got) to|encore|"
                      r"toujours pas|ainda)\b")  # fmt: skip
LOGGING = re.compile(r"\b(?:forgot|forget|olvide|vergessen|oublie|esqueci)\b.{0,12}\b(?:to )?"
                      r"(?:log|track|record|check ?in|registrar|apuntar|eintragen|loggen|noter|"
                      r"cocher|anotar|marcar)")  # fmt: skip

# the member is not sure it happened: asked about, never recorded ("maybe I ran", "ran i think");
# removed from the text before it is read, so "not sure if I walked" is no negation
HEDGE = re.compile(
    r"\b(?:maybe|mayb|perhaps|possibly|probably|prob|prolly|i think|i thought|think i|i guess|"
    r"guess i|i believe|i suppose|i reckon|reckon i|pretty sure|not (?:100 ?% |totally |entirely |really )?sure"
    r"(?: if| whether| i| that)?|unsure(?: if| whether)?|(?:can'?t|cannot|don'?t|do not) "
    r"(?:remember|recall)(?: if| whether)?|if i remember(?: right| correctly)?|"
    r"(?:might|may|could|must) (?:have|'ve)|might've|may've|could've|must've|kinda|kind of|"
    r"sorta|sort of|idk|i dunno|dunno|not sure|tal vez|quizas?|a lo mejor|creo que|vielleicht|"
    r"glaube ich|ich glaube|ich glaub|peut-etre|je crois|je pense|il me semble|talvez|acho que|"
    r"eu acho|sei la)\b"
)
# "i don't think i ran": a hedged miss; read as "didn't" before the hedge words are removed
DOUBT_NOT = re.compile(
    r"\b(?:i )?(?:don'?t|do not|dont) (?:think|believe|reckon) (?:that )?(?:i )?"
)
# a later part of the message takes back or changes what came before
CORRECTION = re.compile(
    r"\b(?:scratch that|nvm|nevermind|never mind|wait,? no|no wait|actually(?:,)? no|i mean|"
    r"i meant|correction|ignore (?:that|this|the last|my last)|my bad|jk|just kidding|"
    r"sorry(?:,)? (?:i mean|i meant|no|wrong)|^sorry$)\b"
)
# "too sore to run", "too lazy to read": a miss, as "too tired to" is
TOO_TO = re.compile(r"\btoo (?:\w+ ){1,2}to\b")
# someone else did it: "my wife ran 10k", "the kids played guitar", "he went to the gym"
_PERSON = (
    r"wife|husband|partner|gf|bf|girlfriend|boyfriend|fiance|fiancee|son|daughter|kid|kids|"
    r"child|children|baby|brother|bro|sister|sis|mom|mum|mam|dad|mother|father|parents|friend|"
    r"friends|buddy|bestie|mate|roommate|flatmate|housemate|coworker|coworkers|colleague|"
    r"colleagues|boss|team|family|grandma|grandpa|granny|neighbor|neighbour|cousin|aunt|uncle"
)
OTHER_SUBJECT = re.compile(
    rf"^(?:(?:so|and|lol|omg|ok)\s+)*(?:(?:my|our|his|her|their|the) (?:\w+ )?(?:{_PERSON})|he|she|they)"
    r"(?:'s| and (?:his|her|their) \w+)?\b"
)
# company, not a habit: "ran with my mum", "mum and i walked" (for "Call mum"); rewritten away
COMPANY = re.compile(
    rf"\b(?:with|w/?) (?:my |our |the |his |her )?(?:{_PERSON})\b|"
    rf"\b(?:my |our )?(?:{_PERSON}) (?=(?:and|&|n) i\b)"
)
WITH_ME = re.compile(r"\b(?:with me|me too|so did i|i did too|i also|as did i|together|we)\b")
# "i didn't", "not me": after someone else's check-in, the member's own
MEMBER_NOT = re.compile(r"^(?:but |and )?(?:i (?:didn'?t|did not|did'nt|dint|couldn'?t)|not me)\b")
MEMBER_TOO = re.compile(r"^(?:and |so )?(?:i did too|me too|so did i|i did as well|me as well)\b")
# "ordered takeout instead of cooking": the habit named after it was not done
INSTEAD_OF = re.compile(r"\b(?:instead of|rather than|in place of)\s+(?:\w+ ){0,2}?$")
