-- How many sessions: ranges by cellulite grade, how often, and when a
-- change may show. The clinician sets each person's plan.
page "sessions" {
  title = {
    en = "How many sessions?",
    ar = "كم جلسة أحتاج؟",
    fr = "Combien de séances ?",
  },

  paragraph {
    en = "Mesotherapy is given as a course of sessions, not just once. How many you need depends on your cellulite, the area treated and what you hope to achieve.",
    ar = "يُعطى الميزوثيرابي على شكل سلسلة من الجلسات، لا مرة واحدة. ويتوقف عدد الجلسات على حالة السيلوليت لديك، والمنطقة المعالَجة، والنتيجة التي تأملها.",
    fr = "La mésothérapie se fait en plusieurs séances, pas en une seule fois. Leur nombre dépend de votre cellulite, de la zone traitée et du résultat que vous espérez.",
  },

  paragraph {
    en = "Clinicians often sort cellulite into grades from 1 to 3. The grade says how marked it is: grade 1 is the mildest and grade 3 the most marked.",
    ar = "كثيرًا ما يصنّف الأطباء السيلوليت في درجات من 1 إلى 3. وتدل الدرجة على مدى وضوحه: الدرجة 1 هي الأخف، والدرجة 3 هي الأوضح.",
    fr = "Les praticiens classent souvent la cellulite en stades, de 1 à 3. Le stade indique à quel point elle est marquée : le stade 1 est le plus léger, le stade 3 le plus marqué.",
  },

  heading {
    en = "What our sources suggest",
    ar = "ما تقترحه مصادرنا",
    fr = "Ce que disent nos sources",
    level = 2,
  },

  list {
    { en = "Grade 1, the mildest: often 1 session a year, to help keep it from getting worse.",
      ar = "الدرجة 1، وهي الأخف: غالبًا جلسة واحدة في السنة، للمساعدة على منع تفاقمه.",
      fr = "Stade 1, le plus léger : souvent 1 séance par an, pour aider à éviter qu’elle ne s’aggrave." },
    { en = "Grade 2, the most common: often 10 to 15 sessions. Some people need only 3 to 5.",
      ar = "الدرجة 2، وهي الأكثر شيوعًا: غالبًا من 10 إلى 15 جلسة، ويكفي بعض الناس من 3 إلى 5 جلسات فقط.",
      fr = "Stade 2, le plus fréquent : souvent 10 à 15 séances. Certaines personnes n’en ont besoin que de 3 à 5." },
    { en = "Grade 3, the most marked: harder to predict, often more than 20 sessions.",
      ar = "الدرجة 3، وهي الأوضح: يصعب التنبؤ بها، وغالبًا ما تحتاج إلى أكثر من 20 جلسة.",
      fr = "Stade 3, le plus marqué : plus difficile à prévoir, souvent plus de 20 séances." },
  },

  paragraph {
    en = "Another source gives 10 to 25 sessions overall. The sources do not agree, so these numbers are only a rough guide.",
    ar = "ويذكر مصدر آخر من 10 إلى 25 جلسة إجمالًا. ولأن المصادر لا تتفق، فهذه الأرقام تقريبية فقط.",
    fr = "Une autre source parle de 10 à 25 séances au total. Les sources ne sont pas d’accord : ces chiffres ne donnent qu’une idée générale.",
  },

  image {
    "images/timeline.svg",
    mirror = true, -- time runs right to left in Arabic
    alt = {
      en = "A line of weeks with sessions marked along it. Above, a gently rising curve and a plant that grows taller show results building slowly.",
      ar = "خط يمثّل الأسابيع وعليه علامات للجلسات. وفوقه منحنى يرتفع بهدوء ونبتة تكبر شيئًا فشيئًا، دلالةً على أن النتائج تتكوّن ببطء.",
      fr = "Une ligne des semaines où les séances sont marquées. Au-dessus, une courbe qui monte doucement et une plante qui grandit montrent que les résultats viennent lentement.",
    },
    caption = {
      en = "Sessions are usually once a week or once every two weeks.",
      ar = "تكون الجلسات عادةً مرة كل أسبوع أو مرة كل أسبوعين.",
      fr = "Les séances ont lieu en général une fois par semaine ou toutes les deux semaines.",
    },
  },

  paragraph {
    en = "Any change shows slowly. People often notice smoother skin after about 2 to 4 weeks. For some, the change is small.",
    ar = "يظهر أي تحسّن ببطء. وكثيرًا ما يلاحظ الناس أن جلدهم صار أنعم بعد أسبوعين إلى 4 أسابيع تقريبًا. وعند بعضهم يكون التحسّن بسيطًا.",
    fr = "Un éventuel changement apparaît lentement. On remarque souvent une peau plus lisse après 2 à 4 semaines environ. Chez certaines personnes, le changement reste faible.",
  },

  callout {
    style = "info",
    title = {
      en = "Your clinician sets your plan",
      ar = "طبيبك هو من يضع خطتك",
      fr = "Votre praticien fixe votre plan",
    },
    text = {
      en = "These numbers do not fit everyone. Your clinician will look at your skin and your health, then plan the number of sessions with you.",
      ar = "هذه الأرقام لا تنطبق على الجميع. سيفحص طبيبك جلدك ويراجع حالتك الصحية، ثم يحدد معك عدد الجلسات.",
      fr = "Ces chiffres ne valent pas pour tout le monde. Votre praticien examinera votre peau et votre santé, puis décidera avec vous du nombre de séances.",
    },
  },

  button {
    to = "side-effects",
    label = { en = "Next: side effects", ar = "التالي: الآثار الجانبية", fr = "Suite : effets secondaires" },
  },
}
