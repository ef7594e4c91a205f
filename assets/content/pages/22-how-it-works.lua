-- What the injections aim to do, and an honest word on the evidence.
page "how-it-works" {
  title = {
    en = "How it works",
    ar = "كيف يعمل الميزوثيرابي؟",
    fr = "Comment ça marche ?",
  },

  paragraph {
    en = "The doctor or nurse injects the mix into the areas with cellulite. The idea is to act under the skin, where cellulite forms, not only on the surface.",
    ar = "يحقن الطبيب أو الممرض المزيج في المناطق التي فيها سيلوليت. والفكرة هي العمل تحت الجلد، حيث يتكوّن السيلوليت، لا على السطح فقط.",
    fr = "Le médecin ou l’infirmier/infirmière injecte le mélange dans les zones où se trouve la cellulite. L’idée est d’agir sous la peau, là où la cellulite se forme, et pas seulement en surface.",
  },

  image {
    "images/how-it-works.svg",
    alt = {
      en = "Drawing of the skin cut open. The injected mix spreads out in the middle layer. Two small vessels carry blood and fluid away. Below, the fat cells are drawn a little smaller.",
      ar = "رسم لمقطع في الجلد: ينتشر المزيج المحقون في الطبقة الوسطى، ويحمل وعاءان صغيران الدم والسوائل بعيدًا. وفي الأسفل رُسمت الخلايا الدهنية أصغر قليلًا.",
      fr = "Dessin de la peau vue en coupe. Le mélange injecté se diffuse dans la couche du milieu. Deux petits vaisseaux emportent le sang et les liquides. En dessous, les cellules de graisse sont dessinées un peu plus petites.",
    },
    caption = {
      en = "What the treatment aims to do. Good studies have not shown that it does.",
      ar = "هذا ما يهدف إليه العلاج، لكن الدراسات الجيدة لم تُثبت أنه يحققه.",
      fr = "Ce que le traitement cherche à faire. Les études sérieuses n’ont pas montré qu’il y parvient.",
    },
  },

  heading {
    en = "What the injections aim to do",
    ar = "ما الذي تهدف إليه الحقن؟",
    fr = "Ce que les injections cherchent à faire",
    level = 2,
  },

  list {
    { en = "Break down some of the fat under the skin.",
      ar = "تفتيت جزء من الدهون تحت الجلد.",
      fr = "Décomposer une partie de la graisse sous la peau." },
    { en = "Improve blood flow in the treated area.",
      ar = "تحسين تدفّق الدم في المنطقة المعالَجة.",
      fr = "Améliorer la circulation du sang dans la zone traitée." },
    { en = "Help extra fluid drain away from the area.",
      ar = "المساعدة على تصريف السوائل الزائدة من المنطقة.",
      fr = "Aider l’excès de liquide à quitter la zone." },
    { en = "Make the skin firmer.",
      ar = "جعل الجلد أكثر تماسكًا.",
      fr = "Rendre la peau plus ferme." },
  },

  paragraph {
    en = "These are aims, not proven effects. Lab tests suggest how some ingredients might act. But good studies in people have not shown that mesotherapy reliably improves cellulite.",
    ar = "هذه أهداف وليست نتائج مثبتة. تشير التجارب المخبرية إلى الطريقة التي قد تعمل بها بعض المكوّنات، لكن الدراسات الجيدة على البشر لم تُثبت أن الميزوثيرابي يحسّن السيلوليت بشكل يمكن الاعتماد عليه.",
    fr = "Ce sont des buts, pas des effets prouvés. Des essais en laboratoire suggèrent comment certains ingrédients pourraient agir. Mais les études sérieuses chez l’humain n’ont pas montré que la mésothérapie améliore la cellulite de façon fiable.",
  },

  callout {
    style = "info",
    title = { en = "Results vary", ar = "النتائج تختلف", fr = "Les résultats varient" },
    text = {
      en = "Some people feel their skin looks better, others see no change. Your doctor or nurse should tell you honestly what to expect.",
      ar = "يشعر بعض الناس بأن جلدهم صار أفضل، ولا يلاحظ آخرون أي تغيير. وعلى الطبيب أو الممرض أن يخبرك بصراحة بما يمكن توقّعه.",
      fr = "Certaines personnes trouvent que leur peau est plus belle, d’autres ne voient aucun changement. Votre médecin ou infirmier/infirmière doit vous dire honnêtement à quoi vous attendre.",
    },
  },

  button {
    to = "procedure",
    label = { en = "Next: the procedure", ar = "التالي: خطوات العلاج", fr = "Suite : la séance" },
  },
}
