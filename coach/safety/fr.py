"""French crisis rules over normalised text (no accents, no apostrophes: "jai envie", "men finir").

The hyperbole stays ordinary: "je meurs de faim", "mort de fatigue", "ce cours va me tuer",
"cette séance m'a tuée", "je pourrais tuer pour une pizza".
"""

from __future__ import annotations

from coach.safety.rule import TOPIC, rules

WISH = (
    r"(?:veux|veu|veus|vx|voudrais|veut|aimerais|souhaite|prefererais|pense a|penser a|je pense|envie de|envie|jai "
    r"envie de|besoin de|jai besoin de|compte|projette de|reve de|vais|decide de|ai decide de|prevois de|planifie de|"
    r"prete? a|pret a|essaye de|essayer de|tente de)"
)
DEATH = (
    r"(?:mourr?ir|crever|me tuer|me suicider|en finir|d ?en finir|quitter ce monde|disparaitre(?: pour toujours)?|plus vivre|ne "
    r"plus vivre|ne plus exister|ne plus me reveiller|ne jamais me reveiller|mettre fin a (?:mes "
    r"jours|ma vie|tout|mon existence)|partir pour toujours|etre morte?|me foutre en lair|me "
    r"supprimer|dormir pour toujours|arreter de vivre|arreter dexister|cesser de vivre|m ?endormir "
    r"(?:pour toujours|a jamais|et ne (?:plus|jamais|pas) me reveiller))"
)
FIGURE = (
    r"(?:mourir|crever|meurs|meurt) de (?:rire|faim|chaud|froid|honte|envie|ennui|fatigue|sommeil|"
    r"soif)|(?:jambes|bras|corps|muscles|mollets|cuisses|pieds) (?:\w+ ){0,2}(?:veulent|vont)|"
    r"(?:va|vont|allait|pourrait|peut|vas|a failli) me tuer|en finir avec (?:ce|cette|ces|mon|ma|mes|"
    r"le|la|les|un|une) (?!vie)|vais mourir|disparaitre (?:quelques jours|du bureau|un moment|en "
    r"vacances|(?:\w+ ){0,3}(?:une semaine|un mois|quelques jours|un weekend|en vacances)|(?:des|du|de) (?:reseaux|insta|instagram|tiktok|facebook|internet|groupe)|(?:une|un|"
    r"quelques) (?:semaine|mois|jours|heures))"
)
PILLS = (
    r"(?:medicaments|medocs|cachets|comprimes|pilules|somniferes|antidepresseurs|anxiolytiques|"
    r"doliprane|paracetamol|xanax|lexomil)"
)

RULES = rules(
    "fr",
    ("suicide", rf"\b(?:je |j )?j?{WISH} (?:\w+ ){{0,2}}{DEATH}\b", FIGURE),  # "jveux", "jvais"
    ("suicide", r"\b(?:me suicider|suicidaire|suicidaires|(?:au|du|le|de|un|mon) suicide|"
                r"mettre fin a mes jours|me "
                r"foutre en lair)\b|\bje vais me tuer\b|\ben finir avec (?:la vie|tout|ma vie|"
                r"lexistence)\b",
     rf"{FIGURE}|suicide squad|{TOPIC}"),
    ("suicide", r"\bje (?:ne )?veux (?:plus|pas) (?:vivre|exister|me reveiller|etre la|etre ici|etre en vie|"
                r"continuer(?: a vivre)?)\b|\b(?:plus|pas|aucune) envie de (?:vivre|exister|me "
                r"reveiller|continuer|rien)\b|\bje (?:ne )?(?:peux|supporte|tiens) plus (?:vivre|la "
                r"vie|de vivre|ma vie|cette vie|dexister)\b|\b(?:j ?en|je n ?en|jnen) peux plus de (?:vivre|la vie|cette vie|ma vie|"
                r"exister)\b|\bmarre de "
                r"(?:vivre|la vie|exister)\b|\b(?:fatiguee?|lasse?|epuisee?) de (?:vivre|la vie|exister)\b|"
                r"\bmieux si je (?:netais (?:pas|plus) la|mourais|disparaissais|nexistais pas)\b",
     r"demain (?:a|matin)|avant|tot|\d+ ?h"),
    ("suicide", r"\b(?:aucune|plus de|pas de|sans) (?:raison|but|sens) (?:de|a) (?:vivre|continuer|"
                r"exister|la vie)\b|\b(?:la|ma) vie (?:na|n a|a)? ?(?:plus )?(?:aucun|pas de|de) sens\b|"
                r"\bla vie ne vaut (?:pas|plus) (?:la peine|le coup)\b|\bne vaut (?:plus )?pas la "
                r"peine de vivre\b|\brien ne vaut la peine\b|\bplus rien na de sens\b"),
    ("suicide", r"\bje suis (?:un|une) (?:fardeau|poids|boulet|charge)\b|\b(?:fardeau|poids|charge) "
                r"pour (?:tout le monde|ma famille|les autres|mes proches|vous|eux)\b|\b(?:seraient|"
                r"serait|serais|serez|sera|seront) mieux sans moi\b|\bpersonne ne (?:\w+ ){0,2}"
                r"(?:regretterait|pleurerait|soucierait)\b|\bpersonne ne (?:\w+ ){0,2}(?:remarquerait|"
                r"verrait|rendrait compte)\b(?: \w+){0,3} si je (?:mourais|disparaissais|netais plus|"
                r"partais|me tuais)\b|\bje ne manquerais a personne\b|\bje manquerais a personne\b|"
                r"\bsi je (?:mourais|disparaissais|meurs|disparais) (?:\w+ ){0,3}personne\b",
     r"poids (?:plume|leger|ideal|de forme)"),
    ("suicide", rf"\b(?:prendre|avaler|je vais prendre|jai pris|pris|gober|jai avale) (?:tous|toutes|"
                rf"toute la boite de|une boite de|un tas de|plein de|la boite de|le tube de|la "
                rf"plaquette de) (?:mes |les |ces )?{PILLS}\b|\boverdose\b|\b(?:stocke|je stocke|"
                rf"garde|je garde|jaccumule) (?:tous |toutes )?(?:mes )?{PILLS}\b",
     r"ce matin|aujourdhui|a lheure|comme prevu|tous les jours|de cafe|de sucre|de series|voyage"),
    ("suicide", r"\b(?:sauter|me jeter|je saute|je vais sauter|me lancer|me balancer) (?:du|dun|d un|"
                r"de la|depuis|par|de|du haut du|du haut dun|du haut de) (?:la |l )?(?:\w+ )?(?:pont|"
                r"immeuble|toit|balcon|fenetre|falaise|tour|viaduc)\b|\b(?:me jeter|me mettre|sauter|"
                r"me coucher|je me jette|me lancer|me balancer) (?:sous|devant|sur) (?:un|le|la|les|"
                r"une) (?:train|metro|rails|voie|voies|voiture|camion|bus|tram|rer)\b",
     r"parachute|saut a lelastique|piscine|plongeoir|dans leau"),
    ("suicide", r"\bme pendre\b|\b(?:acheter|achete|jai achete|jai) une corde (?:pour|afin)\b|\bmon "
                r"plan pour (?:mourir|en finir|me tuer)\b|\bjai un plan\b(?: \w+){0,4} (?:en finir|"
                r"mourir|me tuer|me suicider)\b|\bme tirer une balle\b|\bme taillader les veines\b|"
                r"\bme (?:couper|ouvrir) les veines\b",
     r"corde (?:a sauter|pour (?:la tente|le camping|sauter|grimper|lescalade|le linge|le bateau|"
     r"ma guitare|la guitare))"),
    ("suicide", r"\badieu (?:a tous|a toutes|tout le monde|pour toujours|le monde|monde cruel)\b|"
                r"\bcest mon dernier (?:message|mot|adieu)\b|\bcest ma derniere lettre\b|\bmon dernier message\b|\blettre dadieu\b|"
                r"\bquand vous lirez ce message\b|\bje ne serai plus (?:la|ici) (?:demain|bientot|pour "
                r"longtemps)\b|\bje vous dis adieu\b|\bdire adieu a tout le monde\b|\bpardonnez moi "
                r"pour tout\b",
     r"vacances|voyage|demenag|boulot|travail|a demain|a bientot|a lundi"),
    ("suicide", r"\b(?:veux|voudrais|aimerais)(?: juste| seulement)? que (?:tout|ca|la douleur|ma vie) (?:s ?arrete|se termine|"
                r"finisse|cesse)\b|\b(?:ne )?merite (?:pas|plus) de vivre\b|\bmerite de mourir\b|"
                r"\b(?:pense|pensant|penser) (?:\w+ ){0,3}a la mort\b|\b(?:achete|acheter|trouve) une "
                r"corde\b|\bjai (?:une|la) corde\b|\ba quoi bon (?:vivre|exister|continuer a vivre)\b|\b(?:peux|peut|arrive) plus "
                r"(?:a )?continuer a vivre\b",
     r"mort de|a sauter|pour sauter|descalade|escalade|guitare|violon|linge|camping|bateau|tente"),
    ("suicide", rf"\b(?:jai achete|jai|jai pris|jai garde|jai trouve) (?:\w+ ){{0,2}}(?:{PILLS}|une corde|"
                rf"une arme|un flingue)\b(?: \w+){{0,4}} (?:cest fini|cest la fin|adieu|cest termine)\b|"
                r"\badieu\b(?: \w+){0,3} (?:je vous aime|je taime|pardon|pardonnez moi)\b|\b(?:jaimerais|"
                r"je voudrais|jespere|pourvu que je) ne (?:pas|plus|jamais) me reveiller\b|\b(?:jaurais "
                r"aime|jaurais voulu|jaimerais|je voudrais|si seulement je) (?:navoir |ne )?(?:jamais|pas) "
                r"(?:etre|avoir ete|ete) nee?\b|\bjai un plan pour le faire$|\b(?:demain|bientot|ce soir) "
                r"je (?:ne )?serai plus (?:la|ici)\b|\b(?:serait|seraient|serais|vivrait|vivraient) "
                r"(?:plus )?(?:heureu\w+|tranquilles?|en paix) sans moi\b|\b(?:plus|pas) la force de "
                r"(?:vivre|continuer a vivre)\b|\bjen finis(?: ce soir| aujourdhui| maintenant| cette "
                r"nuit)?$|\b(?:ce soir|cette nuit|aujourdhui|demain) jen finis\b|\bje (?:ne )?vois (?:plus|"
                r"pas) (?:l ?interet|le sens|le but) (?:de|a) (?:rien|vivre|la vie|continuer a vivre)\b|"
                r"\bca (?:ne )?sert (?:plus )?a rien de (?:vivre|continuer a vivre|exister)\b|\b(?:veux|"
                r"voudrais|aimerais) (?:ne )?(?:plus|jamais) (?:jamais )?me (?:lever|reveiller)\b(?: \w+)"
                r"{0,3} (?:jamais|plus jamais)\b|\bplus jamais me (?:lever|reveiller)\b",
     rf"{FIGURE}|en finis avec (?:ce|cette|ces|mon|ma|mes|le|la|les|un|une) (?!vie)|\d|tot|a lheure|pour (?:le|la|mon|ma) (?!faire)|vacances|voyage|boulot|travail|"
     r"sauter|escalade"),
    ("suicide", r"\b(?:je suis|je me sens) de trop (?:dans ce monde|ici bas|sur terre|partout|dans cette "
                r"vie|dans ma famille)\b|\b(?:la mort|mourir|en finir|le suicide|me tuer)\b(?: \w+){0,3} "
                r"(?:seule|unique|derniere|meilleure) (?:solution|issue|option|sortie)\b"),
    ("self_harm", r"\bje me suis fait du mal\b|\bje me (?:coupe|brule|scarifie|griffe|frappe) (?:quand|des "
                  r"que|chaque fois|pour|souvent|tous les)\b",
     r"cuisin|rasant|couteau|legumes|accident|sans faire expres|genou|sport|ongles|cheveux|frange|"
     r"barbe"),
    ("self_harm", r"\bje me suis (?:brulee?|coupee?|blessee?|griffee?|frappee?|mutilee?) (?:expres|"
                  r"volontairement)\b|\bme (?:suis )?(?:ouvert|ouvre|ouvrir|taillade|tailladee?|"
                  r"entaille|entaillee?) les (?:bras|poignets|veines|cuisses)\b"),
    ("self_harm", r"\bme (?:fais|suis fait) des (?:coupures|entailles|brulures)\b|\bme (?:blesse|"
                  r"coupe|brule) (?:expres|volontairement|exprès)\b|\b(?:recommence|recommencer) a me "
                  r"(?:scarifier|couper|faire du mal|bruler)\b|"
                  r"\bme (?:scarifier|scarifie|mutiler|mutile)\b|\bscarification\w*\b|"
                  r"\bautomutilation\b|\bme faire du mal\b|\bme fais du mal\b|\bme (?:couper|coupe|"
                  r"bruler|brule|blesser) (?:encore|a nouveau|de nouveau|expres|volontairement|les "
                  r"(?:bras|poignets|cuisses))\b|\bje me suis (?:encore|a nouveau|de nouveau) "
                  r"(?:coupee?|scarifiee?|fait du mal)\b|\bje me suis recoupee?\b|\b(?:envie|besoin) de "
                  r"me (?:couper|bruler|blesser|scarifier|faire du mal|taillader)\b|\brechute\b"
                  r"(?: \w+){0,3} (?:scarification|automutilation|me couper)\b",
     r"(?:pas|jamais) (?:\w+ )?me faire du mal|a la salle|au sport|en courant|genou|dos|cheville"),
    ("harm_to_others", r"\b(?:je vais|je veux|jai envie de|envie de|je pourrais|je voudrais) (?:le|la|"
                       r"les|te|vous) (?:tuer|buter|poignarder|frapper|descendre|massacrer|etrangler)\b|"
                       r"\b(?:je vais|je veux|jai envie de|envie de|je voudrais) (?:tuer|buter|"
                       r"poignarder|frapper|descendre|massacrer) (?:quelquun|mon \w+|ma \w+|mes \w+|"
                       r"tout le monde|ce type|cette fille|ce mec)\b|\b(?:je vais|je veux|jai envie "
                       r"de|envie de) faire du mal a (?:mon \w+|ma \w+|mes \w+|quelquun|lui|elle|eux|"
                       r"tout le monde)\b",
     r"tuer le temps|frapper (?:le|la|les) (?:sac|balle|ballon)"),
)  # fmt: skip
