-- What cellulite is, where it shows, why it is so common, and why diet
-- and exercise alone often do not remove it.
page "cellulite" {
  title = {
    en = "What is cellulite?",
    ar = "ما هو السيلوليت؟",
    fr = "Qu’est-ce que la cellulite ?",
  },

  paragraph {
    en = "Cellulite makes the skin look dimpled or lumpy. Some people call it \"orange peel\" skin. It is very common.",
    ar = "السيلوليت يجعل الجلد يبدو متموّجًا أو فيه نتوءات صغيرة، ويسميه بعض الناس «جلد البرتقال». وهو شائع جدًا.",
    fr = "La cellulite donne à la peau un aspect creusé ou bosselé. On parle parfois de « peau d’orange ». Elle est très fréquente.",
  },

  paragraph {
    en = "Under the skin there is a layer of fat. Bands of firm tissue, called connective tissue, run through it. When fat pushes up between these bands, the surface of the skin looks uneven.",
    ar = "تحت الجلد طبقة من الدهون تمرّ خلالها أشرطة من نسيج متين يُسمّى النسيج الضام. وعندما تندفع الدهون إلى الأعلى بين هذه الأشرطة، يبدو سطح الجلد غير مستوٍ.",
    fr = "Sous la peau se trouve une couche de graisse. Des bandes de tissu ferme, appelé tissu conjonctif, la traversent. Quand la graisse pousse vers le haut entre ces bandes, la surface de la peau devient irrégulière.",
  },

  image {
    "images/cellulite.svg",
    alt = {
      en = "Two drawings of the skin cut open. On the left, the surface is smooth. On the right, fat cells push up between firm bands of tissue, and the surface above them is dimpled.",
      ar = "رسمان لمقطع في الجلد. في الرسم الأيسر سطح الجلد أملس. وفي الرسم الأيمن تندفع خلايا دهنية إلى الأعلى بين أشرطة من نسيج متين، فيصبح السطح فوقها متموّجًا.",
      fr = "Deux dessins de la peau vue en coupe. À gauche, la surface est lisse. À droite, des cellules de graisse poussent vers le haut entre des bandes de tissu ferme, et la surface au-dessus est creusée.",
    },
    caption = {
      en = "Left: smooth skin. Right: fat pushing up between the bands makes dimples.",
      ar = "على اليسار: جلد أملس. على اليمين: اندفاع الدهون بين الأشرطة يصنع التموّجات.",
      fr = "À gauche : une peau lisse. À droite : la graisse qui pousse entre les bandes crée des creux.",
    },
  },

  columns {
    {
      heading { en = "Where it shows", ar = "أين يظهر؟", fr = "Où la voit-on ?", level = 2 },
      list {
        { en = "Thighs and legs", ar = "الفخذان والساقان", fr = "Les cuisses et les jambes" },
        { en = "Buttocks", ar = "الأرداف", fr = "Les fesses" },
        { en = "Belly", ar = "البطن", fr = "Le ventre" },
        { en = "Upper arms", ar = "أعلى الذراعين", fr = "Le haut des bras" },
      },
    },
    {
      image {
        "images/body-areas.svg",
        alt = {
          en = "A simple figure seen from the front and the back. The upper arms, belly, buttocks and thighs are coloured.",
          ar = "رسم بسيط لجسم من الأمام ومن الخلف، ظُلّل فيه أعلى الذراعين والبطن والأرداف والفخذان.",
          fr = "Une silhouette simple vue de face et de dos. Le haut des bras, le ventre, les fesses et les cuisses sont en couleur.",
        },
      },
    },
  },

  heading {
    en = "Why is it so common in women?",
    ar = "لماذا هو شائع جدًا لدى النساء؟",
    fr = "Pourquoi est-elle si fréquente chez les femmes ?",
    level = 2,
  },

  paragraph {
    en = "Our sources say about 9 in 10 women have some cellulite. Men can have it too. Several things play a part:",
    ar = "تذكر مصادرنا أن نحو 9 من كل 10 نساء لديهن شيء من السيلوليت، وقد يصيب الرجال أيضًا. وتشترك في ذلك عدة عوامل:",
    fr = "Selon nos sources, environ 9 femmes sur 10 ont un peu de cellulite. Les hommes peuvent en avoir aussi. Plusieurs choses jouent un rôle :",
  },

  list {
    { en = "Hormones.",
      ar = "الهرمونات.",
      fr = "Les hormones." },
    { en = "Family: it often runs in families.",
      ar = "الوراثة: كثيرًا ما يتكرر في العائلة نفسها.",
      fr = "L’hérédité : elle est souvent présente dans la même famille." },
    { en = "How the body stores fat: below the waist, women's bodies store more fat and release it more slowly.",
      ar = "طريقة تخزين الدهون: جسم المرأة مهيّأ لتخزين دهون أكثر تحت الخصر، وللتخلّص منها ببطء أكبر.",
      fr = "La façon dont le corps stocke la graisse : sous la taille, le corps des femmes est fait pour en stocker plus et la perdre plus lentement." },
  },

  callout {
    style = "info",
    title = {
      en = "Diet and exercise",
      ar = "الغذاء والرياضة",
      fr = "Alimentation et sport",
    },
    text = {
      en = "Eating well and staying active often do not remove cellulite on their own. They are still good for your health, and our sources say they help any treatment work better.",
      ar = "الأكل الصحي والنشاط البدني لا يزيلان السيلوليت وحدهما في أغلب الأحيان. لكنهما مفيدان لصحتك، وتذكر مصادرنا أنهما يساعدان أي علاج على إعطاء نتيجة أفضل.",
      fr = "Bien manger et bouger ne suffisent souvent pas à faire disparaître la cellulite. Ils restent bons pour votre santé, et selon nos sources, ils aident tout traitement à mieux fonctionner.",
    },
  },

  button {
    to = "how-it-works",
    label = { en = "Next: how it works", ar = "التالي: كيف يعمل", fr = "Suite : le principe" },
  },
}
