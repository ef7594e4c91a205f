-- Before deciding: who should not have it, what to tell the doctor or nurse,
-- what to ask, how to check who treats you, and how to report a side effect
-- or complain.
page "questions" {
  title = { en = "Is it right for me?", ar = "هل يناسبني هذا العلاج؟", fr = "Est-ce fait pour moi ?" },

  paragraph {
    en = "Mesotherapy is not right for everyone. Before you start, your doctor or nurse will ask about your health and what you hope for. Bring your own questions too.",
    ar = "الميزوثيرابي لا يناسب الجميع. قبل البدء، سيسألك الطبيب أو الممرض عن صحتك وعمّا تأمله من العلاج. ولا تتردد في طرح أسئلتك أنت أيضًا.",
    fr = "La mésothérapie ne convient pas à tout le monde. Avant de commencer, votre médecin ou infirmier/infirmière vous interrogera sur votre santé et vos attentes. Vous pouvez aussi poser vos propres questions.",
  },

  image {
    "images/questions.svg",
    alt = {
      en = "Two speech bubbles, one with a question mark, like a conversation.",
      ar = "فقاعتا حوار، في إحداهما علامة استفهام، كأنهما محادثة.",
      fr = "Deux bulles de dialogue, dont l’une contient un point d’interrogation.",
    },
    caption = {
      en = "It starts with an open talk with your doctor or nurse.",
      ar = "كل شيء يبدأ بحديث صريح مع الطبيب أو الممرض.",
      fr = "Tout commence par un échange ouvert avec votre médecin ou infirmier/infirmière.",
    },
  },

  heading { en = "Not suitable if you", ar = "لا يناسبك هذا العلاج إذا كنت", fr = "Ce traitement ne vous convient pas si vous", level = 2 },
  list {
    { en = "Are pregnant or breastfeeding",
      ar = "حاملًا أو مرضعًا",
      fr = "Êtes enceinte ou allaitez" },
    { en = "Have an infection, a wound or a skin disease in the area to be treated",
      ar = "مصابًا بعدوى أو جرح أو مرض جلدي في المنطقة التي ستُعالَج",
      fr = "Avez une infection, une plaie ou une maladie de peau dans la zone à traiter" },
    { en = "Have a bleeding disorder, or take medicine that thins the blood. Do not stop it yourself: talk to the doctor who prescribed it.",
      ar = "مصابًا باضطراب في تخثّر الدم، أو تتناول دواءً مميّعًا للدم. لا توقفه من تلقاء نفسك، بل تحدّث إلى الطبيب الذي وصفه لك.",
      fr = "Avez un trouble de la coagulation, ou prenez un médicament qui fluidifie le sang. Ne l’arrêtez pas vous-même : parlez-en au médecin qui vous l’a prescrit." },
    { en = "Are allergic to an ingredient, to numbing medicine, or to soy (the phosphatidylcholine often used is made from soy)",
      ar = "تعاني من حساسية تجاه أحد المكوّنات، أو تجاه أدوية التخدير الموضعي، أو تجاه الصويا (فمادة الفوسفاتيديل كولين المستخدمة كثيرًا مصنوعة من الصويا)",
      fr = "Êtes allergique à un ingrédient, aux produits anesthésiants, ou au soja (la phosphatidylcholine souvent utilisée est tirée du soja)" },
    { en = "Have diabetes or a weak immune system",
      ar = "مصابًا بالسكري أو بضعف في جهاز المناعة",
      fr = "Avez du diabète ou des défenses immunitaires affaiblies" },
    { en = "Tend to get keloid scars (thick, raised scars)",
      ar = "معرّضًا للندوب الجُدَرية (ندوب سميكة وبارزة)",
      fr = "Avez tendance à faire des chéloïdes (des cicatrices épaisses et en relief)" },
    { en = "Are under 18",
      ar = "دون 18 عامًا",
      fr = "Avez moins de 18 ans" },
  },
  paragraph {
    en = "Tell your doctor or nurse about your health, all the medicines you take, and any allergies.",
    ar = "أخبر الطبيب أو الممرض عن صحتك، وعن كل الأدوية التي تتناولها، وعن أي حساسية لديك.",
    fr = "Parlez à votre médecin ou infirmier/infirmière de votre santé, de tous vos médicaments et de vos allergies.",
  },

  heading { en = "Before you decide", ar = "قبل أن تقرّر", fr = "Avant de décider", level = 2 },
  list {
    { en = "Cellulite is normal and harmless. Doing nothing is an option.",
      ar = "السيلوليت أمر طبيعي وغير ضار. وعدم العلاج خيار ممكن.",
      fr = "La cellulite est normale et sans danger. Ne rien faire est une option." },
    { en = "Check who will treat you: ask for their professional registration, and check it with the national register.",
      ar = "تحقّق ممن سيعالجك: اطلب رقم تسجيله المهني، وتأكد منه في السجل الوطني.",
      fr = "Vérifiez qui va vous traiter : demandez son inscription professionnelle, et vérifiez-la dans le registre national." },
    { en = "No one should pressure you. Take your time to think before you agree.",
      ar = "لا ينبغي أن يضغط عليك أحد. خذ وقتك في التفكير قبل أن توافق.",
      fr = "Personne ne doit vous mettre la pression. Prenez le temps de réfléchir avant d’accepter." },
  },

  heading { en = "Questions you can ask", ar = "أسئلة يمكنك طرحها", fr = "Questions que vous pouvez poser", level = 2 },
  list {
    { en = "What is in the injections?", ar = "ماذا تحتوي الحقن؟", fr = "Que contiennent les injections ?" },
    { en = "What results can I expect, and what do good studies show?", ar = "ما النتائج التي يمكنني توقعها، وماذا تُظهر الدراسات الجيدة؟", fr = "Quels résultats puis-je attendre, et que montrent les études sérieuses ?" },
    { en = "What side effects might I have?", ar = "ما الآثار الجانبية التي قد تحدث لي؟", fr = "Quels effets secondaires pourrais-je avoir ?" },
    { en = "How many sessions might I need, and what will the whole course cost?", ar = "كم جلسة قد أحتاج، وكم ستكلّف الجلسات كلها؟", fr = "Combien de séances me faudra-t-il, et combien coûtera le traitement complet ?" },
  },

  callout {
    style = "info",
    title = { en = "If something goes wrong", ar = "إذا حدثت مشكلة", fr = "Si quelque chose ne va pas" },
    text = {
      en = "Contact the clinic first. You can also report a side effect yourself to the national regulator: {regulator}. To make a complaint, ask at the front desk for the clinic's complaints procedure.",
      ar = "تواصل مع العيادة أولًا. ويمكنك أيضًا أن تبلّغ بنفسك عن أي أثر جانبي إلى الجهة الرقابية الوطنية: {regulator}. ولتقديم شكوى، اطلب من مكتب الاستقبال إجراءات الشكاوى في العيادة.",
      fr = "Contactez d’abord la clinique. Vous pouvez aussi signaler vous-même un effet indésirable à l’autorité nationale : {regulator}. Pour faire une réclamation, demandez à l’accueil la procédure de réclamation de la clinique.",
    },
  },

  button { to = "home", label = { en = "Next: quick quiz", ar = "التالي: اختبار قصير", fr = "Suite : petit quiz" } },
}
