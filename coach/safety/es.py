"""Spanish crisis rules over normalised text (no accents: "quitarme la vida", "ojala", "dano").

The hyperbole Spanish is full of stays ordinary: "me muero de hambre", "muerto de cansancio",
"este entreno me está matando", "mataría por una pizza".
"""

from __future__ import annotations

from coach.safety.rule import TOPIC, rules

WISH = (
    r"(?:quiero|quisiera|qiero|kiero|deseo|necesito|me gustaria|tengo ganas de|ganas de|pienso en|"
    r"pensando en|he pensado en|estoy pensando en|planeo|voy a|ire a|intente|intento|trate de|"
    r"estoy por|prefiero|solo quiero|ya quiero|me dan ganas de)"
)
DEATH = (
    r"(?:morir(?:me)?|matarme|suicidarme|quitarme la vida|desaparecer(?: para siempre)?|dejar de "
    r"(?:vivir|existir)|no (?:despertar(?:me)?|existir|vivir)|acabar con (?:mi vida|todo(?: esto)?)|"
    r"terminar con (?:mi vida|todo(?: esto)?)|estar muert[oa]|irme para siempre|dormir para siempre)"
)
FIGURE = (
    r"morir(?:me)? de (?:la )?(?:risa|hambre|sueno|calor|frio|verguenza|ganas|amor|aburrimiento|"
    r"envidia|cansancio|pena)|(?:piernas|brazos|cuerpo|musculos|gemelos|pies) (?:\w+ ){0,2}"
    r"(?:quieren|van)|(?:va|van|iba|podria|puede|vas) a matarme|me (?:va|van) a matar|"
    r"mat(?:ar|o)(?:me)? (?:en el|en la|\w+ando|\w+iendo|de risa|a (?:entrenar|estudiar))|"
    r"voy a morir|"
    r"acabar con todo (?:el|la|lo|los|las|mi (?:trabajo|tarea|lista))|terminar con todo (?:el|la|"
    r"lo|los|las)|desaparecer (?:un rato|unos dias|del trabajo|de aqui|de la oficina|(?:de|del) (?:las |la |el "
    r")?(?:redes|instagram|tiktok|facebook|internet|whatsapp|grupo|chat|mapa)|(?:por )?(?:un|una|"
    r"unos|unas) (?:mes|semana|dias|horas|tiempo)|el (?:finde|fin de semana))"
)
PILLS = (
    r"(?:pastillas|pildoras|medicinas|medicamentos|pastis|antidepresivos|somniferos|calmantes|"
    r"analgesicos|paracetamol|ibuprofeno|tabletas|clonazepam|rivotril)"
)

RULES = rules(
    "es",
    ("suicide", rf"\b{WISH} (?:\w+ ){{0,2}}{DEATH}\b", FIGURE),
    ("suicide", r"\bme (?:quiero|qiero|kiero|quisiera|voy a|gustaria|dan ganas de|dieron ganas de) "
                r"(?:morir|matar|suicidar|quitar la vida|desaparecer)\b", FIGURE),
    ("suicide", r"\bsuicid(?:io|arme|arse|arte|a|as|ar|ado|ada|ios)\b|\bmatarme\b|\bquitarme la "
                r"vida\b|\bme suicido\b|\bme mato (?:hoy|esta noche|ya|manana)\b",
     rf"{FIGURE}|escuadron suicida|{TOPIC}"),
    ("suicide", r"\b(?:quitar|acabar con|terminar con|poner fin a) (?:a )?mi (?:propia )?vida\b",
     r"mi vida (?:sedentaria|social|de (?:sofa|procrastinacion|vago|fiesta))"),
    ("suicide", r"\bno (?:quiero|kiero|qiero|deseo|tengo ganas de|puedo) (?:seguir )?(?:vivir|viviendo|existir|"
                r"estar vivo|estar viva|estar aqui|seguir aqui|despertar(?:me)?|volver a "
                r"despertar(?:me)?|seguir adelante|seguir asi|levantarme nunca mas)\b|\bya no (?:quiero|kiero|qiero) "
                r"(?:vivir|estar aqui|seguir|existir|nada)\b",
     r"temprano|a las|para (?:ir|el|la)|en (?:la|el) (?:oficina|trabajo|gym|clase|fiesta)|"
     r"seguir (?:con|la|el|esta|este|haciendo|comiendo|corriendo|pagando|yendo)"),
    ("suicide", r"\b(?:ojala|espero|quisiera) no (?:despertar(?:me)?|amanecer|volver a despertar(?:me)?|"
                r"existir|haber nacido)\b|\bdormir(?:me)? y no (?:volver a )?despertar(?:me)?\b|\bno "
                r"despertar(?:me)? nunca\b|\bojala (?:me muera|me muriera|estuviera muert[oa]|no "
                r"existiera|nunca hubiera nacido|desaparecer|desapareciera)\b",
     r"temprano|a las|para (?:ir|el|la)"),
    ("suicide", r"\b(?:no tengo|no hay|sin|ninguna|no encuentro) (?:\w+ )?(?:razon(?:es)?|motivos?|"
                r"sentido|nada|ganas) (?:para|por (?:la que|el que)|de) (?:vivir|seguir(?: viviendo| "
                r"adelante)?|estar aqui|existir)\b|\bla vida no (?:tiene sentido|vale la pena)\b|\bno "
                r"vale la pena (?:vivir|seguir)\b|\bvivir no (?:tiene sentido|vale la pena)\b|\bnada "
                r"tiene sentido\b|\bya no puedo mas con (?:la|mi) vida\b|\b(?:no|ya no) tiene sentido (?:vivir|seguir|la vida|nada|existir)\b|"
                r"\b(?:irme|ir|me quiero ir|me voy|quiero irme|salir|me quiero salir) de este mundo\b|"
                r"\b(?:no|ya no) (?:aguanto|"
                r"soporto|puedo) (?:mas )?(?:vivir|la vida|seguir viviendo|esta vida|existir)\b|\b(?:cansad[oa]|hart[oa]|"
                r"agotad[oa]|hasta la madre) de (?:vivir|la vida|existir|estar viv[oa])\b|\b(?:no|ya "
                r"no) (?:le )?(?:encuentro|veo|tiene|tengo) (?:ningun )?sentido (?:a la vida|a vivir|a "
                r"nada|a seguir|seguir)\b|\bmejor si (?:yo )?(?:no estuviera|no existiera|me muriera|"
                r"muriera|desapareciera|ya no estoy|no estoy)\b"),
    ("suicide", r"\b(?:soy|me siento|siento que soy|solo soy) (?:una|un) (?:carga|estorbo|peso)\b"
                r"|\b(?:carga|estorbo) para (?:todos|mi familia|los demas|ustedes)\b|\b(?:estarian|"
                r"estarias|estaria|estaran|estan|seria|serian) mejor sin mi\b|\bmejor (?:muert[oa]|"
                r"sin mi)\b|\bel mundo (?:estaria|seria) mejor sin mi\b",
     r"peso (?:pesado|pluma|muerto|ideal|sano)"),
    ("suicide", r"\b(?:nadie|a nadie) (?:\w+ ){0,3}(?:extranaria|echaria de menos|importaria|notaria|"
                r"importa|daria cuenta|lloraria)(?: \w+){0,4} (?:si|cuando) (?:me muero|muero|me "
                r"muriera|muriera|desaparezco|desapareciera|me voy|me fuera|me mato|me matara|ya no "
                r"estoy|no estoy|me suicido)\b|\bnadie me (?:extranaria|extranara|echaria de menos|echara de "
                r"menos|lloraria|llorara|va a (?:extranar|echar de menos|llorar))\b|"
                r"\bsi (?:me muero|me muriera|muriera|desapareciera|desaparezco) (?:\w+ ){0,3}nadie\b"),
    ("suicide", rf"\b(?:tomarme|tomar|tragarme|tragar|me tome|tome|me voy a tomar|voy a tomar|tomandome) "
                rf"(?:todas|todos|un monton de|un punado de|muchas|muchos|la caja de|el bote de|el "
                rf"frasco de|toda la caja de) (?:(?:las|los|mis|sus) ){{0,2}}{PILLS}\b|\bsobredosis\b|\b(?:junto|"
                rf"juntando|guardo|guardando|acumulo|acumulando) (?:mis )?{PILLS}\b",
     r"me tome (?:todas )?mis \w+ (?:hoy|a tiempo|esta manana|como)|de (?:cafe|cafeina|azucar|"
     r"series|netflix|chocolate|amor)|(?:viaje|vacaciones)"),
    ("suicide", r"\b(?:tirarme|lanzarme|aventarme|arrojarme|saltar|me voy a tirar|me tiro|me quiero "
                r"tirar|me quiero lanzar|aventarme) (?:de|desde|del|por) (?:un|una|el|la|mi)? ?"
                r"(?:\w+ )?(?:puente|edificio|balcon|ventana|azotea|techo|acantilado|precipicio|"
                r"terraza|piso|viaducto)\b|\b(?:tirarme|lanzarme|aventarme|arrojarme|me tiro|me voy a "
                r"tirar|me quiero tirar|ponerme|acostarme|me voy a aventar|me voy a lanzar) (?:al|a un|a las|a la|delante de|enfrente de|frente "
                r"a|bajo|debajo de|en las|en frente de|al paso de) (?:un|una|el|la|las|los)? ?(?:vias|"
                r"via|tren|metro|coche|carro|auto|camion|autobus|bus|trafico)\b",
     r"trampolin|piscina|paracaidas|puenting"),
    ("suicide", r"\b(?:ahorcarme|colgarme del|me voy a ahorcar|me quiero ahorcar|me ahorco)\b|\bsoga\b|"
                r"\b(?:cuerda|soga) para (?:ahorcarme|colgarme|matarme|acabar)\b|\b(?:tengo|hice|arme) "
                r"un plan (?:para )?(?:matarme|morir|suicidarme|acabar con todo|quitarme la vida|no "
                r"estar)\b|\bpistola (?:en|a) (?:mi|la) cabeza\b|\bpegarme un tiro\b|\bcortarme las "
                r"venas\b"),
    ("suicide", r"\b(?:adios|chao) (?:a todos|para siempre|mundo|mundo cruel)\b|\besta es mi "
                r"(?:despedida|ultima (?:carta|nota|mensaje))\b|\bmi ultimo mensaje\b|\bcarta de "
                r"despedida\b|\bnota de suicidio\b|\bcuando lean esto\b|\bya no (?:voy a )?estar(?:e)? "
                r"(?:aqui|mas) (?:manana|mucho tiempo)\b|\bme despido de todos\b|\bperdonenme por todo\b",
     r"hasta (?:manana|luego|pronto|el)|nos vemos|vuelvo|regreso|vacaciones|viaje|mudanza|trabajo"),
    ("suicide", r"\bquiero que (?:todo|esto|todo esto|mi vida|el dolor) (?:termine|acabe|se acabe|pare|se "
                r"termine)\b|\b(?:para que|de que sirve|que sentido tiene) (?:seguir )?(?:vivir|viviendo|"
                r"existir)\b|\bno merezco (?:vivir|estar viv[oa]|existir|seguir)\b|\bmerezco morir\b|"
                r"\b(?:pienso|pensando|pensar) (?:\w+ ){0,2}en (?:la muerte|morir(?:me)?|matarme|"
                r"suicidarme|el suicidio)\b|\b(?:compre|comprar|consegui) una (?:cuerda|soga)\b|\b(?:no|ya "
                r"no) (?:soporto|aguanto) (?:mi|esta) vida\b",
     r"muerte de|para saltar|de saltar|comba|escalar|la clase"),
    ("self_harm", r"\b(?:volvi a|ganas de|quiero|necesito|tengo ganas de|pienso en|sigo) (?:cortarme|"
                  r"lastimarme|hacerme dano|quemarme|autolesionarme|golpearme|cortandome|"
                  r"lastimandome)\b|\bme (?:volvi a cortar|corte otra vez|corte de nuevo|estoy cortando|"
                  r"sigo cortando|corte los brazos|corte las munecas|hago dano a proposito)\b|\bcortarme "
                  r"(?:otra vez|de nuevo|los brazos|las munecas)\b|\bhacerme dano\b|"
                  r"\bme autolesiono\b|\bme (?:hago|hice|sigo haciendo) (?:cortes|heridas|dano)\b|"
                  r"\bme estoy haciendo dano\b|\brecai (?:en|con) (?:las )?(?:autolesiones|cortarme)\b|\bme "
                r"(?:voy a|quiero|tengo que|necesito) (?:cortar|lastimar|quemar|hacer dano|autolesionar)"
                r"(?! (?:el|la|las|los|un|una) )\b",
     r"no (?:quiero|necesito) (?:cortarme|lastimarme|hacerme)|(?:en el|en la) (?:gym|gimnasio|"
     r"entreno|carrera)|rodilla|espalda|tobillo|el pelo|el cabello|flequillo|las unas"),
    ("self_harm", r"\bautolesion\w*\b", TOPIC),
    ("self_harm", r"\bme (?:lastimo|lastime|corto|corte|quemo|queme|golpeo|golpee|pego|hago dano|hice "
                  r"dano|hago heridas)\b(?: \w+){0,2} (?:a proposito|adrede|queriendo|con (?:cigarros?|"
                  r"cigarrillos?|(?:un|el) (?:encendedor|mechero)))\b|\b(?:volvi|he vuelto|vuelvo|volver) "
                  r"a (?:hacerme (?:cortes|dano|heridas)|cortarme|lastimarme|quemarme)\b|\bme (?:volvi|he "
                  r"vuelto) a (?:hacer (?:cortes|dano|heridas)|cortar|lastimar|quemar)\b",
     r"pelo|cabello|flequillo|unas|barba|cocina|sin querer|afeit|accidente|rodilla|espalda|tobillo|"
     r"\bpie\b|\bmano|\bdedos?\b|entren|\bgym|gimnasio|carrera|\bsol\b"),
    ("suicide", rf"\b(?:compre|tengo|consegui|junte|ya tengo|tengo aqui) (?:\w+ ){{0,2}}(?:{PILLS}|una "
                rf"(?:soga|cuerda|navaja|pistola))\b(?: \w+){{0,3}} (?:me voy|ya esta|se acabo|hasta aqui|"
                rf"adios|es el final|ya no mas|me despido)\b|\b{PILLS} (?:listas|preparadas|guardadas|"
                rf"juntas|contadas)\b|\bmejor me (?:muero|mato)\b|\bme (?:voy a|quiero) (?:colgar|"
                rf"ahorcar)\b(?! (?:el|la|las|los|un|una|del|al|de) (?!cuello))|\badios\b(?: \w+){{0,3}} "
                rf"(?:los|las) quiero\b(?: \w+){{0,3}} (?:perdon|perdonenme|lo siento)\b|\b(?:estarian|"
                rf"serian|estaria|seria|vivirian|viviria) (?:mas )?(?:felices|tranquil[oa]s?|en paz) sin "
                rf"mi\b|\b(?:estarian|estaria|seria|serian) mejor si (?:me muero|muero|me muriera|no estoy|no "
                rf"estuviera|desaparezco|no existo|me mato|me voy para siempre)\b|\bacabar con (?:esto|todo|"
                rf"todo esto) (?:esta noche|de una vez)\b|\bya (?:compre|tengo|consegui) (?:las|mis|unas) "
                rf"{PILLS}$|\b(?:la muerte|morir(?:me)?|matarme|el suicidio)\b(?: \w+){{0,3}} (?:unica|"
                rf"ultima|mejor) (?:salida|solucion|opcion)\b|\bme (?:canse|harte) de (?:vivir|la vida|existir)\b|\bsiento que sobro\b|\bsobro "
                rf"en (?:este mundo|esta vida|mi familia)\b|\bya no puedo mas con esta vida\b",
     rf"{FIGURE}|tomar (?:mis|las) \w+ (?:hoy|a tiempo)|alergia|cabeza|vitaminas|viaje|vacaciones|"
     r"grupo|chat|equipo|clase|fiesta|reunion"),
    ("harm_to_others", r"\b(?:voy a|quiero|pienso|tengo ganas de|ganas de|me dan ganas de) (?:\w+ )?"
                       r"(?:matar|apunalar|golpear|lastimar|hacerle dano|disparar)(?:le|la|lo|les|los|"
                       r"las)? (?:a (?:mi \w+|mis \w+|alguien|el|ella|ellos|todos|ese|esa|esos)|al \w+)\b|"
                       r"\b(?:voy a|quiero) matarl[oa]s?\b|\b(?:lo|la|los|las) voy a matar\b",
     r"matar (?:el|la) (?:hambre|tiempo|sed|rato|antojo)|al (?:saco|balon|gym|gimnasio)"),
)  # fmt: skip
