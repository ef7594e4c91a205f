-- Before deciding: what to tell the clinician and what to ask.
page "questions" {
  title = { en = "Is it right for me?", ar = "هل يناسبني هذا العلاج؟", fr = "Est-ce fait pour moi ?" },

  paragraph {
    en = "Mesotherapy is not right for everyone. Before you start, your clinician will ask about your health and what you hope for. Bring your own questions too.",
    ar = "الميزوثيرابي لا يناسب الجميع. قبل البدء، سيسألك طبيبك عن صحتك وعمّا تأمله من العلاج. ولا تتردد في طرح أسئلتك أنت أيضًا.",
    fr = "La mésothérapie ne convient pas à tout le monde. Avant de commencer, votre praticien vous interrogera sur votre santé et vos attentes. Vous pouvez aussi poser vos propres questions.",
  },

  image {
    "images/questions.svg",
    alt = {
      en = "Two speech bubbles, one with a question mark, like a conversation.",
      ar = "فقاعتا حوار، في إحداهما علامة استفهام، كأنهما محادثة.",
      fr = "Deux bulles de dialogue, dont l’une contient un point d’interrogation.",
    },
    caption = {
      en = "It starts with an open talk with your clinician.",
      ar = "كل شيء يبدأ بحديث صريح مع طبيبك.",
      fr = "Tout commence par un échange ouvert avec votre praticien.",
    },
  },

  heading { en = "Tell your clinician about", ar = "أخبر طبيبك عن", fr = "Parlez à votre praticien de", level = 2 },
  list {
    { en = "Your health, now and in the past (your medical history)",
      ar = "صحتك الآن وفي الماضي (تاريخك الطبي)",
      fr = "Votre santé, actuelle et passée (vos antécédents médicaux)" },
    { en = "Any allergies, for example to medicines",
      ar = "أي حساسية لديك، مثل الحساسية من بعض الأدوية",
      fr = "Vos allergies, par exemple à des médicaments" },
    { en = "All the medicines you take, especially blood thinners",
      ar = "كل الأدوية التي تتناولها، وخاصةً مميّعات الدم",
      fr = "Tous vos médicaments, surtout ceux qui fluidifient le sang" },
    { en = "If you are pregnant, may be pregnant, or are breastfeeding",
      ar = "إذا كنتِ حاملًا أو قد تكونين حاملًا، أو كنتِ ترضعين",
      fr = "Si vous êtes enceinte, pensez l’être, ou allaitez" },
    { en = "Any skin problems where you would be treated",
      ar = "أي مشكلة جلدية في المنطقة التي ستُعالَج",
      fr = "Tout problème de peau dans la zone à traiter" },
  },

  heading { en = "Questions you can ask", ar = "أسئلة يمكنك طرحها", fr = "Questions que vous pouvez poser", level = 2 },
  list {
    { en = "What is in the injections?", ar = "ماذا تحتوي الحقن؟", fr = "Que contiennent les injections ?" },
    { en = "How many sessions might I need?", ar = "كم جلسة قد أحتاج؟", fr = "Combien de séances me faudra-t-il ?" },
    { en = "What results can I expect, and when?", ar = "ما النتائج التي يمكنني توقعها، ومتى؟", fr = "Quels résultats puis-je attendre, et quand ?" },
    { en = "What side effects might I have?", ar = "ما الآثار الجانبية التي قد تحدث لي؟", fr = "Quels effets secondaires pourrais-je avoir ?" },
    { en = "What will the whole course cost?", ar = "كم ستكلّف الجلسات كلها؟", fr = "Combien coûtera le traitement complet ?" },
  },

  callout {
    style = "info",
    title = { en = "Your clinician decides", ar = "القرار لطبيبك", fr = "Votre praticien décide" },
    text = {
      en = "Some people should not have mesotherapy. Your clinician will check whether it is safe and suitable for you.",
      ar = "هناك أشخاص لا ينبغي أن يتلقّوا الميزوثيرابي. وسيتحقق طبيبك مما إذا كان العلاج آمنًا ومناسبًا لك.",
      fr = "Certaines personnes ne doivent pas recevoir de mésothérapie. Votre praticien vérifiera si ce traitement est sûr et adapté pour vous.",
    },
  },

  button { to = "quiz", label = { en = "Next: quick quiz", ar = "التالي: اختبار قصير", fr = "Suite : petit quiz" } },
}
