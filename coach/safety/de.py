"""German crisis rules over normalised text (ä -> a, ö -> o, ü -> u, ß -> ss: "mochte", "wurde").

The hyperbole stays ordinary: "ich bin todmüde", "ich sterbe vor Hunger", "das Training bringt
mich um" (the training is the subject), "ich kann nicht mehr" after a run.
"""

from __future__ import annotations

from coach.safety.rule import TOPIC, rules

WISH = (
    r"(?:will|mochte|mocht|moechte|mochte gern|wurde gern|wurde am liebsten|wunsche mir|wunschte|wunsch mir|"
    r"will einfach|will nur noch|mochte einfach|mochte nur noch|hab lust|habe lust|sehne mich "
    r"danach|denke (?:daran|dran|uber)|denk (?:daran|dran)|plane|werde|will endlich|mag)"
)
DEATH = (
    r"(?:sterben|tot sein|nicht mehr (?:leben|da sein|hier sein|existieren|aufwachen|sein)|nie "
    r"(?:mehr|wieder) aufwachen|einschlafen und nicht mehr aufwachen|mich umbringen|mich toten|mir "
    r"das leben nehmen|mein leben beenden|es beenden|alles beenden|verschwinden(?: fur immer)?|"
    r"mich umzubringen|mir das leben zu nehmen|mein leben zu beenden|nicht mehr weiterleben|"
    r"aufhoren zu (?:leben|existieren)|nich mehr (?:leben|lebn|da sein|aufwachen))"
)
CLOCK = r"\d|eins|zwei|drei|vier|funf|sechs|sieben|acht|neun|zehn|elf|zwolf|halb|viertel"
FIGURE = (
    r"sterben vor (?:lachen|hunger|langeweile|scham|muskelkater|hitze|kalte|durst|neugier)|"
    r"(?:beine|arme|korper|muskeln|waden|fusse) (?:\w+ ){0,2}(?:wollen|werden)|"
    r"(?:wird|wurde|werden|konnte|kann|konnen|bringt) mich (?:\w+ ){0,2}(?:umbringen|toten|um)\b|"
    r"(?:projekt|training|workout|meeting|serie|buch|studium|beziehung|diat|kurs|abo|vertrag|"
    r"spiel|lauf|tag|woche) (?:\w+ ){0,3}(?:beenden|es beenden)|beenden (?:bevor|was|fur|bis|und)|"
    r"werde (?:\w+ ){0,3}sterben(?: (?:vor|nach|bei|beim|wenn|falls)|$)|"
    rf"um (?:{CLOCK})|(?:zum|zur|nach) (?:bahnhof|arzt|schule|hause|flughafen|training)"
)
PILLS = r"(?:tabletten|pillen|medikamente|schlaftabletten|antidepressiva|schmerzmittel)"

RULES = rules(
    "de",
    ("suicide", rf"\b(?:ich )?{WISH} (?:\w+ ){{0,3}}{DEATH}\b", FIGURE),
    ("suicide", r"\bich will nicht mehr$|\bich kann und will nicht mehr\b|\b(?:will|mag|kann) (?:nicht|nich|net) "
                r"mehr (?:leben|lebn|weiterleben|existieren|aufwachen)\b|\bhalte (?:das|dieses) leben "
                r"nicht mehr aus\b|\bich will nicht mehr (?:leben|sein|da sein|hier sein)\b"),
    ("suicide", r"\b(?:bring|bringe) mich (?:\w+ ){0,3}um\b|\bmich (?:selbst )?(?:\w+ ){0,2}(?:umbringen|"
                r"umzubringen|umbringe|toten|zu toten|tote|erhangen|erhange|aufhangen|aufzuhangen|"
                r"vergiften|vergifte|erschiessen|erschiesse|ertranken|ertranke)\b", FIGURE),
    ("suicide", r"\b(?:wunschte|wunsche|wunsch) (?:mir )?(?:ich ware|ich war|ich sei|dass ich|ich "
                r"konnte) (?:\w+ ){0,2}(?:tot|nie geboren|nicht (?:mehr )?(?:da|hier)|weg|sterben)\b|"
                r"\b(?:ware|war) ich (?:doch |nur |bloss )?(?:tot|nie geboren)\b|\blieber tot\b",
     r"lieber tot als|tot (?:mude|schick)"),  # FIGURE: "bring mich um 8 zum Bahnhof" too
    ("suicide", r"\b(?:selbstmord\w*|suizid\w*|freitod|selbsttotung)\b|\bich bin (?:so |total |echt |"
                r"einfach )?lebensmude\b|\bfuhle mich (?:so )?lebensmude\b",
     rf"selbstmordkommando|{TOPIC}"),
    ("suicide", r"\bmir (?:\w+ ){0,3}(?:das|mein) leben (?:zu )?nehmen\b|\bmein leben (?:zu )?beenden\b|\b(?:dem|"
                r"meinem) leben ein ende (?:zu )?setzen\b|\balles (?:zu )?beenden\b|\bmit (?:dem leben|"
                r"allem) schluss (?:zu )?machen\b|\bnicht mehr (?:aufwachen|aufzuwachen)\b|"
                r"\beinschlafen und nie (?:mehr|wieder) aufwachen\b|\bnie (?:mehr|wieder) aufwachen\b",
     rf"{FIGURE}|(?:so )?(?:fruh|spat|um \d)"),
    ("suicide", r"\b(?:das )?leben (?:hat )?(?:keinen|kein) sinn(?: mehr)?\b|\bkeinen sinn (?:mehr )?"
                r"(?:im|in meinem|am) leben\b|\bsehe keinen sinn mehr\b|\bdiese welt (?:zu )?verlassen\b|\bhat (?:alles )?keinen "
                r"sinn mehr\b|\bkeinen grund (?:mehr )?(?:zu|zum) leben\b|\bnichts (?:mehr )?wofur (?:es "
                r"sich )?(?:zu )?leben\b|\bwofur (?:noch )?leben\b|\bnicht (?:mehr )?lebenswert\b|"
                r"\bwill nicht mehr weiter\b|\bkeine kraft mehr (?:zu leben|weiterzuleben|zum leben)\b|\bkeine lust mehr (?:zu|"
                r"auf) (?:leben|das leben)\b|\bbesser wenn ich (?:nicht mehr da|tot|weg) (?:ware|bin)\b",
     r"(?:training|diat|app|plan|joggen|laufen|workout|kurs|job|streak|abnehmen)"),
    ("suicide", r"\bich bin (?:\w+ ){0,3}(?:eine|ne) (?:last|"
                r"belastung|zumutung)\b|\b(?:allen|jedem|euch|meiner familie) (?:nur )?(?:eine )?"
                r"(?:last|zur last)\b|\bfalle (?:allen|jedem|euch|meiner familie) (?:nur )?zur last\b"),
    ("suicide", r"\bbesser (?:dran )?ohne mich\b|\bohne mich (?:\w+ ){0,3}besser\b|\bwenn ich (?:tot|"
                r"weg|nicht mehr da) (?:ware|bin)(?: \w+){0,3} besser\b|\b(?:niemand|keiner|keinen)\b"
                r"(?: \w+){0,6} (?:wenn|falls) ich (?:\w+ ){0,2}(?:tot|weg|sterbe|sturbe|verschwinde|"
                r"nicht mehr da|nicht mehr lebe|mich umbringe)\b|\b(?:niemand|keiner) wurde mich "
                r"vermissen\b|\bwurde (?:niemand|keiner|keinen) (?:\w+ ){0,3}(?:vermissen|auffallen)\b"),
    ("suicide", rf"\balle (?:meine |meiner |die )?{PILLS}\b(?: \w+){{0,3}} (?:nehmen|schlucken|"
                rf"einwerfen|nehme|schlucke)\b|\b{PILLS} (?:sammeln|horten|gesammelt|gehortet)\b|"
                rf"\b(?:nehme|schlucke|nehmen|schlucken|werfe) (?:\w+ ){{0,3}}alle (?:meine |die )?"
                rf"{PILLS}\b|\b(?:ganze|ganzen) (?:packung|schachtel|dose) {PILLS}\b|"
                rf"\buberdosis\b",
     r"(?:koffein|kaffee|zucker)|wie verschrieben|punktlich|jeden (?:tag|morgen|abend)"),
    ("suicide", r"\b(?:von|vom) (?:der|einer|dem|einem)? ?(?:\w+ )?(?:brucke|dach|hochhaus|balkon|"
                r"fenster|klippe|turm|gebaude|parkhaus)\b(?: \w+){0,3} (?:springen|springe|spring|"
                r"sturzen|sturze|werfen|werfe|werf|hupfen)\b|\b(?:springen|springe|spring|sturzen|sturze) (?:\w+ ){0,3}(?:von|vom) "
                r"(?:der|einer|dem|einem)? ?(?:\w+ )?(?:brucke|dach|hochhaus|balkon|fenster|klippe|"
                r"turm)\b|\bvor (?:den|einen|die|eine|das|ein) (?:\w+ )?(?:zug|ubahn|u bahn|bahn|bus|"
                r"auto|lkw|laster|strassenbahn|s bahn)\b(?: \w+){0,3} (?:springen|springe|spring|werfen|"
                r"werfe|werf|legen|lege|leg|laufen|stellen)\b|\b(?:werf|werfe|leg|lege|stell|stelle) mich "
                r"(?:\w+ )?vor (?:den|einen|die|eine|das|ein) (?:\w+ )?(?:zug|ubahn|u bahn|bahn|bus|auto|"
                r"lkw|laster|strassenbahn|s bahn)\b|\bauf die (?:gleise|schienen)\b(?: \w+){0,3} (?:legen|"
                r"lege|stellen|springen)\b",
     r"schwimm|see|pool|wasser|fallschirm|bungee"),
    ("suicide", r"\b(?:strick|schlinge)\b(?: \w+){0,4} (?:gekauft|besorgt|geknupft|kaufen|bereit|"
                r"hangen|aufhangen)\b|\b(?:habe|hab) einen plan\b(?: \w+){0,4} (?:sterben|umbringen|"
                r"beenden|umzubringen)\b|\bpistole an (?:meinen|den) kopf\b|\bpulsadern "
                r"(?:aufschneiden|aufzuschneiden)\b"),
    ("suicide", r"\bdas ist mein (?:abschied|letzter (?:brief|text|post|eintrag)|abschiedsbrief)\b|"
                r"\bdas ist meine letzte nachricht\b|\babschiedsbrief\b|\blebt (?:alle )?wohl\b|\bleb "
                r"wohl (?:welt|fur immer)\b|\bmacht es gut fur immer\b|\bwenn ihr das lest\b(?: \w+)"
                r"{0,5} (?:nicht mehr|tot|weg)\b|\bich werde nicht mehr (?:lange )?(?:da|hier) sein\b|"
                r"\bmeine letzte nachricht\b|\bverzeiht mir (?:alles|bitte)\b",
     r"bis (?:morgen|bald|dann|spater|nachste)|urlaub|reise|umzug|arbeit|job"),
    ("suicide", r"\b(?:will|mochte|wunsche mir|wunschte) (?:\w+ )?dass (?:alles|es|das leben|der "
                r"schmerz) (?:aufhort|endet|vorbei ist)\b|\bverdiene (?:es )?(?:nicht|nicht mehr) zu "
                r"leben\b|\bverdiene (?:es )?zu sterben\b|\b(?:bin es|bin) (?:so )?leid zu leben\b|"
                r"\bmude zu leben\b|\bwozu (?:noch )?(?:leben|weiterleben|weitermachen)\b|\bkann so "
                r"nicht (?:mehr )?weiterleben\b|\b(?:denke|denk) (?:\w+ ){0,2}(?:an den tod|ans "
                r"sterben|an selbstmord|an suizid)\b|\b(?:strick|seil) (?:\w+ )?(?:gekauft|besorgt)\b",
     r"springseil|klettern|springen|tod (?:meines|meiner|von)"),
    ("self_harm", r"\britz(?:e|en|t|te|ten)?\b|\bgeritzt\b|\bselbstverletz\w*\b|\bmich (?:selbst )?"
                  r"(?:verletzen|zu verletzen|schneiden|zu schneiden|verbrennen|schlagen)\b|"
                  r"\bverletze mich (?:selbst|wieder|absichtlich)\b|\bmir (?:selbst )?(?:weh ?tun|weh zu "
                  r"tun|schaden)\b|\btue mir (?:selbst )?(?:weh|etwas an|was an)\b|\bmich (?:\w+ )?wieder "
                  r"(?:geschnitten|geritzt)\b|\b(?:ich )?(?:schneide|ritze|"
                  r"verbrenne) mich\b|"
                  r"\brückfall\b(?: \w+){0,3} (?:ritzen|selbstverletzung)\b",
     r"nicht (?:\w+ )?(?:verletzen|schneiden|weh|schaden)|keinen|beim (?:training|laufen|sport|joggen|kochen|rasieren)|"
     r"angst (?:mich|davor)|aufpassen|vorsicht|knie|rucken|verletzung|papier|kochen|rasier|messer "
     r"abgerutscht|aus versehen|sonne|backofen|herd"),
    ("suicide", rf"\b{PILLS} (?:\w+ )?(?:gekauft|besorgt|gesammelt|gehortet)\b(?: \w+){{0,4}} "
                rf"(?:fertig|schluss|vorbei|das wars|tschuss|lebt wohl)\b|\bfertig mit (?:dem leben|allem|"
                r"der welt)\b|\b(?:mein|das) leben ist (?:\w+ )?(?:sinnlos|wertlos|nichts (?:mehr )?wert)\b|"
                r"\b(?:hab|habe) (?:einen|nen|n) plan wie ich(?:s| es) (?:mache|mach|tue|tun werde)$|"
                r"\b(?:mude|erschopft|satt) (?:vom|von dem) leben\b|\bdas leben satt\b|\bfur immer schluss "
                r"(?:zu )?machen\b|\bschluss machen fur immer\b|\b(?:morgen|bald|heute nacht) bin ich "
                r"nicht mehr (?:da|hier|am leben)\b|\b(?:leichter|besser|glucklicher|ruhiger|freier) "
                r"ohne mich\b|\bohne mich (?:\w+ ){0,3}(?:glucklicher|leichter|ruhiger|freier)\b|"
                r"\b(?:will|mochte) (?:einfach )?(?:nur )?weg(?: \w+){0,2} fur immer\b|\b(?:will|mochte) "
                r"(?:\w+ )?fur immer weg\b|"
                r"\b(?:dem ganzen|allem|meinem leben|dem leben) (?:\w+ ){0,2}ein ende (?:zu )?(?:setzen|"
                r"machen|mache|setze|bereiten)\b|\bmach(?:e)? (?:dem ganzen|allem|meinem leben) (?:\w+ )"
                r"{0,2}ein ende\b|\bnicht mehr weitermachen mit (?:dem|meinem) leben\b|\bkann so nicht "
                r"(?:mehr )?leben\b|\bheute nacht ist es so ?weit\b|\b(?:niemand|"
                r"keiner) braucht mich\b|\b(?:meine familie|die welt|meine freunde|ihr) (?:braucht|"
                r"brauchen|braucht) mich nicht(?: mehr)?$",
     r"fur heute|heute fertig|schlafen|feierabend|geschafft|erledigt|endlich|aufgabe|liste|arbeit|hausaufgaben|putzen|projekt|bis (?:morgen|bald)|"
     r"urlaub|reise|umzug|job|stadt|land|party|feier|konzert|flug|geburtstag|marathon|rennen|"
     r"wettkampf|hochzeit|auswander|umzieh|rauchen|zucker|mit (?:dem|der|den) "
     r"(?!leben)\w+"),
    ("self_harm", r"\bmich (?:\w+ )?(?:absichtlich|extra|mit absicht|bewusst) (?:verbrannt|geschnitten|"
                  r"verletzt|geschlagen|gekratzt|verbrennen|schneiden|verletzen)\b|\bmir (?:selbst )?"
                  r"(?:was|etwas) (?:antun|anzutun)\b|\bmich (?:\w+ ){0,2}(?:selbst|absichtlich|mit absicht) "
                  r"(?:verletzt|geschnitten|geritzt|verbrannt|geschlagen)\b|\b(?:die|meine) (?:arme|handgelenke|pulsadern|beine|"
                  r"oberschenkel) (?:\w+ )?(?:aufgeschnitten|aufschneiden|aufgeritzt|zerschnitten|"
                  r"geritzt|verbrannt)\b",
     r"kochen|rasier|aus versehen|sonne|herd|backofen|beim|training|sport|laufen|fussball|knie|"
     r"joggen"),
    ("harm_to_others", r"\b(?:will|werde|mochte) (?:ihm|ihr|jemandem|meinem \w+|meiner \w+|euch|dir) "
                       r"(?:(?:was|etwas) (?:antun|anzutun)|weh (?:tun|zu tun))\b"),
    ("harm_to_others", r"\b(?:ich )?(?:werde|will|mochte|bringe|bring|wurde am liebsten) (?:ihn|sie|"
                       r"jemanden|meinen \w+|meine \w+|meinem \w+|euch|dich|alle) (?:\w+ ){0,2}"
                       r"(?:umbringen|toten|erstechen|erschiessen|abstechen|um)\b",
     r"(?:ins|zum|nach|ums) (?:\w+ )?(?:bett|haus|auto)|(?:zum|zur) (?:arzt|schule|bahnhof)|"
     rf"bringe? (?:ihn|sie|dich|euch|alle) (?:\w+ ){{0,2}}(?:heim|nach hause|zum|zur|um (?:{CLOCK}))"),
)  # fmt: skip
