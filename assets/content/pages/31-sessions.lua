-- How many sessions: ranges by cellulite grade, how often, and an honest
-- word on results. The doctor or nurse sets each person's plan. Keep the
-- numbers in step with courses.lua (no grade 1 plans: see its comment).
page "sessions" {
  title = {
    en = "How many sessions?",
    ar = "كم جلسة أحتاج؟",
    fr = "Combien de séances ?",
  },

  paragraph {
    en = "Mesotherapy is given as a course of sessions, not just once. How many you need depends on your cellulite, the area treated and what you hope to achieve.",
    ar = "يُعطى الميزوثيرابي على شكل سلسلة من الجلسات، لا مرة واحدة. ويتوقف عدد الجلسات على حالة السيلوليت لديك، والمنطقة المعالَجة، والنتيجة التي تأملها.",
    fr = "La mésothérapie se fait en plusieurs séances, pas en une seule fois. Leur nombre dépend de votre cellulite, de la zone traitée et du résultat que vous espérez.",
  },

  paragraph {
    en = "Doctors and nurses often sort cellulite into grades from 1 to 3. The grade says how marked it is: grade 1 is the mildest and grade 3 the most marked.",
    ar = "كثيرًا ما يصنّف الأطباء والممرضون السيلوليت في درجات من 1 إلى 3. وتدل الدرجة على مدى وضوحه: الدرجة 1 هي الأخف، والدرجة 3 هي الأوضح.",
    fr = "Les médecins et les infirmiers/infirmières classent souvent la cellulite en stades, de 1 à 3. Le stade indique à quel point elle est marquée : le stade 1 est le plus léger, le stade 3 le plus marqué.",
  },

  heading {
    en = "What clinics often plan",
    ar = "ما تخطط له العيادات عادةً",
    fr = "Ce que les cliniques prévoient souvent",
    level = 2,
  },

  list {
    { en = "Grade 1, the mildest: there is no good evidence that sessions stop it getting worse. Leaving it alone is a reasonable choice.",
      ar = "الدرجة 1، وهي الأخف: لا يوجد دليل جيد على أن الجلسات تمنع تفاقمه. وتركه دون علاج خيار معقول.",
      fr = "Stade 1, le plus léger : rien de solide ne montre que des séances l’empêchent de s’aggraver. La laisser telle quelle est un choix raisonnable." },
    { en = "Grade 2, the most common: often 10 to 15 sessions. Some people need only 3 to 5.",
      ar = "الدرجة 2، وهي الأكثر شيوعًا: غالبًا من 10 إلى 15 جلسة، ويكفي بعض الناس من 3 إلى 5 جلسات فقط.",
      fr = "Stade 2, le plus fréquent : souvent 10 à 15 séances. Certaines personnes n’en ont besoin que de 3 à 5." },
    { en = "Grade 3, the most marked: harder to predict, often more than 20 sessions.",
      ar = "الدرجة 3، وهي الأوضح: يصعب التنبؤ بها، وغالبًا ما تحتاج إلى أكثر من 20 جلسة.",
      fr = "Stade 3, le plus marqué : plus difficile à prévoir, souvent plus de 20 séances." },
  },

  paragraph {
    en = "Another article gives 10 to 25 sessions overall. These numbers come from web articles, some written to sell the treatment, and they do not agree. They show how clinics plan courses, not that the sessions work.",
    ar = "ويذكر مقال آخر من 10 إلى 25 جلسة إجمالًا. هذه الأرقام مأخوذة من مقالات على الإنترنت، بعضها مكتوب للترويج للعلاج، وهي لا تتفق فيما بينها. وهي تبيّن كيف تخطط العيادات للجلسات، لا أن الجلسات فعّالة.",
    fr = "Un autre article parle de 10 à 25 séances au total. Ces chiffres viennent d’articles en ligne, dont certains cherchent à vendre le traitement, et ils ne sont pas d’accord entre eux. Ils montrent comment les cliniques prévoient les séances, pas que les séances sont efficaces.",
  },

  image {
    -- A calendar, not the timeline picture: its rising curve would suggest
    -- results that good studies have not shown.
    "images/calendar.svg",
    mirror = true, -- time runs right to left in Arabic
    alt = {
      en = "A calendar page with one session marked each week.",
      ar = "صفحة من تقويم عليها علامة لجلسة واحدة في كل أسبوع.",
      fr = "Une page de calendrier avec une séance marquée chaque semaine.",
    },
    caption = {
      en = "Sessions are usually once a week or once every two weeks.",
      ar = "تكون الجلسات عادةً مرة كل أسبوع أو مرة كل أسبوعين.",
      fr = "Les séances ont lieu en général une fois par semaine ou toutes les deux semaines.",
    },
  },

  paragraph {
    en = "There is no set time when results show. Good studies have not shown that mesotherapy reliably improves cellulite, and some people see no change at all.",
    ar = "لا يوجد وقت محدد تظهر فيه النتائج. فالدراسات الجيدة لم تُثبت أن الميزوثيرابي يحسّن السيلوليت بشكل يمكن الاعتماد عليه، وبعض الناس لا يلاحظون أي تغيير.",
    fr = "Il n’y a pas de délai précis pour voir un résultat. Les études sérieuses n’ont pas montré que la mésothérapie améliore la cellulite de façon fiable, et certaines personnes ne voient aucun changement.",
  },

  callout {
    style = "info",
    title = {
      en = "Your doctor or nurse sets your plan",
      ar = "الطبيب أو الممرض هو من يضع خطتك",
      fr = "Votre médecin ou infirmier/infirmière fixe votre plan",
    },
    text = {
      en = "These numbers do not fit everyone. Your doctor or nurse will look at your skin and your health, then plan the number of sessions with you.",
      ar = "هذه الأرقام لا تنطبق على الجميع. سيفحص الطبيب أو الممرض جلدك ويراجع حالتك الصحية، ثم يحدد معك عدد الجلسات.",
      fr = "Ces chiffres ne valent pas pour tout le monde. Votre médecin ou infirmier/infirmière examinera votre peau et votre santé, puis décidera avec vous du nombre de séances.",
    },
  },

  button {
    to = "side-effects",
    label = { en = "Next: side effects", ar = "التالي: الآثار الجانبية", fr = "Suite : effets secondaires" },
  },
}
