-- Aftercare and lifestyle: general, safe habits; anything specific goes to
-- the clinician.
page "aftercare" {
  title = { en = "Aftercare and lifestyle", ar = "العناية بعد العلاج ونمط الحياة", fr = "Soins après traitement et hygiène de vie" },
  heading { en = "After a session", ar = "بعد الجلسة", fr = "Après une séance", level = 2 },
  paragraph {
    en = "Most people return to their usual activities the same day or the next day. Ask your clinician when you can exercise again, and how to care for the treated skin.",
    ar = "يعود معظم الناس إلى أنشطتهم المعتادة في اليوم نفسه أو في اليوم التالي. اسأل طبيبك متى يمكنك العودة إلى الرياضة، وكيف تعتني بالجلد المعالَج.",
    fr = "La plupart des personnes reprennent leurs activités habituelles le jour même ou le lendemain. Demandez à votre praticien quand vous pouvez refaire du sport, et comment prendre soin de la peau traitée.",
  },
  heading { en = "Habits that help", ar = "عادات مفيدة", fr = "Des habitudes qui aident", level = 2 },
  paragraph {
    en = "Mesotherapy is only one part of the picture. Your everyday habits can help your results last longer.",
    ar = "الميزوثيرابي جزء واحد فقط من الصورة. ويمكن لعاداتك اليومية أن تساعد نتائجك على الدوام مدة أطول.",
    fr = "La mésothérapie n’est qu’une partie du tableau. Vos habitudes de tous les jours peuvent aider vos résultats à durer plus longtemps.",
  },
  image {
    "images/aftercare.svg",
    alt = {
      en = "A glass of water, a bowl of fruit and vegetables, and a walking shoe.",
      ar = "كوب ماء، ووعاء فيه فواكه وخضروات، وحذاء للمشي.",
      fr = "Un verre d’eau, un bol de fruits et de légumes, et une chaussure de marche.",
    },
    caption = {
      en = "Small daily habits add up.",
      ar = "العادات اليومية الصغيرة تصنع فرقًا مع الوقت.",
      fr = "Les petites habitudes de chaque jour comptent.",
    },
  },
  list {
    { en = "A balanced diet, with plenty of vegetables", ar = "غذاء متوازن فيه الكثير من الخضروات", fr = "Une alimentation équilibrée, avec beaucoup de légumes" },
    { en = "Regular, moderate exercise, such as brisk walking", ar = "نشاط بدني معتدل ومنتظم، مثل المشي السريع", fr = "Une activité physique régulière et modérée, comme la marche rapide" },
    { en = "Keeping to a healthy weight", ar = "المحافظة على وزن صحي", fr = "Garder un poids de forme" },
    { en = "Drinking enough water through the day", ar = "شرب كمية كافية من الماء خلال اليوم", fr = "Boire assez d’eau tout au long de la journée" },
  },
  heading { en = "Treatment and healthy habits together", ar = "العلاج والعادات الصحية معًا", fr = "Traitement et bonnes habitudes ensemble", level = 2 },
  paragraph {
    en = "Some of the articles we used suggest that results may be better when mesotherapy is combined with exercise and a healthy diet. The evidence is limited, but these habits are good for your health anyway.",
    ar = "تشير بعض المقالات التي اعتمدنا عليها إلى أن النتائج قد تكون أفضل عند الجمع بين الميزوثيرابي والرياضة والغذاء الصحي. الأدلة على ذلك محدودة، لكن هذه العادات مفيدة لصحتك في كل الأحوال.",
    fr = "Certains des articles que nous avons utilisés suggèrent que les résultats peuvent être meilleurs si l’on associe la mésothérapie à l’exercice et à une alimentation saine. Les preuves sont limitées, mais ces habitudes sont bonnes pour votre santé de toute façon.",
  },
  callout {
    style = "info",
    text = {
      en = "This is general advice, not medical advice. Your clinician can tell you what is right for you.",
      ar = "هذه نصائح عامة وليست استشارة طبية. يستطيع طبيبك أن يخبرك بما يناسبك.",
      fr = "Ce sont des conseils généraux, pas un avis médical. Votre praticien peut vous dire ce qui vous convient.",
    },
  },
  button {
    to = "other-options",
    label = { en = "Next: other options", ar = "التالي: خيارات أخرى", fr = "Suite : autres options" },
  },
}
