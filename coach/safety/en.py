"""English crisis rules over normalised text (lower case, no accents, no apostrophes: "dont", "im").

Each rule names a general form — an intent before a way of dying, a wish not to wake up, being a
burden, a goodbye, a means (pills, a bridge, a train, a rope), self-harm and its relapse, harm to
someone else — and `unless` names the figures of speech around it that stay ordinary.
"""

from __future__ import annotations

from coach.safety.rule import TOPIC, rules

SELF = r"(?:my ?self|mys[ae]?lf|myslef|me ?self|my sel)"
PILLS = (
    r"(?:pills?|meds|medication|medications|medicine|tablets?|sleeping pills|painkillers|pain "
    r"killers|paracetamol|tylenol|acetaminophen|ibuprofen|aspirin|antidepressants|insulin|"
    r"opioids|oxys?|xanax|benzos|prescriptions?|capsules|sleeping tablets)"
)
PERSON = (
    r"(?:him|her|them|you|u|someone|somebody|anyone|people|every ?one|every ?body|"
    r"my (?:wife|husband|partner|boyfriend|girlfriend|bf|gf|ex|boss|manager|mom|mum|dad|"
    r"mother|father|step ?dad|step ?mom|brother|sister|son|daughter|kids?|children|baby|"
    r"neighbou?rs?|room ?mate|flat ?mate|co ?workers?|colleagues?|teachers?|classmates?|"
    r"landlord|family|parents)|(?:that|this|the) (?:guy|girl|man|woman|person|kid|dude|bitch|"
    r"bastard|asshole|prick|idiot))"
)
# Wanting, planning or being ready to — the front of most suicidal statements.
WANT = (
    r"(?:want|wanna|wana|wanted|wnt|wamt|wnat|wan|wna|need|ready|plan(?:ning)?|planned|intend|decided|deserve|"
    r"tempted|tryna|trying|tried|try|wish to|wish i could|hope to|hoping to|feel like|"
    r"thinking (?:about|of)|thought (?:about|of)|considering|urge to|urges to|would like to|"
    r"d like to)"
)
# ... and going to: "I'm gonna die" is mostly hyperbole, "I'm gonna end it" is not.
GOING = r"(?:going to|gonna|gna|gunna|about to|will|ll|shall|go(?:ing)? to)"
DIE = (
    r"(?:die|d1e|dye|be dead|not (?:be )?(?:alive|exist|here anymore|around anymore)|"
    r"stop (?:existing|living|breathing)|cease to exist|disappear(?: forever| for good| completely| and "
    r"never (?:come back|return|be found))?|leave this world|"
    r"vanish forever|(?:go to |fall )?(?:sleep|asleep) forever|never wake up|not wake up|"
    r"disappear (?:off|from) the face of the earth)"
)
END = (
    r"(?:end (?:it|it all|things|everything|my life|my own life|my existence|this life)|"
    r"take my (?:own )?life|kill ?my ?self|off my ?self|unalive my ?self|commit suicide|"
    r"end(?:ing)? it (?:all|tonight|today|now|soon)|ending (?:it|it all|things|everything|my life)|"
    r"taking my (?:own )?life|killing ?my ?self)"
)
BODY = (
    r"(?:legs?|arms?|body|muscles?|calves|quads|glutes|feet|lungs|abs|back|knees?|shoulders?|"
    r"thighs|hamstrings|phone|laptop|battery|car|plants?|brain cells|liver|stomach)"
)
FIGURE = (
    rf"{BODY} (?:\w+ ){{0,2}}(?:want|wanna|wants|ready|need|gonna|going|about|will)|"
    r"die (?:of|from|laughing) (?:laughter|laughing|embarrassment|boredom|cringe|cuteness|shame)|"
    r"die (?:on|for) (?:this|that) hill|die trying|would die for|dye (?:my|it|the|her)|"
    r"(?:end|ending) (?:it|things|everything) (?:with|on a|for (?:the|to)day|early)|"
    r"end my life (?:of|as a)|take my (?:own )?life (?:back|more|seriously|in|into|to|by the horns|"
    r"in hand|one day)|"
    r"(?:rather|sooner) die than|going to die (?:of|from|after|on|at|in)|gonna die (?:of|from|after|on|at|in)|"
    r"disappear (?!(?:off|from) the face)(?:for a|on|under|into|from|off|in the|to my|to the|with|"
    r"after|before|at)\b|"
    r"stop (?:living|existing) (?:like|on|in|off|with|as|for|from|paycheck|out)\b"
)
WAKE = r"wake up (?:late|early|so early|on time|in time|for|at|till|until|before|sore|with|hungover|\d)\b"
GOODBYE_NOT = (
    r"see (?:you|ya|u)|talk (?:soon|tomorrow|later)|tomorrow|next week|monday|later|tonight|"
    r"vacation|holiday|trip|travel|flight|weekend|back (?:on|in|soon)|have a (?:good|great|nice)"
)
DIET = (
    r"\b(?:bulk|calorie|cals|kcal|carbs|sugar|diet|weight|macros|deficit|fat|lean|season|phase|prep|"
    r"meat|bread|dairy|alcohol|caffeine|coffee|hair|grass|lawn|wood|onion|veg|coupon|paper|"
    r"class|corner|cost|spending|budget|kg|lbs|pounds|kilos|shred|summer|gains|protein|back on|"
    r"veggies|vegetables|junk|snacks)(?:s|es|ing|ed)?\b"
)

RULES = rules(
    "en",
    ("suicide", rf"\b(?:kill|kil|kll|murder|hang|shoot|drown|poison|strangle|suffocate|electrocute|"
                rf"unalive|off|end|delete|gas|overdose)(?:ing|in)? ?{SELF}\b",
     rf"shoot(?:ing)? {SELF} in the foot|drown(?:ing)? {SELF} in (?!(?:the|a) (?:river|lake|sea|"
     r"ocean|bath|tub|pool|water))|hang(?:ing)? (?:out|up)|show(?:ing)? off"),
    ("suicide", r"\bkms\b|\bkillmyself\b|\bunaliv(?:e|ing|ed)\b|\bsewer ?slide\b|"
                r"\bself ?delet(?:e|ing)\b|\bsuicid(?:e|al|ally|ality)\b|\bsu[iy]?[cs]+i?d(?:e|al)\b",
     r"suicides?(?: squad| sprints?| runs?| drills?| doors?| lines?| burpees?| shuttles?| sets?| "
     r"hills?| workout)|(?:did|doing|ran|run|running) suicides|suicidal (?:pace|hill|workout|set|"
     r"climb|schedule)|prevention (?:month|week|day|training|course|walk|charity)|" + TOPIC),
    ("suicide", r"\b(?:im|i am|i m|feel|feeling|felt|been|getting|got|get|was|so|still|really) "
                r"(?:\w+ )?suicidal\b|\bsuicidal (?:thoughts|urges|again|tonight|rn)\b",
     r"suicidal (?:pace|hill|workout|set|climb|schedule)"),
    ("suicide", rf"\b{WANT}(?: to| too| 2)?(?: just| really| fucking| literally| honestly| simply)? {DIE}\b",
     rf"{FIGURE}|{WAKE}"),
    ("suicide", rf"\b(?:{WANT}|{GOING})(?: to| too| 2)?(?: just| really| fucking| literally| honestly| "
                rf"simply)? {END}\b|\b{GOING} (?:die|kill ?my ?self) (?:tonight|today|soon|this "
                rf"(?:week|weekend))\b|\bfeel like dying\b", FIGURE),
    ("suicide", r"\b(?:end|ending|take|taking|took) my (?:own )?life\b|\bend(?:ing)? it all\b|"
                r"(?:^|\bim |\bi am |\bi m )ending it(?: (?:tonight|today|now|for good|soon|this "
                r"(?:week|weekend)))?$|\bending it (?:tonight|today|for good)\b|"
                r"\b(?:tried|attempted|try|trying|attempt) to (?:kill|off|unalive|hang|drown|"
                r"poison) ?my ?self\b|\b(?:kill|killing) ?my ?self\b", FIGURE),
    ("suicide", rf"\biwant(?:to)?die\b|\bwanttodie\b|\b(?:want|wanna|going|gonna|gna|ready|plan(?:ning)?|"
                rf"about|thinking about|thinking of|gunna) (?:to )?od\b|\b(?:gonna|going to|about to|ready "
                rf"to|want to|wanna) jump$|\b{PILLS} (?:saved|stashed|stockpiled|hoarded|collected|"
                rf"ready|lined up)\b",
     r"od on (?!(?:my|the|all|pills|meds|sleeping|tylenol|paracetamol))\w+"),
    ("suicide", r"\b(?:gun|rope|noose|pills|meds|knife|blade|razor|bridge|car)\b(?: \w+){0,3} to (?:end "
                r"it|end it all|end my life|kill ?my ?self|do it|die|end things)\b|\b(?:to|so i can|and) "
                r"(?:end it all|end my life|kill ?my ?self|take my (?:own )?life|end things for good)\b",
     FIGURE),
    ("suicide", r"\b(?:thinking|thought|think|dreaming|dream|fantasi[sz]ing|obsessing) (?:a lot |all the "
                r"time |constantly |every day )?(?:about|of) "
                r"(?:dying|death|ending (?:it|it all|things|everything|my life)|taking my (?:own )?"
                r"life|not waking up|not being (?:alive|here|around)|suicide|killing ?my ?self)\b"),
    ("suicide", r"\b(?:wish|hope|pray)(?:ing)? (?:that )?i (?:could|would|can)? ?(?:just )?(?:go to|fall) "
                r"(?:sleep|asleep) (?:forever|and never wake up|and not wake up)\b"),
    ("suicide", r"\b(?:wish|hope|pray)(?:ing)? (?:that )?i (?:was|were|(?:\w+ )?(?:be|been)) "
                r"(?:dead|gone forever|never born)\b|\b(?:wish|hope|pray)(?:ing)? (?:that )?i "
                r"(?:would|could|d|will|can|may|might)? ?(?:just )?(?:die|disappear|stop existing|"
                r"cease to exist|not exist|sleep forever|get hit by (?:a|the) (?:car|bus|truck|train))\b",
     FIGURE),
    ("suicide", r"\b(?:wish|hope|pray)(?:ing)? (?:that )?i (?:had never|hadnt|was never|were never) "
                r"(?:been )?born\b|\bwish i (?:didnt|did not|wouldnt) exist\b|\bwish i (?:wasnt|was "
                r"not|werent|were not) (?:alive|here|born|around)\b"),
    ("suicide", r"\b(?:hope|wish|pray)(?:ing)? (?:that )?i (?:never|dont|do not|wont|will not|would "
                r"not|wouldnt|didnt) wake up\b|\b(?:sleep|go to sleep|fall asleep) and (?:never|not) "
                r"wake up\b|\bnever wake up again\b", WAKE),
    ("suicide", r"\b(?:dont|do not|didnt|no longer|dont even|dont really|never|not) (?:want|wanna|"
                r"wana|wnat|wan|wish|feel like|care) (?:to |too )?(?:live|living|be alive|exist|existing|"
                r"wake up|be here (?:anymore|no more)|be around (?:anymore|no more)|go on|keep going|"
                r"keep living|continue living|carry on|"
                r"stay alive|see tomorrow|survive)\b",
     rf"{WAKE}|go on (?:a|the|holiday|vacation|with|about)\b|keep going (?:to|with|at|on)\b|"
     r"live (?:in|with|at|near|there|here|like|on|alone|together|abroad|far|off)\b"),
    ("suicide", r"\b(?:no|lost (?:the|my|all)|losing (?:the|my)) (?:will|desire|reason) to live\b|"
                r"\bno (?:reason|point|purpose) (?:to|in|for) (?:live|living|life|go on|going on|keep "
                r"going|carry on|stay|staying alive|being alive|exist|existing|be here|being here|"
                r"wake up|waking up)\b"),
    ("suicide", r"\b(?:cant|can not|cannot|can t) (?:go on|do this anymore|do this any more|keep "
                r"living|live like this|live anymore|take (?:it|this|life) (?:anymore|any more)|"
                r"handle (?:life|living) ?(?:anymore)?|carry on|stand being alive|bear (?:it|this|"
                r"living) anymore|cope anymore|be here anymore)\b",
     r"go on (?:a|the|holiday|vacation|with|about|like this with)\b|carry on (?:with|at)\b"),
    ("suicide", r"\bwhats the point (?:of|in) (?:living|life|going on|anything|it all|being alive|"
                r"existing|waking up|trying anymore)\b|\bwhats the point anymore\b|\bwhat is the "
                r"point (?:of|in) (?:living|life|going on|anything|it all|being alive)\b"),
    ("suicide", r"\b(?:not|isnt|no longer|never|aint) worth (?:living|being alive|staying alive)\b|"
                r"\blife (?:is|feels|seems|has become) (?:so |just |completely )?(?:pointless|"
                r"meaningless|hopeless|not worth it|worthless)\b|\bno(?:thing| one|body)? (?:left )?"
                r"to live for\b"),
    ("suicide", r"\b(?:done|finished|over) with (?:life|living|being alive|existing|it all|everything|"
                r"this life|this world)\b|\bdone living\b|\b(?:had|have|ive had) enough of (?:life|"
                r"living|this life|being alive|existing)\b|\blife (?:has|holds) no (?:meaning|point|"
                r"purpose|value)\b|\b(?:no|lost all|lost my) (?:meaning|purpose|reason) (?:in|to|for) "
                r"(?:my )?life\b",
     r"(?:list|to ?do|tasks|chores|homework|work|errands|shopping|cleaning|packing|laundry)"),
    ("suicide", r"\b(?:tired|sick|exhausted|weary) of (?:living|being alive|life|existing|being me|"
                r"waking up(?! (?:early|so early|at|before|to|with|for|in|sore|\d)))\b",
     r"of (?:living|life) (?:on|in|with|like|at|off|out|here|there|paycheck|without|as|from|alone)|"
     r"waking up (?:\w+ ){0,3}(?:early|at|before|\d|sore|tired|for|to (?:an|the|my) alarm)"),
    ("suicide", r"\b(?:picturing|imagining|planning|thinking about|dreaming about|dream of|picture) my "
                r"(?:own )?funeral\b|\b(?:dont think|not sure|doubt) (?:if )?(?:i ll|ill|i will|i can|i "
                r"could|i ?d) (?:make it|survive|last) (?:through|past|until|till) (?:tonight|the night|"
                r"this week|tomorrow)(?! (?:class|shift|meeting|workout|session|run))\b|\b(?:death|dying|"
                r"suicide|ending it)\b(?: \w+){0,4} (?:only|best|last) (?:way out|option|answer|solution|"
                r"escape)\b"),
    ("suicide", r"\b(?:give|giving|gave) up on (?:life|living|everything|it all|the world)\b",
     r"(?:wont|will not|never|not|dont|refuse to) give up"),
    ("suicide", r"\b(?:im|i am|i feel like|feel like|being|ive become|i have become|im just|i am just|"
                r"such|nothing but) (?:a |an |such a |just a |the )?(?:huge |big |massive |total |"
                r"constant |complete )?(?:burden|waste of (?:space|air|oxygen|life))\b|\bburden (?:to|"
                r"on|for) (?:everyone|everybody|my (?:family|friends|parents|kids|wife|husband|partner|"
                r"mum|mom)|them|you|people)\b",
     r"off my (?:shoulders|mind|chest)|lifted|relief"),
    ("suicide", r"\bbetter off (?:dead|without me|if i (?:\w+ ){0,2}(?:dead|gone|died|disappeared|"
                r"here|existed|born|around))\b|\bbetter (?:without me|if i (?:was|were) (?:dead|gone|"
                r"never born))\b"),
    ("suicide", r"\b(?:no ?one|nobody|noone|no body|not a single person|not anyone) (?:\w+ ){0,3}"
                r"(?:care|cares|notice|notices|miss|misses|mourn|cry|even know|remember) (?:\w+ ){0,3}"
                r"(?:if|when) i (?:\w+ ){0,2}(?:die|died|dead|gone|disappear|disappeared|vanished|killed|"
                r"wasnt|was not|werent|stopped existing|passed)\b|\b(?:no ?one|nobody|noone) (?:would|"
                r"will|is going to|gonna|d) (?:even )?(?:miss|mourn) me\b"),
    ("suicide", r"\bif i (?:died|die|was gone|were gone|disappeared|killed myself|wasnt here|werent "
                r"here|was dead|were dead|stopped existing) (?:\w+ ){0,5}(?:no ?one|nobody|noone|"
                r"anyone|anybody|would (?:anyone|anybody|people|they))\b|\bwouldnt (?:\w+ ){0,2}"
                r"matter if i (?:\w+ ){0,2}(?:died|was gone|were gone|disappeared|dead)\b"),
    ("suicide", r"\bi (?:should|shouldve|should have) (?:just )?(?:die|died|disappear|not (?:exist|be "
                r"(?:here|alive|born))|never (?:been|be) born|be dead|end it)\b", FIGURE),
    ("suicide", r"\b(?:this is|this will be|this s|here is|heres|its|it is) (?:my|a|the) (?:final|"
                r"last) (?:goodbye|message|text|post|words|note)\b|\b(?:goodbye|good bye|farewell) "
                r"(?:everyone|everybody|all|world|forever|for ever|for good|cruel world|to everyone|"
                r"to you all|to all of you|my friends)\b|\bsaying (?:my )?goodbyes\b|\bsaid my "
                r"goodbyes\b|\bsay goodbye (?:to everyone|to everybody|to the world|forever|for good)\b",
     GOODBYE_NOT),
    ("suicide", r"\b(?:wont|will not|not going to|not gonna|wont even) be (?:here|around|alive) "
                r"(?:much longer|for much longer|for long|anymore|any more|tomorrow|tonight|next week|"
                r"after tonight|by (?:tomorrow|morning|monday|next week))\b|\bthis is (?:my )?goodbye\b",
     r"office|gym|work|class|school|meeting|town|home|away|moving|visit|conference|business|trip|"
     r"travel|vacation|holiday|flight|appointment|busy|late|early|online|see (?:you|ya|u)|back "
     r"(?:on|in|soon)|talk (?:soon|later)|goodbye (?:to )?(?:sugar|junk|carbs|couch|my old)"),
    ("suicide", r"\bby the time (?:you|anyone|someone|u) (?:read|reads|see|sees|find|finds) this\b|"
                r"\b(?:wrote|written|writing|left|leaving|finished|write) (?:a |my |the )?(?:suicide|"
                r"goodbye|farewell) (?:note|letter|message)s?\b|\bsuicide note\b",
     rf"{GOODBYE_NOT}|office|gym|town|work|away|moving|visit|conference|business|asleep|done"),
    ("suicide", r"\b(?:giving|gave|give) away (?:all )?(?:my|of my) (?:stuff|things|belongings|"
                r"possessions|pets?|cats?|dogs?)\b|\b(?:tell|please tell) (?:my (?:family|mum|mom|"
                r"dad|kids|wife|husband|parents|friends)|everyone|them) (?:that )?i loved (?:them|you)\b|"
                r"\b(?:take care of|look after) my (?:cat|dog|kids|children|pets?) (?:for me )?when "
                r"i(?:m| am)? (?:gone|dead)\b",
     r"moving|move|declutter|sell|donat|charity|minimalis"),
    ("suicide", rf"\b(?:take|taking|took|swallow|swallowing|swallowed|down|downing|eat|eating|"
                rf"overdose on|od on|pop|popping|chug) (?:all|every (?:one|single one)|every single|"
                rf"every|a (?:bunch|"
                rf"handful|whole bottle|whole box|whole pack|lot)|the whole (?:bottle|box|pack|packet|"
                rf"strip|lot)|too many|loads|lots|handfuls|enough|the rest) (?:of )?(?:(?:my|the|"
                rf"these|those|her|his|mums|moms|dads) )?(?:\w+ )?{PILLS}\b|\benough (?:\w+ )?"
                rf"{PILLS} to\b|\b(?:stockpil|sav|hoard|collect)(?:e|ed|ing) (?:up )?(?:my |some )?"
                rf"{PILLS}\b",
     r"took all (?:my|the|of my) \w+ (?:today|this morning|on time|as prescribed|with|for)|"
     r"(?:remember|remembered|forgot|forget|reminder|remind me) to take|as prescribed|on time|"
     r"daily|every (?:day|morning|night)|trip|travel|vacation|holiday"),
    ("suicide", r"\b(?:overdose|overdosing|overdosed|oding)\b|\bod (?:on purpose|tonight|"
                r"intentionally)\b",
     r"(?:on|of) (?:caffeine|coffee|sugar|carbs|chocolate|pre ?workout|cardio|netflix|tv|candy|cake|"
     r"love|cuteness|vitamin|espresso|energy drinks?|memes|sunshine|protein|carb)"),
    ("suicide", r"\b(?:jump|jumping|jumped|leap|leaping|throw(?:ing)? (?:my ?self)|hurl(?:ing)? "
                r"(?:my ?self)|fling(?:ing)? (?:my ?self)|step(?:ping)?|walk(?:ing)?|fall(?:ing)?|"
                r"drive|driving) (?:off|from|of) (?:the top of )?(?:a|the|that|this|some|an|my|our)? ?"
                r"(?:\w+ )?(?:bridge|building|roof|rooftop|cliff|balcony|ledge|tower|skyscraper|"
                r"overpass|window|multi ?stor(?:e)?y|parking garage|car park|top floor|cliffs)\b",
     r"cliff ?(?:diving|jumping)|bungee|parachut|skydiv|into (?:the )?(?:water|sea|lake|pool)"),
    ("suicide", r"\b(?:jump|jumping|leap|throw(?:ing)? (?:my ?self)|step(?:ping)?|walk(?:ing)?|lie|"
                r"lying|lay|laying|run(?:ning)?|drive|driving|fall) (?:down )?(?:in front of|infront "
                r"of|under|beneath) (?:a|the|an|some|oncoming|moving|speeding)? ?(?:\w+ )?(?:train|"
                r"trains|subway|metro|tube|bus|truck|lorry|traffic|tram|car|cars)\b|\b(?:lie|lying|"
                r"lay|laying|walk|walking|jump|jumping) (?:down )?(?:on|onto) (?:the )?(?:train |"
                r"railway |railroad )?(?:tracks|rails|railway line)\b|\b(?:walk|walking|drive|"
                r"driving|swerve|swerving|steer|steering) (?:my car )?into (?:oncoming )?(?:traffic|"
                r"a wall|a tree|the river|the sea|the lake|a lorry|a truck)\b",
     r"(?:station|stop)\b"),
    ("suicide", r"\b(?:bought|buy|buying|got|get|getting|have|found|made|making|tie|tied|tying|ready|"
                r"prepared|hung|set up) (?:a |the |my |some )?(?:rope|noose)\b|\bnoose\b|\b(?:gun|"
                r"pistol|rifle|revolver|shotgun|barrel) (?:to|in|against) my (?:head|mouth|temple)\b|"
                r"\bblow my (?:brains|head) (?:out|off)\b|\bput a bullet in (?:my|me)\b|\bslit(?:ting)? "
                r"my (?:wrists?|throat)\b|\bcut(?:ting)? my (?:wrists?|throat)\b|\bbleed out\b|"
                r"\b(?:drink|drinking|drank) (?:some |a bottle of |the )?bleach\b",
     r"jump ?rope|skipping ?rope|climbing|battle ?rope|rope ?(?:climb|jump|skip)|tow rope"),
    ("suicide", r"\b(?:have|got|made|making|come up with|figured out|worked out|picked|chosen|set|"
                r"chose) (?:a|the|my) (?:plan|way|method|date|day|time|place)\b(?: \w+){0,4} (?:to|for) "
                r"(?:do it|end it|die|dying|go|kill ?my ?self|end my life|end things|suicide)\b"),
    ("suicide", r"\b(?:what if|maybe|should|if) i (?:just )?(?:ended|end|kill(?:ed)?|offed) (?:it|it all|"
                r"things|my ?self|my life)\b|\bwhat if i (?:just )?(?:stopped existing|didnt exist|"
                r"wasnt (?:here|alive|around)|died(?: tonight| today| in my sleep)?$|disappeared|"
                r"didnt wake up|never woke up)\b|\blife (?:isnt|is not|aint|not|is nt) worth (?:it|living)\b|"
                r"\b(?:dont|do not|cant|can not|cannot|no longer) see (?:the |any |a )?(?:point|reason|"
                r"purpose) (?:in|of|to|for) (?:living|life|going on|being alive|anything|existing|"
                r"carrying on|waking up)\b", FIGURE),
    ("suicide", r"\b(?:better|happier|easier|fine|better off|relieved|lighter) (?:off )?(?:without me|if "
                r"i (?:was|were|wasnt|werent|was not|were not|died|disappeared|didnt exist|was dead|"
                r"were dead|was gone|were gone|never existed|wasnt around|werent around))\b",
     r"for a (?:week|day|month|while|bit|few)|on (?:vacation|holiday|a trip)|(?:gone|around) "
     r"(?:for|this|next|tomorrow|today)"),
    ("suicide", r"\b(?:wrote|written|writing|left|leaving) (?:a |my )?(?:note|notes|letter|letters) "
                r"(?:for|to) (?:my (?:family|kids|children|parents)|everyone|everybody)\b|"
                r"\b(?:standing|sitting|stood|up|climbed) on (?:the|a|this|that) (?:edge|ledge|railing|"
                r"roof|rooftop)\b|\bon (?:the|a|this|that) bridge (?:right now|rn|now|tonight)\b"),
    ("suicide", rf"\b(?:have|got|holding|hold|counted|counting|lined up) (?:the|all (?:the|my|of my)|my|"
                rf"a bottle of|a handful of|enough) {PILLS} (?:in my hand|in front of me|ready|lined "
                rf"up|here|next to me|counted out)\b|\b(?:use|using|used|turn|turning|point|pointing) (?:it|them|that|this|the \w+) (?:on|at) my ?self\b|\b(?:knife|blade|"
                rf"razor|gun)\b(?: \w+){{0,6}} (?:on|against|to) my ?self\b"),
    ("suicide", r"\b(?:want|wanna|need|wish|hope|just want)(?: for)? (?:it|it all|everything|all of "
                r"(?:it|this)|this|the pain|my life|life) (?:all )?to (?:end|stop|be over)\b",
     r"(?:workout|class|session|meeting|run|race|shift|day|week|month|year|semester|call|song|rain|"
     r"soreness|heat|winter|diet|cut|bulk|season|game|lecture|exam)"),
    ("suicide", r"\b(?:whether|if) i live or die\b|\b(?:dont|do not|no longer|never) deserve to (?:live|"
                r"be alive|exist|be here)\b|\b(?:way out|option|answer|solution|escape)\b(?: \w+){0,3} "
                r"(?:ending it|end it|dying|death|suicide|killing my ?self)\b|\b(?:wrote|written|finished|"
                r"made) (?:my|a) (?:will|goodbye letter)\b(?: \w+){0,3} (?:goodbye|goodbyes)\b|\b(?:ways|"
                r"how) to (?:kill my ?self|die|end my life|commit suicide|overdose)\b|\bhow many "
                r"(?:\w+ ){0,2}(?:to die|to kill|to overdose|would kill me)\b|\bhow many (?:\w+ )?"
                rf"{PILLS} (?:it takes|it would take|would it take|does it take|would kill|it takes to)\b|"
                r"\b(?:planning|planned|plan|figured out|figuring out|worked out|working out) (?:how|"
                r"when|where) (?:to|ill|i will|im going to|im gonna) (?:do it|end it|die)$",
     FIGURE),
    ("suicide", rf"\b(?:bought|got|have|took|taking|holding|ordered) (?:\w+ ){{0,2}}(?:{PILLS}|rope|gun|"
                rf"razor|blades?)\b(?: \w+){{0,2}} (?:and )?(?:im|i am|i m) (?:done|finished|ready|out)$|"
                r"\b(?:ill|i will|i ll|im going to|im gonna) be dead (?:by|before) (?:tomorrow|tonight|"
                r"morning|the morning|monday|next week|the weekend)\b|\bbe (?:dead|gone) before (?:the )?"
                r"(?:morning|sunrise|dawn)\b|\b(?:rather|"
                r"sooner) (?:be dead|die|not (?:be )?(?:alive|exist|here|wake up))(?:$| than (?:keep|go on|"
                r"carry on|continue|live|living|feel|feeling|be|being|face|facing|wake|waking|another))\b",
     rf"{WAKE}|workout|gym|leg day|training|hiit|burpees?|squats?|run\b|class|sore|this (?:week|"
     r"diet|course)"),
    ("suicide", r"\b(?:goodbye|bye|farewell)\b(?: \w+){0,2} (?:i love (?:you|u) (?:all|guys|so much)|im "
                r"sorry|i am sorry|forgive me|sorry for everything)\b", GOODBYE_NOT),
    ("self_harm", rf"\b(?:harm|harming|harmed) ?{SELF}\b|\bself ?(?:harm|harming|injury|injure|"
                  rf"injuring|mutilat\w*)\b", TOPIC),
    ("self_harm", r"\bsh (?:urges?|relapse|again|thoughts)\b|\b(?:relapsed|relapse|urges?) (?:on |to "
                  r"|with )?sh\b|\b(?:i|want|wanna|need|urge|urges|going|gonna|tempted|thinking about|"
                  r"feel like|started|keep|been|still) (?:to )?self ?harm(?:ing|ed)?\b|\b(?:used to|"
                  r"stopped|quit) (?:cut|cutting|self harm\w*|sh|hurting my ?self)\b(?: \w+){0,8} "
                  r"(?:again|relapsed)\b|\b(?:scratch|scratching|scratched|carv\w+|cut|cutting|burn\w*|"
                  r"dig\w*|pick\w*) (?:at )?my (?:wrists?|arms?|thighs?|skin|legs?|stomach)\b(?: \w+)"
                  r"{0,3} (?:bleed|bled|bleeding|again|on purpose|raw)\b", DIET),
    ("self_harm", rf"\b(?:want|wanna|need|gonna|going|urge|urges|started|start|keep|kept|been|"
                  rf"thinking (?:about|of)|thought about|feel like|tempted|cant stop|couldnt stop|"
                  rf"resist|resisting|trying not|try not) (?:to )?(?:cut|cutting|burn|burning|hurt|"
                  rf"hurting|hit|hitting|punch|punching|scratch|scratching|starve|starving|carve|"
                  rf"carving|stab|stabbing|injure|injuring|punish|punishing|bruise|bruising) {SELF}\b",
     r"gym|workout|run|lifting|training|injur|knee|ankle|back|shoulder|squat|deadlift|cook|kitchen|"
     r"(?:not|dont|stop|never|no more|without) starv|starv\w* {SELF} of (?:sleep|sunlight|fun)"),
    ("self_harm", rf"\b(?:cut|cutting|burn|burning|burned|burnt|hurt|hurting|hit|hitting|scratch|"
                  rf"scratching|carve|carving|bit|bite|biting|punch|punching) {SELF} (?:again|on "
                  rf"purpose|deliberately|intentionally|to feel|until i|till i|so i)\b|\b(?:make|"
                  rf"making|made) {SELF} (?:bleed|throw up|vomit|puke|purge)\b|\bstarv(?:e|ing) {SELF}"
                  rf"\b|\bpurging again\b",
     r"cook|oven|stove|pan|iron|kitchen|shav|accident|clumsy|(?:not|dont|stop|never|no more|"
     r"without) starv|of (?:sleep|sunlight|fun)"),
    ("self_harm", rf"\b(?:i )?(?:cut|cutting|burn|burning|burnt|burned|scratching|carving) {SELF}\b",
     r"shav|cook|kitchen|chopp|slipp|accident|paper|glass|oven|stove|pan\b|iron|tea\b|coffee|sun|"
     r"gym|workout|\brun|lifting|injur|clumsy|ouch|out\b|off\b|(?:not|never|stop(?:ped)?|quit) "
     r"(?:cutting|burning)|shaving|knife slipped|bbq|grill|candle|hair"),
    ("self_harm", r"\b(?:relapsed|relapse)\b(?: \w+){0,3} (?:cut|cutting|self harm|harmed|burned|sh)\b|"
                  r"\bcut (?:last night|again|today|tonight|this morning|deeper)\b|"
                  r"\b(?:cutting|cut|self harming|harming|burning) again\b|\b(?:started|start|back "
                  r"to|been|went back to|relapsed (?:into|on|with)?|relapse (?:into|on|with)?|urges? "
                  r"to) (?:cutting|cut|self harm(?:ing)?|harming|burning my ?self|hurting my ?self)\b|"
                  r"\b(?:razor|razors|blade|blades)\b(?: \w+){0,5} (?:wrists?|arms|thighs|skin|"
                  r"my ?self)\b",
     DIET),
    ("harm_to_others", rf"(?:^|\b(?:im|i am|i m|i|ill|i will|id|i would|i could)\b )(?:really |just "
                       rf"|literally |honestly |seriously |so )?(?:going to|gonna|gna|about "
                       rf"to|want to|wanna|need to|ready to|plan(?:ning)? to|will|could|feel like|"
                       rf"thinking (?:about|of)|urge to) (?:go )?(?:just )?(?:kill|killing|hurt|"
                       rf"hurting|stab|stabbing|shoot|shooting|strangle|strangling|murder|murdering|"
                       rf"beat up|beating up|attack|attacking|choke|choking|poison|run over) {PERSON}\b",
     r"(?:hurt|shoot|stab|kill) (?:him|her|them|you|u) (?:a|an) (?:message|text|email|dm|line|note|"
     r"look|call|invite|smile)|(?:kill|murder|shoot) (?:\w+ ){0,2}(?:at|in) (?:chess|tennis|squash|"
     r"mario|fifa|cards|poker|the race|the game|games|basketball|ping|golf|a race|arm wrestling)"),
    ("harm_to_others", rf"\b(?:ill|i will|i ll|imma|ima|im gonna|im going to|i am going to|i m gonna) "
                       rf"(?:fucking |really |actually )?(?:kill|murder|stab|shoot|strangle|hurt|"
                       rf"choke|beat up) {PERSON}\b",
     r"(?:hurt|shoot|stab|kill) (?:him|her|them|you|u) (?:a|an) (?:message|text|email|dm|line|note|"
     r"look|call|invite|smile)|(?:kill|murder|shoot) (?:\w+ ){0,2}(?:at|in) (?:chess|tennis|squash|"
     r"mario|fifa|cards|poker|the race|the game|games|basketball|ping|golf|a race|arm wrestling)"),
    ("harm_to_others", r"\b(?:thoughts|urges?|fantasies) (?:of|about) (?:hurting|killing|harming|"
                       r"attacking|stabbing|shooting) (?:others|other people|people|someone|somebody|"
                       r"everyone|my \w+)\b"),
    ("harm_to_others", rf"\b(?:kill|murder|hurt|stab|shoot) {PERSON} (?:tonight|tomorrow|today|soon|"
                       rf"for real|right now|with a (?:knife|gun))\b|\bi want {PERSON} (?:dead|to die|"
                       rf"to suffer)\b|\bshoot up (?:the|my|a|this) (?:school|office|work|workplace|"
                       rf"church|mall|class|building)\b|\b(?:bring|take|bringing|taking) (?:a |my |"
                       rf"dads |my dads )?(?:gun|knife|rifle|weapon) to (?:school|work|class|the office)\b",
     r"(?:hurt|shoot) (?:him|her|them|you|u) (?:a|an) (?:message|text|email|dm|line|note)"),
)  # fmt: skip
