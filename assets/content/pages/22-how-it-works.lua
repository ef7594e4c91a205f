-- What the injections aim to do, and an honest word on the evidence.
page "how-it-works" {
  title = {
    en = "How it works",
    ar = "كيف يعمل الميزوثيرابي؟",
    fr = "Comment ça marche ?",
  },

  paragraph {
    en = "The clinician injects the mix into the areas with cellulite. The aim is to act under the skin, where cellulite starts, not only on the surface.",
    ar = "يحقن الطبيب المزيج في المناطق التي فيها سيلوليت. والهدف هو العمل تحت الجلد، حيث يبدأ السيلوليت، لا على السطح فقط.",
    fr = "Le praticien injecte le mélange dans les zones où se trouve la cellulite. Le but est d’agir sous la peau, là où la cellulite se forme, et pas seulement en surface.",
  },

  image {
    "images/how-it-works.svg",
    alt = {
      en = "Drawing of the skin cut open. The injected mix spreads out in the middle layer. A blood vessel and a lymph vessel carry fluid away. Below, the fat cells are a little smaller than before.",
      ar = "رسم لمقطع في الجلد: ينتشر المزيج المحقون في الطبقة الوسطى، ويحمل وعاء دموي ووعاء لمفاوي السوائل بعيدًا. وفي الأسفل صارت الخلايا الدهنية أصغر قليلًا مما كانت.",
      fr = "Dessin de la peau vue en coupe. Le mélange injecté se diffuse dans la couche du milieu. Un vaisseau sanguin et un vaisseau lymphatique emportent les liquides. En dessous, les cellules de graisse sont un peu plus petites qu’avant.",
    },
    caption = {
      en = "Better flow and drainage, and smaller fat cells: the aims of the treatment.",
      ar = "تحسين الدورة الدموية وتصريف السوائل وتصغير الخلايا الدهنية: هذه أهداف العلاج.",
      fr = "Une meilleure circulation, un meilleur drainage et des cellules de graisse plus petites : les buts du traitement.",
    },
  },

  heading {
    en = "What the injections aim to do",
    ar = "ما الذي تهدف إليه الحقن؟",
    fr = "Ce que les injections cherchent à faire",
    level = 2,
  },

  list {
    { en = "Help break down fat cells, so the body can clear the fat.",
      ar = "المساعدة على تفتيت الخلايا الدهنية، حتى يتخلّص الجسم من الدهون.",
      fr = "Aider à décomposer les cellules de graisse, pour que le corps puisse éliminer cette graisse." },
    { en = "Improve blood flow in the treated area.",
      ar = "تحسين تدفّق الدم في المنطقة المعالَجة.",
      fr = "Améliorer la circulation du sang dans la zone traitée." },
    { en = "Help the lymph system drain extra fluid. This is the network of small vessels that carries fluid away from the tissues.",
      ar = "مساعدة الجهاز اللمفاوي على تصريف السوائل الزائدة. وهو شبكة من الأوعية الدقيقة تنقل السوائل بعيدًا عن الأنسجة.",
      fr = "Aider le système lymphatique à évacuer l’excès de liquide. C’est le réseau de petits vaisseaux qui draine les liquides des tissus." },
    { en = "Help the skin make more collagen and elastin. These are proteins that keep skin firm and supple.",
      ar = "مساعدة الجلد على إنتاج المزيد من الكولاجين والإيلاستين، وهما بروتينان يحافظان على تماسك الجلد ومرونته.",
      fr = "Aider la peau à fabriquer plus de collagène et d’élastine. Ce sont des protéines qui gardent la peau ferme et souple." },
  },

  paragraph {
    en = "The body gets rid of the broken-down fat slowly, through the liver and kidneys. This is why any change shows gradually, not straight away.",
    ar = "يتخلّص الجسم من الدهون المفتَّتة ببطء، عن طريق الكبد والكليتين. ولهذا يظهر أي تحسّن تدريجيًا، لا فورًا.",
    fr = "Le corps élimine lentement la graisse décomposée, par le foie et les reins. C’est pourquoi un changement éventuel apparaît peu à peu, et pas tout de suite.",
  },

  callout {
    style = "info",
    title = { en = "Results vary", ar = "النتائج تختلف", fr = "Les résultats varient" },
    text = {
      en = "There is still little strong scientific proof that mesotherapy works. Some people see a clear change, others see little or none. Your clinician can tell you what is realistic for you.",
      ar = "ما زالت الأدلة العلمية القوية على فعالية الميزوثيرابي قليلة. يلاحظ بعض الناس تحسّنًا واضحًا، ويلاحظ آخرون تحسّنًا بسيطًا أو لا يلاحظون شيئًا. ويستطيع طبيبك أن يوضح لك ما يمكن توقّعه بواقعية في حالتك.",
      fr = "Il existe encore peu de preuves scientifiques solides de l’efficacité de la mésothérapie. Certaines personnes voient un net changement, d’autres peu ou pas du tout. Votre praticien peut vous dire ce qui est réaliste dans votre cas.",
    },
  },

  button {
    to = "procedure",
    label = { en = "Next: the procedure", ar = "التالي: خطوات العلاج", fr = "Suite : la séance" },
  },
}
