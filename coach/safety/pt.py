"""Portuguese crisis rules over normalised text (no accents: "nao", "ninguem", "automutilacao").

The hyperbole stays ordinary: "morrendo de fome", "tô morta de cansaço", "esse treino tá me
matando", "morri no treino", "vou matar a saudade".
"""

from __future__ import annotations

from coach.safety.rule import TOPIC, rules

WISH = (
    r"(?:quero|queria|qero|qro|qr|kero|quer|vou|preciso|tenho vontade de|vontade de|penso em|pensando em|estou "
    r"pensando em|to pensando em|planejo|pretendo|desejo|gostaria de|so quero|decidi|vou tentar|"
    r"tentei|to querendo|estou querendo)"
)
DEATH = (
    r"(?:morrer?|me matar?|matar me|me suicidar|suicidar me|sumir(?: para sempre| pra sempre)?|"
    r"desaparecer(?: para sempre| pra sempre)?|acabar com (?:a minha vida|minha vida|tudo(?: isso)?)|"
    r"sair (?:desse|deste) mundo|ir embora (?:desse|deste) mundo|tirar (?:a )?minha (?:propria )?vida|por fim (?:a|na) minha vida|nao acordar(?: mais)?|nunca "
    r"mais acordar|parar de (?:viver|existir)|dormir para sempre|dormir pra sempre|deixar de existir|nao existir|estar mort[oa])"
)
FIGURE = (
    r"morrer de (?:fome|rir|sono|calor|frio|vergonha|saudade|tedio|cansaco|inveja|amor|sede)|"
    r"(?:pernas|bracos|corpo|musculos|panturrilhas|pes) (?:\w+ ){0,2}(?:querem|vao)|"
    r"(?:vai|vao|ia|pode|quer) me matar|me matar de (?:estudar|trabalhar|treinar|rir|correr)|"
    r"me matar (?:na academia|no treino|na corrida)|vou morrer|sumir (?:daqui|do trabalho|desse "
    r"lugar|dessa reuniao|um pouco|uns dias|(?:das|da|do) (?:redes|instagram|tiktok|"
    r"facebook|internet|whatsapp|grupo)|(?:\w+ ){0,3}(?:por )?(?:uma|um|uns|umas) (?:semana|mes|dias|"
    r"horas|tempo))|acabar com tudo (?:o|a|os|as) |matar (?:a|o) "
    r"(?:saudade|fome|tempo|sede|aula|treino)"
)
PILLS = (
    r"(?:remedios|comprimidos|pilulas|calmantes|antidepressivos|medicamentos|rivotril|remedio|"
    r"cartela|clonazepam)"
)

RULES = rules(
    "pt",
    ("suicide", rf"\b{WISH} (?:\w+ ){{0,2}}{DEATH}\b", FIGURE),
    ("suicide", r"\bsuicid(?:io|ar|ar me|a|as|al|ada|ado)\b|\bme matar\b|\bmatar me\b|\bme suicidar\b"
                r"|\btirar (?:a )?minha (?:propria )?vida\b",
     rf"{FIGURE}|esquadrao suicida|{TOPIC}"),
    ("suicide", r"\bnao (?:quero|aguento|consigo|tenho vontade de|sei se quero) (?:mais )?(?:viver|"
                r"continuar vivendo|continuar viv[oa]|estar aqui|existir|acordar|seguir em frente|"
                r"seguir vivendo)\b|\b(?:cansad[oa]|fart[oa]|exaust[oa]) de (?:viver|existir|estar "
                r"viv[oa]|a vida)\b|\bmelhor se eu (?:nao estivesse|morresse|sumisse|nao existisse|"
                r"desaparecesse)\b",
     r"cedo|as \d|amanha cedo|para (?:ir|o|a)|pra (?:ir|o|a)|aqui (?:no|na) (?:trabalho|escritorio|"
     r"academia|aula|festa)"),
    ("suicide", r"\b(?:sem|nenhum|nenhuma|nao tenho|nao ha|nao existe) (?:\w+ )?(?:motivo|razao|"
                r"sentido|motivos|razoes) (?:para|pra|de) (?:viver|continuar|existir|seguir)\b|\ba "
                r"vida nao (?:tem|faz) (?:mais )?(?:nenhum )?sentido\b|\ba vida (?:perdeu o|sem) "
                r"sentido\b|\bnao vale a pena (?:viver|continuar)\b|\bviver nao (?:vale a pena|faz "
                r"sentido)\b|\bnada mais faz sentido\b"),
    ("suicide", r"\bsou (?:um|uma) (?:peso|fardo|estorvo|incomodo)\b|\b(?:peso|fardo) (?:para|pra) "
                r"(?:todos|todo mundo|minha familia|os outros|voces)\b|\b(?:estariam|estaria|"
                r"ficariam|ficaria|seriam|vao ficar) melhor(?:es)? sem mim\b|\bo mundo (?:seria|"
                r"estaria|ficaria) melhor sem mim\b|\bninguem (?:\w+ ){0,3}(?:sentiria|sentir|ia "
                r"sentir|vai sentir) (?:a )?(?:minha )?falta\b|\bninguem (?:\w+ ){0,3}(?:ligaria|ia "
                r"ligar|vai ligar|se importaria|notaria|perceberia|choraria) (?:\w+ ){0,3}se eu "
                r"(?:morresse|sumisse|desaparecesse|me matasse|partisse|nao estivesse)\b|\bse eu "
                r"(?:morresse|sumisse|desaparecesse|me matasse) (?:\w+ ){0,3}ninguem\b",
     r"peso (?:pena|ideal|pesado)"),
    ("suicide", rf"\b(?:tomar|tomei|engolir|vou tomar|tomando|tomar logo) (?:todos|todas|um monte de|"
                rf"uma caixa de|a caixa de|varios|varias|a cartela toda de|o frasco de|muitos|muitas|"
                rf"a cartela inteira de) (?:(?:os|as|meus|minhas|seus|suas) ){{0,2}}{PILLS}\b|\boverdose\b|\b(?:juntando|"
                rf"guardando|acumulando) (?:meus |minhas )?{PILLS}\b|\b(?:guardei|juntei|acumulei|escondi) "
                rf"(?:todos|todas) (?:os |as )?(?:meus |minhas )?{PILLS}\b",
     r"tomei todos (?:os )?(?:meus )?\w+ (?:hoje|de manha|certinho|na hora)|de (?:cafe|cafeina|"
     r"acucar|series|chocolate)|viagem|(?:no|na|nos|nas|dentro d[oa]) (?:armario|gaveta|bolsa|"
     r"mochila|caixa|geladeira|banheiro|lugar)"),
    ("suicide", r"\b(?:pular|me jogar|jogar me|me atirar|saltar) (?:da|do|de uma|de um|de cima da|de "
                r"cima do|de cima de um|de cima de uma) (?:\w+ )?(?:ponte|predio|janela|sacada|"
                r"varanda|viaduto|penhasco|telhado|laje|edificio|torre)\b|\b(?:me jogar|jogar me|me "
                r"atirar|pular|me deitar) (?:na frente|em frente|embaixo|debaixo) (?:do|de um|de uma|"
                r"da|dos)? ?(?:\w+ )?(?:trem|metro|carro|onibus|caminhao|comboio)\b|\b(?:me deitar|"
                r"deitar|me jogar|pular) nos trilhos\b",
     r"piscina|paraquedas|bungee|na agua|no mar|de alegria"),
    ("suicide", r"\bme enforcar\b|\benforcar me\b|\b(?:comprei|comprar|arranjei|tenho) (?:uma )?corda "
                r"(?:para|pra) (?:me enforcar|me matar|acabar)\b|\b(?:tenho|fiz) um plano (?:para|pra) "
                r"(?:me matar|morrer|acabar com tudo|me suicidar|tirar minha vida)\b|\bdar um tiro na "
                r"(?:minha )?cabeca\b|\bcortar os pulsos\b"),
    ("suicide", r"\badeus (?:a todos|para sempre|pra sempre|mundo|galera|pessoal)\b|\b(?:essa|esta) e "
                r"(?:a )?minha (?:despedida|ultima mensagem)\b|\bminha ultima mensagem\b|\bcarta de "
                r"despedida\b|\bquando voces lerem isso\b|\bnao vou (?:mais )?estar (?:mais )?aqui\b|"
                r"\bnao estarei mais aqui\b|\bme perdoem por tudo\b",
     r"ferias|viagem|mudanca|trabalho|amanha|semana que vem|ate (?:logo|mais|segunda)"),
    ("suicide", r"\b(?:quero|queria) que (?:tudo|isso|minha vida|a dor) (?:acabe|termine|pare|acabasse)\b|"
                r"\bnao mereco (?:viver|estar viv[oa]|existir)\b|\bmereco morrer\b|\b(?:penso|pensando|"
                r"pensar) (?:\w+ ){0,2}(?:na morte|em morrer|em suicidio)\b|\b(?:comprei|comprar|arranjei) "
                r"uma corda\b|\b(?:pra que|para que|de que adianta|qual o sentido de) (?:continuar )?"
                r"(?:viver|vivendo|existir)\b",
     r"morte d[aoe]|de pular|pra pular|escalada"),
    ("self_harm", r"\b(?:me cortar|me cortei|me corto|me cortando|cortar me|me machuquei|me machuco|me "
                  r"queimei|me queimo) (?:de novo|outra vez|"
                  r"novamente|denovo|nos (?:bracos|pulsos)|no (?:braco|pulso))\b|\bvoltei a me "
                  r"(?:cortar|machucar|ferir|mutilar)\b|\bautolesao\b|\b(?:vontade "
                  r"de|quero|preciso|penso em) me (?:cortar|machucar|ferir|queimar|mutilar|bater)\b|"
                  r"\bme (?:machucar|machuco|machuquei|cortei|corto|queimei|queimo|bati|bato|arranhei|"
                  r"arranho|mordi) (?:de proposito|por querer)\b|\btenho me (?:cortado|"
                  r"machucado|ferido|queimado)\b|\b(?:eu )?me (?:corto|"
                  r"cortando|machuco|queimo|mutilo)\b|\brecai\b(?: \w+){0,3} "
                  r"(?:automutilacao|me cortar)\b",
     r"nao (?:quero|preciso) me|(?:no|na) (?:treino|academia|corrida|jogo)|cuidado|cozinhando|"
     r"fazendo comida|sem querer|papel|barbear|faca escorregou|no sol|cabelo|"
     r"futebol|bola|bike|bicicleta|joelho|tornozelo|\bpe\b|costas|unhas"),
    ("self_harm", r"\bautomutila\w*\b", TOPIC),
    ("suicide", rf"\b(?:comprei|tenho|consegui|juntei|ja tenho) (?:\w+ ){{0,2}}(?:{PILLS}|uma (?:corda|"
                rf"arma|navalha))\b(?: \w+){{0,4}} (?:acabou|chega|adeus|e o fim|me despeco)\b|\badeus\b"
                rf"(?: \w+){{0,3}} (?:amo (?:voces|vcs|todos)|desculpa|me perdoem|perdao)\b|\b(?:queria|"
                rf"quem dera|preferia|gostaria de) (?:eu )?(?:nunca ter|nao ter) nascido\b|\bminha vida "
                rf"nao (?:tem|faz) (?:mais )?(?:nenhum )?sentido\b|\bnao (?:vejo|encontro) (?:mais )?"
                rf"(?:nenhum )?sentido (?:em nada|na vida|em viver|em continuar)\b|\btenho um plano "
                rf"(?:pra|para) fazer isso$|\bnao vou estar mais aqui\b|\bnao (?:quero|vou) (?:estar|"
                rf"ficar) mais aqui\b|\b(?:seria|seriam|estaria|estariam|ficaria|ficariam|viveria|"
                rf"viveriam) (?:mais )?(?:feliz|felizes|tranquil[oa]s?|em paz) sem mim\b|\b(?:sem|nao "
                rf"tenho|nao tenho mais) (?:forcas?|vontade|animo) (?:pra|para|de) (?:viver|continuar "
                rf"vivendo|existir)\b|\bacab(?:o|ar|ei) com (?:isso|tudo) de vez\b|\bninguem (?:\w+ )?"
                rf"(?:ia|vai|iria) (?:perceber|notar|ligar|sentir falta) se eu (?:morresse|sumisse|"
                rf"desaparecesse|me matasse|nao estivesse)\b|\b(?:a morte|morrer|me matar|o suicidio)\b"
                rf"(?: \w+){{0,3}} (?:unica|ultima|melhor) (?:saida|solucao|opcao)\b",
     rf"{FIGURE}|ferias|viagem|mud|fumar|cigarro|doce|acucar|vicio|dieta|preguica|procrastin"),
    ("harm_to_others", r"\b(?:vou|quero|vontade de|penso em) (?:\w+ )?(?:matar|esfaquear|bater em|"
                       r"atirar em|machucar) (?:ele|ela|eles|elas|alguem|todo mundo|meu \w+|minha \w+|"
                       r"aquele|aquela|esse cara|essa mulher)\b|\bvou mata l[oa]s?\b",
     r"matar (?:a|o) (?:saudade|fome|tempo|sede|aula|treino)"),
)  # fmt: skip
