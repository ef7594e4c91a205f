-- Where the information comes from, when it was last reviewed, who to ask.
page "about" {
  title = { en = "About this information", ar = "عن هذه المعلومات", fr = "À propos de ces informations" },

  image {
    "images/about.svg",
    alt = {
      en = "An open book with an information sign.",
      ar = "كتاب مفتوح عليه رمز المعلومات.",
      fr = "Un livre ouvert avec un symbole d’information.",
    },
    caption = {
      en = "Where our information comes from.",
      ar = "من أين تأتي معلوماتنا.",
      fr = "D’où viennent nos informations.",
    },
  },

  callout {
    style = "info",
    title = { en = "For education only", ar = "للتثقيف فقط", fr = "Pour vous informer" },
    text = {
      en = "This guide helps you learn about mesotherapy. It is not a substitute for advice from your clinician.",
      ar = "يساعدك هذا الدليل على التعرّف على الميزوثيرابي، لكنه لا يغني عن نصيحة طبيبك.",
      fr = "Ce guide vous aide à mieux connaître la mésothérapie. Il ne remplace pas les conseils de votre praticien.",
    },
  },

  heading { en = "Our sources", ar = "مصادرنا", fr = "Nos sources", level = 2 },
  paragraph {
    en = "The clinic wrote this guide from a summary of published articles about mesotherapy for cellulite. The articles do not always agree. Where they differ, we give a range, for example for the number of sessions.",
    ar = "كتبت العيادة هذا الدليل اعتمادًا على ملخّص لمقالات منشورة عن علاج السيلوليت بالميزوثيرابي. ولا تتفق هذه المقالات دائمًا، لذلك نذكر نطاقًا حين تختلف، كما في عدد الجلسات مثلًا.",
    fr = "La clinique a rédigé ce guide à partir d’un résumé d’articles publiés sur la mésothérapie contre la cellulite. Ces articles ne sont pas toujours d’accord. Quand ils diffèrent, nous donnons une fourchette, par exemple pour le nombre de séances.",
  },
  paragraph {
    en = "Some articles promise a lot. Here we say what is common, what is rare, and when to call us.",
    ar = "بعض المقالات تَعِد بالكثير. أما هنا فنذكر ما هو شائع، وما هو نادر، ومتى تتصل بنا.",
    fr = "Certains articles promettent beaucoup. Ici, nous disons ce qui est fréquent, ce qui est rare, et quand nous appeler.",
  },

  paragraph {
    en = "Last reviewed: November 2026.",
    ar = "آخر مراجعة: نوفمبر 2026.",
    fr = "Dernière révision : novembre 2026.",
  },

  heading { en = "Who to ask", ar = "مَن تسأل", fr = "À qui vous adresser", level = 2 },
  paragraph {
    en = "For questions about your own health or treatment, ask your clinician. Any member of our staff can help you find the right person.",
    ar = "إذا كانت لديك أسئلة عن صحتك أو علاجك، فاسأل طبيبك. ويمكن لأي من موظفينا أن يساعدك في الوصول إلى الشخص المناسب.",
    fr = "Pour toute question sur votre santé ou votre traitement, adressez-vous à votre praticien. Chaque membre de notre équipe peut vous orienter vers la bonne personne.",
  },

  button {
    to = "home", style = "secondary",
    label = { en = "Back to the start", ar = "العودة إلى البداية", fr = "Retour au début" },
  },
}
