-- Cost and choosing a clinic. The only price figure comes from one source:
-- say so, and send patients to a written quote.
page "cost" {
  title = { en = "Cost and choosing a clinic", ar = "التكلفة واختيار العيادة", fr = "Le coût et le choix d’une clinique" },
  heading { en = "What it costs", ar = "كم يكلّف العلاج", fr = "Combien cela coûte", level = 2 },
  paragraph {
    en = "The price depends on the area treated, and on the type and amount of product injected. The total also depends on how many sessions you need.",
    ar = "يعتمد السعر على المنطقة المعالَجة، وعلى نوع المادة المحقونة وكميتها. ويعتمد المجموع أيضًا على عدد الجلسات التي تحتاجها.",
    fr = "Le prix dépend de la zone traitée, ainsi que du type et de la quantité de produit injecté. Le total dépend aussi du nombre de séances dont vous avez besoin.",
  },
  paragraph {
    en = "One article gives about US$4,000 for a full course. This is only one source's figure: prices differ a lot between countries and clinics.",
    ar = "يذكر أحد المقالات مبلغًا يقارب 4,000 دولار أمريكي للعلاج الكامل. لكن هذا رقم مصدر واحد فقط، فالأسعار تختلف كثيرًا من بلد إلى آخر ومن عيادة إلى أخرى.",
    fr = "Un article indique environ 4 000 dollars américains pour un traitement complet. Ce chiffre ne vient que d’une seule source : les prix varient beaucoup selon les pays et les cliniques.",
  },
  callout {
    style = "info",
    title = { en = "Ask for a written quote", ar = "اطلب عرض سعر مكتوبًا", fr = "Demandez un devis écrit" },
    text = {
      en = "Before you start, ask the clinic to write down the full price of your course.",
      ar = "قبل أن تبدأ، اطلب من العيادة أن تكتب لك السعر الكامل لخطة علاجك.",
      fr = "Avant de commencer, demandez à la clinique de vous donner par écrit le prix total de votre traitement.",
    },
  },
  image {
    "images/cost.svg",
    alt = {
      en = "A receipt with a price tag, and a framed certificate with a seal, like a registered doctor or nurse would have.",
      ar = "إيصال عليه بطاقة سعر، وشهادة في إطار عليها ختم، مثل التي يحملها الطبيب أو الممرض المسجَّل.",
      fr = "Un reçu avec une étiquette de prix, et un diplôme encadré avec un sceau, comme en ont les médecins et les infirmiers/infirmières inscrits.",
    },
  },
  heading { en = "Choosing a clinic", ar = "اختيار العيادة", fr = "Choisir une clinique", level = 2 },
  paragraph {
    en = "Choose a doctor or nurse who is trained, experienced and registered. In 2005, the US health agency (CDC) reported long-lasting skin problems in patients injected by an unlicensed practitioner.",
    ar = "اختر طبيبًا أو ممرضًا مدرَّبًا وذا خبرة ومسجَّلًا رسميًا. ففي عام 2005 أبلغت الوكالة الصحية الأمريكية (CDC) عن مشكلات جلدية طويلة الأمد لدى مرضى حقنهم شخص غير مرخَّص.",
    fr = "Choisissez un professionnel formé, expérimenté et inscrit à son ordre : médecin ou infirmier/infirmière. En 2005, l’agence de santé américaine (CDC) a signalé des problèmes de peau durables chez des patients traités par une personne sans autorisation d’exercer.",
  },
  heading { en = "Questions you can ask", ar = "أسئلة يمكنك طرحها", fr = "Questions à poser", level = 2 },
  list {
    { en = "What is your professional registration, and what training do you have?", ar = "ما رقم تسجيلك المهني، وما تدريبك؟", fr = "Quelle est votre inscription professionnelle, et quelle formation avez-vous ?" },
    { en = "How often do you give this treatment?", ar = "كم مرة تقدّم هذا العلاج عادةً؟", fr = "Pratiquez-vous souvent ce traitement ?" },
    { en = "Are the products licensed for this use?", ar = "هل المنتجات مرخّصة لهذا الاستخدام؟", fr = "Les produits sont-ils autorisés pour cet usage ?" },
    { en = "What is in the injections, and why?", ar = "ما الذي تحتويه الحقن، ولماذا؟", fr = "Que contiennent les injections, et pourquoi ?" },
    { en = "How many sessions will I need, and what will it cost in total?", ar = "كم جلسة سأحتاج، وكم ستكون التكلفة الإجمالية؟", fr = "Combien de séances me faudra-t-il, et pour quel prix total ?" },
    { en = "Who do I contact if I have a problem after a session?", ar = "بمن أتصل إذا واجهت مشكلة بعد الجلسة؟", fr = "Qui dois-je contacter en cas de problème après une séance ?" },
  },
  button {
    to = "questions",
    label = { en = "Next: your questions", ar = "التالي: أسئلتك", fr = "Suite : vos questions" },
  },
}
