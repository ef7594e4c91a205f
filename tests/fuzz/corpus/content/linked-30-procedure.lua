-- What happens before, during and after a session.
page "procedure" {
  title = {
    en = "The procedure",
    ar = "خطوات العلاج",
    fr = "Le déroulement d’une séance",
  },

  paragraph {
    en = "Mesotherapy is done in a clinic by a trained doctor or nurse. There is no surgery and no cut in the skin.",
    ar = "يُجرى الميزوثيرابي في العيادة على يد طبيب أو ممرض مدرَّب. ولا يتضمّن جراحة ولا شقًّا في الجلد.",
    fr = "La mésothérapie se fait à la clinique, par un professionnel formé : médecin ou infirmier/infirmière. Il n’y a ni chirurgie ni incision de la peau.",
  },

  image {
    "images/procedure.svg",
    alt = {
      en = "Drawing of a patient resting on a treatment bed. A gloved hand holds a small syringe with a fine needle.",
      ar = "رسم لمريض مستلقٍ على سرير العلاج، ويد بقفاز تمسك حقنة صغيرة بإبرة دقيقة.",
      fr = "Dessin d’une personne allongée sur une table de soin. Une main gantée tient une petite seringue à aiguille fine.",
    },
    caption = {
      en = "A trained doctor or nurse gives the injections.",
      ar = "يقوم بالحقن طبيب أو ممرض مدرَّب.",
      fr = "Les injections sont faites par un médecin ou un infirmier/une infirmière.",
    },
  },

  heading { en = "Before", ar = "قبل الجلسة", fr = "Avant", level = 2 },
  list {
    { en = "Tell the doctor or nurse about any medicines you take and any allergies you have.",
      ar = "أخبر الطبيب أو الممرض بأي أدوية تتناولها وبأي حساسية لديك.",
      fr = "Signalez au médecin ou à l’infirmier/infirmière les médicaments que vous prenez et vos allergies." },
    { en = "The products should come sealed and be for one use only. They should be opened in front of you.",
      ar = "يجب أن تكون المنتجات مغلقة بإحكام ومخصصة للاستعمال مرة واحدة فقط، وأن تُفتح أمامك.",
      fr = "Les produits doivent arriver scellés et être à usage unique. Ils doivent être ouverts devant vous." },
    { en = "You can ask for the names and batch numbers of the products to be written down for you.",
      ar = "يمكنك أن تطلب كتابة أسماء المنتجات وأرقام تشغيلاتها لك.",
      fr = "Vous pouvez demander que le nom et le numéro de lot des produits soient notés pour vous." },
    { en = "The skin is cleaned.",
      ar = "يُنظَّف الجلد.",
      fr = "La peau est nettoyée." },
    { en = "A numbing cream may be put on to make it more comfortable.",
      ar = "قد يوضع كريم مخدّر لتكون الجلسة أكثر راحة.",
      fr = "Une crème anesthésiante peut être appliquée pour plus de confort." },
  },

  heading { en = "During", ar = "أثناء الجلسة", fr = "Pendant", level = 2 },
  list {
    { en = "The mix is injected with a very fine needle, or with an injection gun.",
      ar = "يُحقن المزيج بإبرة دقيقة جدًا، أو بمسدس حقن.",
      fr = "Le mélange est injecté avec une aiguille très fine, ou avec un pistolet à injection." },
    { en = "Many tiny injections are spread evenly over the area.",
      ar = "تُوزَّع حقن صغيرة كثيرة بالتساوي على المنطقة.",
      fr = "De nombreuses petites injections sont réparties sur toute la zone." },
    { en = "It takes about 30 to 60 minutes.",
      ar = "تستغرق من 30 إلى 60 دقيقة تقريبًا.",
      fr = "Cela dure environ 30 à 60 minutes." },
  },

  heading { en = "After", ar = "بعد الجلسة", fr = "Après", level = 2 },
  list {
    { en = "Most people go back to their usual activities the same day or the next day.",
      ar = "يعود معظم الناس إلى أنشطتهم المعتادة في اليوم نفسه أو في اليوم التالي.",
      fr = "La plupart des gens reprennent leurs activités le jour même ou le lendemain." },
    { en = "Bruising, redness or mild soreness where the needle went in is common.",
      ar = "من الشائع ظهور كدمات أو احمرار أو ألم خفيف في أماكن الحقن.",
      fr = "Des bleus, des rougeurs ou une légère douleur aux points d’injection sont fréquents." },
    { en = "Bruises usually fade within a few days to about 10 days.",
      ar = "تختفي الكدمات عادةً خلال أيام قليلة، وقد تبقى حتى 10 أيام تقريبًا.",
      fr = "Les bleus disparaissent en général en quelques jours, parfois en 10 jours environ." },
  },

  callout {
    style = "info",
    title = { en = "If you are worried", ar = "إذا شعرت بالقلق", fr = "En cas d’inquiétude" },
    text = {
      en = "If something worries you after a session, call the clinic. The red \"When to call us\" button at the top lists the signs to watch for.",
      ar = "إذا أقلقك أي شيء بعد الجلسة، فاتصل بالعيادة. يعرض الزر الأحمر «متى تتصل بنا» في أعلى الشاشة العلامات التي يجب الانتباه لها.",
      fr = "Si quelque chose vous inquiète après une séance, appelez la clinique. Le bouton rouge « Quand nous appeler », en haut de l’écran, liste les signes à surveiller.",
    },
  },

  button {
    to = "home",
    label = { en = "Next: how many sessions", ar = "التالي: عدد الجلسات", fr = "Suite : combien de séances" },
  },
}
