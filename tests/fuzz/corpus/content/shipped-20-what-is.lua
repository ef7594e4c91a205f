-- What mesotherapy is, where it comes from, and what else it is used for.
page "what-is" {
  title = {
    en = "What is mesotherapy?",
    ar = "ما هو الميزوثيرابي؟",
    fr = "Qu’est-ce que la mésothérapie ?",
  },

  paragraph {
    en = "Mesotherapy is a treatment made of many small injections. They go into the middle layer of the skin. The name comes from the Greek word \"mesos\", which means middle.",
    ar = "الميزوثيرابي علاج يتكوّن من حقن صغيرة كثيرة، تُعطى في الطبقة الوسطى من الجلد. والاسم مأخوذ من الكلمة اليونانية «ميزوس» ومعناها «الأوسط».",
    fr = "La mésothérapie est un traitement fait de nombreuses petites injections. Elles sont faites dans la couche du milieu de la peau. Le nom vient du mot grec « mesos », qui veut dire « milieu ».",
  },

  paragraph {
    en = "The liquid is a mix that can contain vitamins, minerals, amino acids (the building blocks of proteins) and medicines. There is no standard recipe: mixes differ from one clinic to another, and the products are often not licensed for this use.",
    ar = "السائل المحقون مزيج قد يحتوي على فيتامينات ومعادن وأحماض أمينية (وهي الوحدات التي تُبنى منها البروتينات) وأدوية. ولا توجد وصفة موحّدة له، فالمزيج يختلف من عيادة إلى أخرى، وكثيرًا ما تكون المنتجات غير مرخّصة لهذا الاستخدام.",
    fr = "Le liquide injecté est un mélange qui peut contenir des vitamines, des minéraux, des acides aminés (les briques qui forment les protéines) et des médicaments. Il n’existe pas de recette standard : les mélanges varient d’une clinique à l’autre, et les produits n’ont souvent pas d’autorisation pour cet usage.",
  },

  image {
    "images/skin-layers.svg",
    alt = {
      en = "Drawing of the skin cut open to show its layers: the outer layer, the middle layer, and the fat underneath. A fine needle reaches the middle layer.",
      ar = "رسم لمقطع في الجلد يُظهر طبقاته: الطبقة الخارجية، ثم الطبقة الوسطى، ثم الدهون تحتها. وتصل إبرة دقيقة إلى الطبقة الوسطى.",
      fr = "Dessin de la peau vue en coupe, avec ses couches : la couche externe, la couche du milieu et la graisse en dessous. Une aiguille fine atteint la couche du milieu.",
    },
    caption = {
      en = "The injections reach the middle layer of the skin, just above the fat.",
      ar = "تصل الحقن إلى الطبقة الوسطى من الجلد، فوق طبقة الدهون مباشرة.",
      fr = "Les injections atteignent la couche du milieu de la peau, juste au-dessus de la graisse.",
    },
  },

  heading {
    en = "Where it comes from",
    ar = "من أين جاء هذا العلاج؟",
    fr = "D’où vient-elle ?",
    level = 2,
  },

  paragraph {
    en = "Dr Michel Pistor, a French doctor, first described mesotherapy in 1952. At first it was used to ease pain. One web article says the French Academy of Medicine recognised it in 1987. It then spread across Europe.",
    ar = "وصف الطبيب الفرنسي ميشيل بيستور الميزوثيرابي لأول مرة عام 1952، وكان يُستخدم في البداية لتخفيف الألم. ويذكر أحد المقالات على الإنترنت أن الأكاديمية الفرنسية للطب اعترفت به عام 1987، ثم انتشر بعد ذلك في أوروبا.",
    fr = "Le docteur Michel Pistor, médecin français, a décrit la mésothérapie pour la première fois en 1952. Au début, elle servait à soulager la douleur. Selon un article publié sur Internet, l’Académie de médecine l’a reconnue en 1987. Elle s’est ensuite répandue en Europe.",
  },

  heading {
    en = "What else it is used for",
    ar = "استخدامات أخرى",
    fr = "Ses autres usages",
    level = 2,
  },

  list {
    { en = "Cellulite: the topic of this guide.",
      ar = "السيلوليت، وهو موضوع هذا الدليل.",
      fr = "La cellulite : le sujet de ce guide." },
    { en = "Hair loss.",
      ar = "تساقط الشعر.",
      fr = "La chute des cheveux." },
    { en = "Skin that has lost its freshness with age (skin rejuvenation).",
      ar = "البشرة التي فقدت نضارتها مع التقدّم في العمر (تجديد البشرة).",
      fr = "La peau qui a perdu de son éclat avec l’âge (rajeunissement de la peau)." },
    { en = "Stretch marks.",
      ar = "علامات التمدّد.",
      fr = "Les vergetures." },
  },

  callout {
    style = "info",
    title = { en = "Good to know", ar = "من المفيد أن تعرف", fr = "Bon à savoir" },
    text = {
      en = "This guide is for learning only. It is not medical advice. Ask a doctor or nurse whether mesotherapy is right for you. What regulators say about it is on the page \"About this information\".",
      ar = "هذا الدليل للتثقيف فقط، وليس نصيحة طبية. اسأل الطبيب أو الممرض إن كان الميزوثيرابي مناسبًا لك. وتجد موقف الجهات الرقابية منه في صفحة «عن هذه المعلومات».",
      fr = "Ce guide sert seulement à vous informer. Ce n’est pas un avis médical. Demandez à un médecin ou un infirmier/une infirmière si la mésothérapie vous convient. L’avis des autorités de santé se trouve sur la page « À propos de ces informations ».",
    },
  },

  button {
    to = "cellulite",
    label = { en = "Next: cellulite", ar = "التالي: السيلوليت", fr = "Suite : la cellulite" },
  },
}
