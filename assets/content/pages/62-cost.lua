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
    fr = "Un article indique environ 4 000 dollars américains pour un traitement complet. Ce chiffre ne vient que d’une seule source : les prix varient beaucoup selon les pays et les cliniques.",
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
      en = "A receipt with a price tag, and a framed certificate with a seal, as a trained clinician would have.",
      ar = "إيصال عليه بطاقة سعر، وشهادة في إطار عليها ختم، مثل التي يحملها المختص المدرَّب.",
      fr = "Un reçu avec une étiquette de prix, et un diplôme encadré avec un sceau, comme celui d’un praticien formé.",
    },
  },
  heading { en = "Choosing a clinic", ar = "اختيار العيادة", fr = "Choisir une clinique", level = 2 },
  paragraph {
    en = "Choose a trained, experienced health professional. This helps lower the risk of problems such as infection.",
    ar = "اختر مختصًا صحيًا مدرَّبًا وذا خبرة، فذلك يساعد على تقليل خطر المشكلات مثل العدوى.",
    fr = "Choisissez un professionnel de santé formé et expérimenté. Cela aide à réduire le risque de problèmes comme une infection.",
  },
  heading { en = "Questions you can ask", ar = "أسئلة يمكنك طرحها", fr = "Questions à poser", level = 2 },
  list {
    { en = "What training and qualifications do you have?", ar = "ما تدريبك وما مؤهلاتك؟", fr = "Quelle formation et quels diplômes avez-vous ?" },
    { en = "How often do you give this treatment?", ar = "كم مرة تقدّم هذا العلاج عادةً؟", fr = "Pratiquez-vous souvent ce traitement ?" },
    { en = "What is in the injections, and why?", ar = "ما الذي تحتويه الحقن، ولماذا؟", fr = "Que contiennent les injections, et pourquoi ?" },
    { en = "How many sessions will I need, and what will it cost in total?", ar = "كم جلسة سأحتاج، وكم ستكون التكلفة الإجمالية؟", fr = "Combien de séances me faudra-t-il, et pour quel prix total ?" },
    { en = "Who do I contact if I have a problem after a session?", ar = "بمن أتصل إذا واجهت مشكلة بعد الجلسة؟", fr = "Qui dois-je contacter en cas de problème après une séance ?" },
  },
  button {
    to = "questions",
    label = { en = "Next: your questions", ar = "التالي: أسئلتك", fr = "Suite : vos questions" },
  },
}
