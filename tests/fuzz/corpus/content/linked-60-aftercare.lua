-- Aftercare and lifestyle: what to watch for in the weeks after a session,
-- and general, safe habits; anything specific goes to the doctor or nurse.
page "aftercare" {
  title = { en = "Aftercare and lifestyle", ar = "العناية بعد العلاج ونمط الحياة", fr = "Soins après traitement et hygiène de vie" },
  heading { en = "After a session", ar = "بعد الجلسة", fr = "Après une séance", level = 2 },
  paragraph {
    en = "Most people return to their usual activities the same day or the next day. Ask your doctor or nurse when you can exercise again, and how to care for the treated skin.",
    ar = "يعود معظم الناس إلى أنشطتهم المعتادة في اليوم نفسه أو في اليوم التالي. اسأل الطبيب أو الممرض متى يمكنك العودة إلى الرياضة، وكيف تعتني بالجلد المعالَج.",
    fr = "La plupart des personnes reprennent leurs activités habituelles le jour même ou le lendemain. Demandez à votre médecin ou infirmier/infirmière quand vous pouvez refaire du sport, et comment prendre soin de la peau traitée.",
  },
  heading { en = "Watch the treated skin", ar = "راقب الجلد المعالَج", fr = "Surveillez la peau traitée", level = 2 },
  paragraph {
    en = "Keep an eye on the treated areas for several weeks. If a lump or sore lasts more than 2 weeks, grows, leaks fluid, or appears weeks after a session, contact the clinic so it can be checked.",
    ar = "راقب المناطق المعالَجة لعدة أسابيع. وإذا استمرت كتلة أو قرحة أكثر من أسبوعين، أو كبرت، أو خرج منها سائل، أو ظهرت بعد الجلسة بأسابيع، فتواصل مع العيادة لفحصها.",
    fr = "Surveillez les zones traitées pendant plusieurs semaines. Si une boule ou une plaie dure plus de 2 semaines, grossit, laisse couler du liquide, ou apparaît des semaines après une séance, contactez la clinique pour la faire examiner.",
  },
  heading { en = "Healthy habits", ar = "عادات صحية", fr = "De bonnes habitudes", level = 2 },
  paragraph {
    en = "These habits are good for your health. They may change how your skin looks a little, but they do not prevent cellulite.",
    ar = "هذه العادات مفيدة لصحتك. وقد تغيّر مظهر الجلد قليلًا، لكنها لا تمنع ظهور السيلوليت.",
    fr = "Ces habitudes sont bonnes pour votre santé. Elles peuvent changer un peu l’aspect de la peau, mais elles n’empêchent pas la cellulite.",
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
  paragraph {
    en = "Some web articles say mesotherapy works better with exercise and a healthy diet. We found no good evidence for this, but these habits are worth it for your health.",
    ar = "تقول بعض المقالات على الإنترنت إن الميزوثيرابي يعمل بشكل أفضل مع الرياضة والغذاء الصحي. لم نجد دليلًا جيدًا على ذلك، لكن هذه العادات مفيدة لصحتك في كل الأحوال.",
    fr = "Certains articles en ligne disent que la mésothérapie marche mieux avec du sport et une alimentation saine. Nous n’en avons trouvé aucune preuve solide, mais ces habitudes sont bonnes pour votre santé.",
  },
  callout {
    style = "info",
    text = {
      en = "This is general advice, not medical advice. Your doctor or nurse can tell you what is right for you.",
      ar = "هذه نصائح عامة وليست استشارة طبية. يستطيع الطبيب أو الممرض أن يخبرك بما يناسبك.",
      fr = "Ce sont des conseils généraux, pas un avis médical. Votre médecin ou infirmier/infirmière peut vous dire ce qui vous convient.",
    },
  },
  button {
    to = "home",
    label = { en = "Next: other options", ar = "التالي: خيارات أخرى", fr = "Suite : autres options" },
  },
}
